import type { FastifyRequest } from "fastify";
import type { ZodFastifySchemaValidationError } from "fastify-type-provider-zod";
import type { FieldIssue } from "../domain/errors.ts";
import { onePerField } from "../domain/issue-wording.ts";

// A route's schema refused part of a request: one issue per field, named as a client sent it
// (`subject`, `querystring.limit`, `params.number`), in Baton's words.

// What zod reports about a value's type or choice, which for a key not sent at all is "required"
// whatever message the schema gives (z.email("must be an email address") says so for a missing
// one too). Rules a schema states itself (refine) keep their words.
const ABOUT_THE_VALUE = new Set(["invalid_type", "invalid_value", "invalid_union"]);

function fieldName(path: string, where: string): string {
  const prefix = where === "body" ? "" : where;
  const inner = path.replace(/^\//, "").replaceAll("/", ".");
  if (!inner) return prefix || where;
  return prefix ? `${prefix}.${inner}` : inner;
}

/** Whether the key at a validation path was sent (its parent exists and does not hold it). */
function missing(sent: unknown, path: string): boolean {
  const keys = path.replace(/^\//, "").split("/").filter(Boolean);
  if (keys.length === 0) return false;
  let value: unknown = sent;
  for (const key of keys.slice(0, -1)) {
    if (value === null || typeof value !== "object") return false;
    value = (value as Record<string, unknown>)[key];
  }
  const last = keys.at(-1) ?? "";
  return value !== null && typeof value === "object" && !Object.hasOwn(value, last);
}

const PARTS: Record<string, (request: FastifyRequest) => unknown> = {
  body: (r) => r.body,
  querystring: (r) => r.query,
  params: (r) => r.params,
  headers: (r) => r.headers,
};

export function fieldIssues(
  validation: readonly ZodFastifySchemaValidationError[],
  where: string,
  request: FastifyRequest,
): FieldIssue[] {
  const sent = PARTS[where]?.(request);
  return onePerField(
    validation.flatMap((v): FieldIssue[] => {
      // A strict object's unknown keys are reported on the object; name each key instead.
      const keys = v.keyword === "unrecognized_keys" ? v.params.keys : undefined;
      if (Array.isArray(keys) && keys.length > 0)
        return keys.map((key) => ({
          field: fieldName(`${v.instancePath.replace(/\/$/, "")}/${String(key)}`, where),
          message: "is not a known field",
        }));
      const required = ABOUT_THE_VALUE.has(v.keyword) && missing(sent, v.instancePath);
      return [
        {
          field: fieldName(v.instancePath, where),
          message: required ? "is required" : (v.message ?? "is not valid"),
        },
      ];
    }),
  );
}
