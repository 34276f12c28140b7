import type { FastifySchemaCompiler } from "fastify";
import { createScanner, type SyntaxKind } from "jsonc-parser";
import { DomainError } from "../domain/errors.ts";
import { textProblem } from "../domain/text.ts";

// Every text a client sends passes one rule (domain/text.ts textProblem), whatever the route's
// own schema says: a field that forgot `safeText` can no longer store NUL or bidi overrides.

const MAX_DEPTH = 64;

function refused(field: string, message: string): DomainError {
  return new DomainError("validation", "invalid_input", `${field}: ${message}`, {
    issues: [{ field, message }],
  });
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** The first field (a path such as `steps.0.note`) whose key or text breaks the text rule. */
export function unsafeText(value: unknown, path = "", depth = 0): DomainError | undefined {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? refused(path || "body", problem) : undefined;
  }
  // Deeper than any route takes: the route's own schema refuses it, naming the outer field.
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeText(value[i], join(path, i), depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem) return refused(join(path, "(a field name)"), keyProblem);
    const found = unsafeText(item, join(path, key), depth + 1);
    if (found) return found;
  }
  return undefined;
}

const PREFIX: Record<string, string> = { body: "", querystring: "querystring", params: "params" };

/** Wraps the zod validator compiler: the text rule first, then the route's schema. */
export function guardText<S>(inner: FastifySchemaCompiler<S>): FastifySchemaCompiler<S> {
  return (route) => {
    const validate = inner(route);
    const prefix = PREFIX[route.httpPart ?? "body"];
    if (prefix === undefined) return validate;
    return (data) => {
      const problem = unsafeText(data, prefix);
      return problem ? { error: problem } : validate(data);
    };
  };
}

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
