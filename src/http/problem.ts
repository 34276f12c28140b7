import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { ReplicaUnavailable } from "../db/client.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { DomainError, type ErrorKind, type FieldIssue } from "../domain/errors.ts";
import { onePerField } from "../domain/issue-wording.ts";
import { fieldIssues } from "./field-issues.ts";

// One table from error kind to HTTP status: the only place that knows both.
const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rule: 422,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * The wait a 503 asks for while the database is away: a PostgreSQL restart or a managed
 * failover takes a few seconds to some tens of seconds; clients that obey it do not pile on.
 */
export const DATABASE_RETRY_SECONDS = 5;

const PLUGIN_CODES: Record<number, { code: string; detail: string }> = {
  401: { code: "unauthenticated", detail: "Sign in first" },
  403: { code: "forbidden", detail: "This is not allowed" },
  404: { code: "not_found", detail: "Nothing is here" },
  405: { code: "method_not_allowed", detail: "This address does not take that method" },
  413: { code: "body_too_large", detail: "The request body is too large" },
  415: { code: "unsupported_media_type", detail: "Send the body as application/json" },
  429: { code: "rate_limited", detail: "Too many requests; wait and try again" },
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldIssue[];
  [extra: string]: unknown;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  // The wait a 429 or 503 states in its body, also as the header clients and proxies read.
  if (typeof problem.retryAfterSeconds === "number")
    reply.header("retry-after", String(problem.retryAfterSeconds));
  return reply.code(problem.status).type("application/problem+json").send(problem);
}

function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: `https://baton.example/problems/${code}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    ...extra,
  };
}

/** Maps anything thrown to problem+json. Unknown errors never leak their text. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof DomainError) {
    const status = STATUS[error.kind];
    return problem(status, error.code, error.message, {
      ...(error.issues.length ? { errors: onePerField(error.issues) } : {}),
      ...(error.details ?? {}),
    });
  }
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const errors = fieldIssues(fe.validation, fe.validationContext ?? "body", request);
    const first = errors[0];
    return problem(
      400,
      "invalid_input",
      first ? `${first.field}: ${first.message}` : "Invalid input",
      {
        errors,
      },
    );
  }
  switch (fe.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return problem(413, "body_too_large", "The request body is too large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return problem(415, "unsupported_media_type", "Send the body as application/json");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return problem(400, "invalid_input", "The JSON body is empty", {
        errors: [{ field: "body", message: "is empty" }],
      });
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return problem(400, "invalid_json", "The body is not valid JSON", {
        errors: [{ field: "body", message: "is not valid JSON" }],
      });
  }
  if (fe instanceof SyntaxError || fe.name === "SyntaxError" || fe instanceof RangeError)
    return problem(400, "invalid_json", "The body is not valid JSON", {
      errors: [{ field: "body", message: "is not valid JSON" }],
    });
  const status = typeof fe.statusCode === "number" ? fe.statusCode : 500;
  // Errors raised by plugins (the rate limiter, the router) carry only a status: give it the
  // code Baton itself uses for that status, so a client has one code to handle per cause.
  const known = PLUGIN_CODES[status];
  if (known) return problem(status, known.code, known.detail);
  if (status >= 400 && status < 500)
    return problem(status, "bad_request", TITLES[status] ?? "The request was refused");
  // Not a bug of Baton's: warn without the stack; the pool reconnects on the next request.
  const unavailable = (code: string, detail: string) => {
    request.log.warn({ err: { message: messageOf(error) } }, code.replace("_", " "));
    return problem(503, code, detail, { retryAfterSeconds: DATABASE_RETRY_SECONDS });
  };
  if (error instanceof ReplicaUnavailable)
    return unavailable(
      "replica_unavailable",
      "Reports, analytics, CSV exports and calendar feeds are read from a replica that cannot be reached at the moment; try again in a minute. Cases and everything else work as usual",
    );
  if (isDatabaseUnavailable(error))
    return unavailable(
      "database_unavailable",
      "The database cannot be reached at the moment; try again in a few seconds. A change sent just now may or may not have been saved: read it back before sending it again",
    );
  request.log.error({ err: error }, "unhandled error");
  return problem(500, "internal", "Something went wrong on our side; it has been logged");
}

function messageOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
