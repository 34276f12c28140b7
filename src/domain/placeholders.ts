// {{name}} placeholders in text a workspace writes (message templates, canned replies). The
// text is data and the code only fills in values, so the wording can never reach facts the code
// does not hand it.

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
  for (const line of template.split("\n")) {
    const names = placeholdersOf(line);
    const filled = line.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
    const onlyPlaceholders = names.length > 0 && line.replace(PLACEHOLDER, "").trim() === "";
    if (onlyPlaceholders && filled.trim() === "") continue;
    lines.push(filled);
  }
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
