/*
 * A sentence Baton writes in English (the timeline's system lines, the audit's summaries) also as
 * a code and its values, so a page can say it in its reader's language. The English stays for the
 * API's readers, mail and CSV; rows written before codes existed have only it.
 */

/** Values are names and labels as written, numbers, ISO times or codes; none is English prose. */
export type SaidValues = Record<string, string | number>;

export interface Said {
  code: string;
  values: SaidValues;
}

/** A code with its values, leaving out those that are null or undefined (absent in the sentence). */
export function said(
  code: string,
  values: Record<string, string | number | null | undefined> = {},
): Said {
  const kept: SaidValues = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) kept[k] = v;
  return { code, values: kept };
}

/** A stored row's `line` as a Said, or null when it has none (written before) or is malformed. */
export function saidIn(data: unknown): Said | null {
  const line = (data as { line?: unknown } | null)?.line as Partial<Said> | undefined;
  if (!line || typeof line.code !== "string" || typeof line.values !== "object" || !line.values)
    return null;
  return { code: line.code, values: line.values as SaidValues };
}
