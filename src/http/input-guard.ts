import type { FastifySchemaCompiler } from "fastify";
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
