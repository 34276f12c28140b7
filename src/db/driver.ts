import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Db } from "./client.ts";

/** PGlite itself, or the handle PGlite gives a transaction: the same calls, one session. */
interface PgliteSession {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
}

/** A pool, or the one pooled connection a transaction runs on. */
interface PgSession {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult | pg.QueryResult[]>;
}

export type Driver =
  | { kind: "pglite"; session: PgliteSession; instance: PGlite | undefined }
  | { kind: "postgres"; session: PgSession; pool: pg.Pool | undefined };

/** Runs SQL written for PostgreSQL's wire protocol, `$1` placeholders and all. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

const isPgliteSession = (c: object): c is PgliteSession =>
  typeof (c as Partial<PgliteSession>).exec === "function";

/**
 * The driver-level client under a Drizzle database or transaction, for libraries that write
 * their own SQL (pg-boss). A transaction's client is the one session the transaction runs on,
 * so what runs through it commits or rolls back with the transaction.
 */
export function driverOf(db: Db): Driver {
  // Drizzle keeps the client on the session; prepared.ts relies on the same field.
  const client = (db._.session as unknown as { client?: object }).client;
  if (!client) throw new Error("this Drizzle database has no driver client");
  if (client instanceof PGlite) return { kind: "pglite", session: client, instance: client };
  if (isPgliteSession(client)) return { kind: "pglite", session: client, instance: undefined };
  if (client instanceof pg.Pool) return { kind: "postgres", session: client, pool: client };
  return { kind: "postgres", session: client as PgSession, pool: undefined };
}

/**
 * `executeSql(text, values)` on a Drizzle database or transaction. Without values the text may
 * hold several statements (pg-boss sends whole blocks), which PGlite runs only through `exec`
 * and node-postgres through the simple protocol; either way the rows of every statement come back.
 */
export function sqlExecutor(db: Db): SqlExecutor {
  const driver = driverOf(db);
  if (driver.kind === "pglite") {
    const session = driver.session;
    return {
      executeSql: async (text, values) => {
        if (values?.length) return session.query(text, values);
        const results = await session.exec(text);
        return { rows: results.flatMap((r) => r.rows) };
      },
    };
  }
  const session = driver.session;
  return {
    executeSql: async (text, values) => {
      const result = await session.query(text, values);
      return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows) : result.rows };
    },
  };
}
