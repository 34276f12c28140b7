import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fill } from "../../src/domain/placeholders.ts";

// fill() cuts each template line at its placeholders once and joins the parts per message; this
// holds it to the plain reading: each {{name}} replaced where a value is given, and a line of
// placeholders alone dropped when they all came out empty.
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;
function reference(template: string, values: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  for (const text of template.split("\n")) {
    if (!PLACEHOLDER.test(text)) {
      PLACEHOLDER.lastIndex = 0;
      lines.push(text);
      continue;
    }
    PLACEHOLDER.lastIndex = 0;
    const filled = text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
    const only = text.replace(PLACEHOLDER, "").trim() === "";
    if (only && filled.trim() === "") continue;
    lines.push(filled);
  }
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const names = ["caseNumber", "reason", "holderName", "x1"];
const piece = fc.oneof(
  fc.constantFrom(...names).map((n) => `{{${n}}}`),
  fc.constantFrom(...names).map((n) => `{{ ${n} }}`),
  fc.constantFrom("\n", " ", "Reason: ", "{{", "}}", "{{9x}}", "$&", "—", "😀"),
  fc.string({ maxLength: 6 }),
);
const template = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(""));
const values = fc.dictionary(
  fc.constantFrom(...names),
  fc.oneof(fc.constant(""), fc.constantFrom("$&", "{{reason}}", "a\nb", " "), fc.string()),
);

describe("fill", () => {
  it("fills as the plain reading does, for any template and values", () => {
    fc.assert(
      fc.property(template, values, (t, v) => {
        expect(fill(t, v)).toBe(reference(t, v));
        // Twice: the second call reads the template's parts from memory.
        expect(fill(t, v)).toBe(reference(t, v));
      }),
      { numRuns: 2000 },
    );
  });
});
