import { createScanner, type SyntaxKind } from "jsonc-parser";

// JSON.parse keeps the last of a key sent twice, silently: the API refuses such a body, and a
// policy file read by the CLI or the web app's import is refused the same way.

// The scanner's token kinds (a const enum in its types, which erasable TypeScript cannot read).
const TOKEN = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  string: 10,
  end: 17,
} as const satisfies Record<string, SyntaxKind>;

type Level =
  | { kind: "object"; keys: Set<string>; key: string | undefined; expectKey: boolean }
  | { kind: "array"; index: number };

/**
 * The dotted path of the first key that appears twice in one object of a JSON text, if any.
 * JSON.parse keeps the last one silently, so `{"workspace":"a","workspace":"b"}` would act on b.
 * A token scanner with an explicit stack, not a recursive parser: depth cannot overflow it.
 */
export function duplicateKey(text: string): string | undefined {
  const scanner = createScanner(text, true);
  const stack: Level[] = [];
  const pathTo = (key: string) =>
    [...stack.map((l) => (l.kind === "object" ? (l.key ?? "") : l.index)), key].join(".");
  for (let token: number = scanner.scan(); token !== TOKEN.end; token = scanner.scan()) {
    const top = stack.at(-1);
    switch (token) {
      case TOKEN.openBrace:
        stack.push({ kind: "object", keys: new Set(), key: undefined, expectKey: true });
        break;
      case TOKEN.openBracket:
        stack.push({ kind: "array", index: 0 });
        break;
      case TOKEN.closeBrace:
      case TOKEN.closeBracket:
        stack.pop();
        break;
      case TOKEN.comma:
        if (top?.kind === "object") top.expectKey = true;
        else if (top?.kind === "array") top.index++;
        break;
      case TOKEN.string:
        if (top?.kind === "object" && top.expectKey) {
          const key = scanner.getTokenValue();
          // The path names the parent's keys, so it is built before this key becomes current.
          if (top.keys.has(key)) {
            stack.pop();
            return pathTo(key).replace(/^\./, "");
          }
          top.keys.add(key);
          top.key = key;
          top.expectKey = false;
        }
        break;
    }
  }
  return undefined;
}
