import type { SwaggerTransform, SwaggerTransformObject } from "@fastify/swagger";
import type { FastifyRequest, FastifySchema } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";

// What a generated client needs beyond the routes' own schemas: every problem the server can
// answer with, typed; 204s without a body; request bodies that are not JSON; components that
// are referenced, not copied; and the server the document was fetched from.

export const problemSchema = z
  .object({
    type: z.string().describe("A URL naming the kind of problem"),
    title: z.string().describe("The HTTP status in words"),
    status: z.number().int(),
    detail: z.string().describe("What went wrong, in words for a person"),
    code: z.string().describe("Stable, for programs: invalid_input, version_conflict, …"),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe("One entry per field sent wrongly, e.g. subject: is required"),
    currentVersion: z
      .number()
      .int()
      .optional()
      .describe("409 on a stale version: the version now stored; read it again and retry"),
    retryAfterSeconds: z
      .number()
      .int()
      .optional()
      .describe("429 and 503: how long to wait (also the Retry-After header)"),
  })
  .catchall(z.unknown())
  .meta({ id: "Problem", description: "An error (RFC 9457 problem details)" });

const PROBLEM_TEXT: Record<number, string> = {
  400: "The request is malformed or a field is invalid (code invalid_input, invalid_json, …)",
  401: "Not signed in, or the token is unknown, expired or revoked",
  403: "Signed in, but not allowed to do this (or a read-only token tried to write)",
  404: "Nothing is here, or it is not visible to you",
  409: "It changed meanwhile (version_conflict, with currentVersion when a version was sent)",
  410: "It existed and is used up or withdrawn for good",
  413: "The body or a file is larger than allowed",
  415: "The body's content type is not one this operation takes",
  422: "Well-formed, but the policy or the case's state does not allow it",
  429: "Too many requests; wait retryAfterSeconds",
  503: "The database cannot be reached (database_unavailable), or the read replica a report, export or calendar feed reads (replica_unavailable); wait retryAfterSeconds",
};

const problemResponse = (status: number) => ({
  description: PROBLEM_TEXT[status] ?? "An error",
  content: { "application/problem+json": { schema: problemSchema } },
});

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Schema = FastifySchema & { response?: Record<string, unknown> };

/** The problems an operation can answer with, from what it takes and who may call it. */
function problemStatuses(schema: Schema, method: string, url: string, limited: boolean): number[] {
  const statuses = new Set<number>([503]);
  const write = WRITES.has(method);
  const takesBody = schema.body !== undefined || schema.consumes !== undefined;
  if (schema.body || schema.querystring || schema.params || schema.headers || takesBody)
    statuses.add(400);
  const signedIn = !(Array.isArray(schema.security) && schema.security.length === 0);
  if (signedIn) {
    statuses.add(401);
    statuses.add(403);
  }
  if (url.includes(":") || url.includes("{")) statuses.add(404);
  // Writes that act on a thing named in the path or the body can meet a changed or refusing one.
  if (write && signedIn && (schema.params || takesBody)) {
    statuses.add(409);
    statuses.add(422);
  }
  if (takesBody) {
    statuses.add(413);
    statuses.add(415);
  }
  if (limited) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

// Request bodies read raw rather than as JSON, as a client must send them.
const RAW_BODIES: Record<string, Record<string, unknown>> = {
  "multipart/form-data": {
    type: "object",
    properties: { file: { type: "string", format: "binary" } },
    required: ["file"],
  },
  "message/rfc822": { type: "string", format: "binary" },
};

// Answers that are not JSON (a feed, a file, a stream), for routes that send them as-is.
const RAW_ANSWERS: Record<string, { description: string; schema: Record<string, unknown> }> = {
  "text/calendar": { description: "An iCalendar file (RFC 5545)", schema: { type: "string" } },
  "text/csv": { description: "CSV (RFC 4180) with a header row", schema: { type: "string" } },
  "text/event-stream": {
    description: "Server-sent events, one `event: case` per change, until the client leaves",
    schema: { type: "string" },
  },
  "application/octet-stream": {
    description: "The file's bytes, sent with the content type it was stored with",
    schema: { type: "string", format: "binary" },
  },
};

export const documentRoute: SwaggerTransform = (input) => {
  const { route } = input;
  const schema = input.schema as Schema | undefined;
  if (!schema || schema.hide) return jsonSchemaTransform(input);
  const method = String(Array.isArray(route.method) ? route.method[0] : route.method);
  const config = route.config as
    | { rateLimit?: unknown; probe?: boolean; problems?: readonly number[] }
    | undefined;
  const response: Record<string, unknown> = { ...(schema.response ?? {}) };
  // Probes answer for the process, not a client's request: they document their own answers.
  const statuses = config?.probe
    ? []
    : [
        ...problemStatuses(schema, method, input.url, config?.rateLimit !== undefined),
        ...(config?.problems ?? []),
      ];
  for (const status of statuses) response[status] ??= problemResponse(status);
  const out = jsonSchemaTransform({ ...input, schema: { ...schema, response } });
  const transformed = out.schema as Schema;
  const responses = transformed.response as Record<string, Record<string, unknown>>;
  // A 204 or a redirect has no body: `type: null` is how @fastify/swagger leaves it out.
  for (const [status, answer] of Object.entries(responses)) {
    if (status === "204") responses[status] = { type: "null", description: "Done; no content" };
    if (status.startsWith("3"))
      responses[status] = {
        type: "null",
        description: answer.description ?? "A redirect",
        headers: { location: { type: "string", description: "Where to go next" } },
      };
  }
  const produced = schema.produces?.find((type) => RAW_ANSWERS[type]);
  const answer = produced ? RAW_ANSWERS[produced] : undefined;
  if (produced && answer && !Object.keys(responses).some((status) => status.startsWith("2")))
    responses["200"] = {
      description: answer.description,
      content: { [produced]: { schema: answer.schema } },
    };
  const raw = schema.consumes?.find((type) => RAW_BODIES[type]);
  if (raw && !transformed.body) transformed.body = RAW_BODIES[raw];
  return out;
};

/**
 * Zod's registry yields an input and an output component for every named schema; only the ones
 * an operation (or another used component) refers to stay, so the document lists no dead ones.
 */
export const documentObject: SwaggerTransformObject = (input) => {
  // The OpenAPI 3 document this app builds (the union also covers Swagger 2, which has none).
  const document = jsonSchemaTransformObject(input) as {
    components?: { schemas?: Record<string, unknown> };
  };
  const schemas = document.components?.schemas;
  if (!schemas) return document as ReturnType<SwaggerTransformObject>;
  const refsIn = (value: unknown): string[] =>
    [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
  const used = new Set(
    refsIn({ ...document, components: { ...document.components, schemas: {} } }),
  );
  for (const name of used) for (const next of refsIn(schemas[name])) used.add(next);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return {
    ...document,
    components: { ...document.components, schemas: kept },
  } as ReturnType<SwaggerTransformObject>;
};

/** The address clients reach this server at: BATON_PUBLIC_URL, else the request's own. */
export function serverUrl(publicUrl: string | undefined, request: FastifyRequest): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  return `${request.protocol}://${request.host}`;
}

export function withServer<T extends object>(
  document: T,
  publicUrl: string | undefined,
  request: FastifyRequest,
): T & { servers: { url: string }[] } {
  return { ...document, servers: [{ url: serverUrl(publicUrl, request) }] };
}
