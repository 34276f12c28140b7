// {{name}} placeholders in text a workspace writes (message templates, canned replies). The
// text is data and the code only fills in values, so the wording can never reach facts the code
// does not hand it.

import { boundedCache } from "./bounded-cache.ts";

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))];
}

/**
 * Fills {{name}} from `values`. A line made only of placeholders that all came out empty is
 * dropped, so optional parts ("Reason: {{reason}}" written as "{{reasonLine}}") leave no gap;
 * runs of blank lines collapse to one. Unknown names are left as written (the editor refuses them).
 */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  for (const line of linesOf(template)) {
    if (!line.parts) {
      lines.push(line.text);
      continue;
    }
    let filled = "";
    for (const part of line.parts)
      filled += typeof part === "string" ? part : (values[part.name] ?? part.whole);
    if (line.onlyPlaceholders && filled.trim() === "") continue;
    lines.push(filled);
  }
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

interface TemplateLine {
  text: string;
  /** The line cut at its placeholders, or null when it has none. */
  parts: (string | { name: string; whole: string })[] | null;
  /** Nothing but placeholders and spaces: dropped when they all come out empty. */
  onlyPlaceholders: boolean;
}

// A template's lines, read once: the same few wordings are filled for every message, and reading
// them again each time was a tenth of what rendering a transfer's notice cost.
const parsed = boundedCache<TemplateLine[]>(1000);

function linesOf(template: string): TemplateLine[] {
  return parsed(template, () =>
    template.split("\n").map((text) => {
      const found = [...text.matchAll(PLACEHOLDER)];
      if (found.length === 0) return { text, parts: null, onlyPlaceholders: false };
      const parts: NonNullable<TemplateLine["parts"]> = [];
      let at = 0;
      for (const m of found) {
        if (m.index > at) parts.push(text.slice(at, m.index));
        parts.push({ name: m[1] ?? "", whole: m[0] });
        at = m.index + m[0].length;
      }
      if (at < text.length) parts.push(text.slice(at));
      return { text, parts, onlyPlaceholders: text.replace(PLACEHOLDER, "").trim() === "" };
    }),
  );
}
