import { DrizzleQueryError } from "drizzle-orm";

/**
 * Whether an error means the database could not be reached or went away (a restart, a failover,
 * an administrator ending connections) rather than that the query was wrong. Such a request may
 * succeed if sent again in a few seconds, so it is answered 503 with Retry-After, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (unavailableHere(error)) return true;
  // Drizzle wraps the driver's error in its own. Only its cause is followed: a refused socket
  // under some other error (an outgoing webhook's fetch, the S3 store) is not the database's.
  return error instanceof DrizzleQueryError && isDatabaseUnavailable(error.cause);
}

// SQLSTATE codes a query gets while the server is going away or not yet back.
const UNAVAILABLE_STATES = new Set([
  "57P01", // admin_shutdown: the server is stopping (smart/fast restart)
  "57P02", // crash_shutdown: another backend crashed and the server is resetting
  "57P03", // cannot_connect_now: starting up, shutting down or in recovery
  "53300", // too_many_connections: the server is full for now
]);

// Node's socket errors when the server is down or the connection broke.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

// node-postgres raises these as plain Errors, without a code, when a connection it holds ends.
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Connection terminated due to connection timeout/,
];

function unavailableHere(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    // Class 08: connection exceptions (08000, 08003, 08006, 08001, 08004 …).
    if (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_STATES.has(code)) return true;
    if (SOCKET_CODES.has(code)) return true;
  }
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e)))
    return true;
  return DRIVER_MESSAGES.some((pattern) => pattern.test(error.message));
}
