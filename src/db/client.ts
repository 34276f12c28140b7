import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  /** LISTEN on a channel; NOTIFY sent inside a transaction arrives only if it commits. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));
// Any constant works; it only has to be the same in every Baton process.
const MIGRATION_LOCK = 7_316_201;

/** dataDir undefined means an in-memory PGlite (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  // PGlite lives inside this process's memory: PostgreSQL's default 128 MB of shared buffers
  // would be most of the resident size for a team-sized database (see docs/performance.md).
  const options = { postgresqlconf: "shared_buffers = 16MB" };
  const client = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    migrate: async () => {
      await migratePglite(db, { migrationsFolder });
    },
    listen: async (channel, onPayload) => client.listen(channel, onPayload),
    close: () => client.close(),
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops (restart, failover, admin) emits an error; without a
  // listener Node would crash the process. The pool discards that client and opens a new one.
  pool.on("error", () => {});
  // Fail at start, with the driver's message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg({ client: pool, schema });
  const listeners = new Set<pg.Client>();
  return {
    db: db as unknown as Db,
    kind: "postgres",
    migrate: async () => {
      // Several processes may start at once; one migrates, the others wait for it.
      const conn = await pool.connect();
      try {
        await conn.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await migratePg(drizzlePg({ client: conn, schema }), { migrationsFolder });
      } finally {
        await conn.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
        conn.release();
      }
    },
    listen: async (channel, onPayload) => {
      if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
      // LISTEN needs a connection of its own that stays open; pooled ones are shared.
      const listener = new pg.Client({ connectionString: url });
      await listener.connect();
      listener.on("notification", (n) => {
        if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
      });
      listener.on("error", () => {});
      await listener.query(`LISTEN ${channel}`);
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.end().catch(() => {});
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((l) => l.end().catch(() => {})));
      await pool.end();
    },
  };
}
