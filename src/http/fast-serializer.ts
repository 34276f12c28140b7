import fastJson, { type Schema } from "fast-json-stringify";
import type { FastifyRouteSchemaDef } from "fastify/types/schema.js";
import { serializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";

type JsonSchema = { [key: string]: unknown };

/**
 * Zod writes `.nullable()` as anyOf [the type, null]; fast-json-stringify would pick the branch
 * at run time by validating each value against both, so it becomes a list of types instead.
 */
function nullableAsTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsTypes);
  if (typeof node !== "object" || node === null) return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = nullableAsTypes(value);
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const [a, b] = anyOf as JsonSchema[];
    const other = a?.type === "null" ? b : b?.type === "null" ? a : undefined;
    if (other && typeof other.type === "string") {
      const { anyOf: _, ...rest } = out;
      return { ...rest, ...other, type: [other.type, "null"] };
    }
  }
  return out;
}

/**
 * The response as JSON through a serializer compiled from its schema (fast-json-stringify), for
 * routes whose responses are large and sent often. The default (fastify-type-provider-zod)
 * checks every response against its Zod schema, copying each object on the way, then runs
 * JSON.stringify: a list page paid for both on every request. This writes only the properties
 * the schema names, as Zod's copy does, but no longer refuses a response that breaks its schema:
 * the routes' contract tests do that (test/integration/response-contracts.test.ts). A schema
 * that JSON Schema cannot express (transforms, dates) keeps the Zod serializer.
 */
export function fastSerializerCompiler<T>(
  route: FastifyRouteSchemaDef<T>,
): (data: unknown) => string {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(route.schema as z.ZodType, {
      target: "draft-7",
      io: "output",
    }) as JsonSchema;
  } catch {
    return serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
  }
  const { $schema: _, ...schema } = nullableAsTypes(json) as JsonSchema;
  return fastJson(schema as unknown as Schema) as (data: unknown) => string;
}
