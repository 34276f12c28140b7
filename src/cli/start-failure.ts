import type { Config } from "../config.ts";
import { ReplicaUnreachable } from "../db/client.ts";
import { PoolerRefused } from "../db/pooling.ts";

interface SystemError extends Error {
  code?: string;
  port?: number;
  address?: string;
}

// node-postgres's words when a connection is not made within connectionTimeoutMillis.
const CONNECT_TIMEOUT =
  /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout)/;

const isSystemError = (error: unknown): error is SystemError =>
  error instanceof Error && typeof (error as SystemError).code === "string";

/** DATABASE_URL without its password, for a message that may end up in a log. */
function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL";
  }
}

/**
 * One line for what commonly stops a start (a port taken, PostgreSQL not there, a pooler in the
 * wrong mode), naming the setting that fixes it; undefined for anything else, which keeps its
 * stack for a bug report.
 */
export function startFailure(error: unknown, config: Config): string | undefined {
  if (error instanceof PoolerRefused) return error.message;
  if (error instanceof ReplicaUnreachable && config.databaseReadUrl) {
    const cause = error.cause;
    const why = isSystemError(cause) ? cause.code : cause instanceof Error ? cause.message : "";
    return `Cannot reach the read replica at ${shownUrl(config.databaseReadUrl)} (${why}): is it running, and is DATABASE_READ_URL right?`;
  }
  if (config.databaseUrl && error instanceof Error && CONNECT_TIMEOUT.test(error.message))
    return `PostgreSQL at ${shownUrl(config.databaseUrl)} did not answer within ${config.dbConnectTimeoutMs} ms (BATON_DB_CONNECT_TIMEOUT_MS): is the host right, and does a firewall let the connection through?`;
  if (!isSystemError(error)) return undefined;
  const inbound = config.inbound.smtp;
  const isInbound =
    inbound !== undefined && error.port === inbound.port && error.port !== config.port;
  const where = `${error.address ?? config.host}:${error.port ?? config.port}`;
  if (error.code === "EADDRINUSE")
    return isInbound
      ? `Cannot take inbound mail on ${where}: another program listens there. Set BATON_INBOUND_SMTP to a free host:port, or to off.`
      : `Cannot listen on ${where}: another program (perhaps another Baton) listens there. Stop it, or set PORT to a free port.`;
  if (error.code === "EACCES")
    return isInbound
      ? `Cannot take inbound mail on ${where}: this user may not open that port. Set BATON_INBOUND_SMTP to a port above 1023, or to off.`
      : `Cannot listen on ${where}: this user may not open that port. Set PORT to a port above 1023.`;
  if (error.code === "EADDRNOTAVAIL")
    return `Cannot listen on ${where}: this machine has no such address. Set HOST to one of its addresses, or 0.0.0.0.`;
  if (
    config.databaseUrl &&
    ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "EAI_AGAIN"].includes(error.code ?? "")
  )
    return `Cannot reach PostgreSQL at ${shownUrl(config.databaseUrl)} (${error.code}): is it running, and is DATABASE_URL right?`;
  if (config.databaseUrl && error.code === "3D000")
    return `PostgreSQL has no such database (${shownUrl(config.databaseUrl)}): create it (createdb) or fix DATABASE_URL.`;
  if (config.databaseUrl && error.code === "28P01")
    return `PostgreSQL refused the password in DATABASE_URL (${shownUrl(config.databaseUrl)}).`;
  return undefined;
}
