import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { Progress } from "../domain/progress.ts";
import { SharedListener } from "./listener.ts";
import { migrateReporting } from "./migrations.ts";
import { carryBeginAndCommit } from "./pg-transaction.ts";
import { checkPooling } from "./pooling.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

// Without the schema's relational query builders (`db.query.*`, which Baton does not use): Drizzle
// makes one per table for every transaction it opens, 57 objects per transfer for nothing
// (docs/performance.md, "A transfer in seven statements").
export type Db = PgDatabase<PgQueryResultHKT>;
export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  /**
   * PostgreSQL with DATABASE_READ_URL: a pool on a streaming replica, for reads that may lag a
   * second or two and never decide a write (reports, analytics, CSV exports, calendar feeds;
   * docs/deploy.md, Read replicas). Read it through `fromReplica`.
   */
  readDb?: Db;
  kind: DatabaseKind;
  /** Applies the migrations this code has and the database lacks; reports them as "migrations". */
  migrate(onProgress?: Progress): Promise<void>;
  /**
   * LISTEN on a channel; NOTIFY sent inside a transaction arrives only if it commits. On
   * PostgreSQL all channels share one connection (src/db/listener.ts); a lost one is made again
   * and every channel listened to again; what was sent in between is lost, so `onReconnect` is
   * called once listening again, to catch up.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: whether the LISTEN connection is up (false while it is made again, when live
   * events and delivery wake-ups go unheard, and before any channel is listened to), and how
   * often it was made again.
   */
  listening?: () => { connected: boolean; reconnects: number };
  /**
   * PostgreSQL only: where connections that keep session state go (LISTEN, the migration lock,
   * the job queue). The request pool's URL unless a session URL was given, for a request pool
   * behind a transaction-mode pooler.
   */
  sessionUrl?: string;
}

export interface PostgresOptions {
  /** A direct (or session-mode) URL for LISTEN, migrations and the job queue; default: `url`. */
  sessionUrl?: string;
  /** A streaming replica for reads that may lag (`readDb`); default: none, `db` reads all. */
  readUrl?: string;
  /** How long a request waits for a connection, new or from the pool, before failing (503). */
  connectTimeoutMs?: number;
}

const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));
// Any constant works; it only has to be the same in every Baton process.
const MIGRATION_LOCK = 7_316_201;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

// PGlite's own bytea codec goes byte by byte through arrays of numbers and two-character
// strings: a 10 MB upload left some 200 MB of garbage on V8's heap. Node's hex codec makes one
// string and one buffer (docs/performance.md, "Uploads into the embedded database").
const BYTEA = 17;
const BYTEA_AS_HEX = {
  serializers: {
    [BYTEA]: (value: unknown) =>
      value instanceof Uint8Array
        ? `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`
        : String(value),
  },
  parsers: { [BYTEA]: (text: string) => Buffer.from(text.slice(2), "hex") },
};

/** dataDir undefined means an in-memory PGlite (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  // PGlite lives inside this process's memory: PostgreSQL's default 128 MB of shared buffers
  // would be most of the resident size for a team-sized database. 8 MB holds what the list views
  // read at 100,000 cases (the operating system caches the rest of the files) at no measurable
  // cost per request, and 8 MB less than 16 (docs/performance.md, "The heap's growth").
  const options = { postgresqlconf: "shared_buffers = 8MB", ...BYTEA_AS_HEX };
  const client = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
  const db = drizzlePglite({ client });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    migrate: (onProgress) =>
      migrateReporting(db as unknown as Db, onProgress, async () => {
        await migratePglite(db, { migrationsFolder });
      }),
    listen: async (channel, onPayload) => client.listen(channel, onPayload),
    close: () => client.close(),
  };
}

/** The start's connection to DATABASE_READ_URL failed; `cause` says how. */
export class ReplicaUnreachable extends Error {
  constructor(cause: unknown) {
    super(`the read replica could not be reached: ${String(cause)}`, { cause });
  }
}

/** A pool of `size` connections to `url`, one of them made now so a bad URL fails the start. */
async function openPool(url: string, size: number, connectTimeoutMs: number): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: size,
    // node-postgres waits for ever by default: a server that stopped answering (not refusing)
    // would hold every request until the client gave up, instead of a prompt 503.
    connectionTimeoutMillis: connectTimeoutMs,
  });
  // An idle connection that the server drops (restart, failover, admin) emits an error; without a
  // listener Node would crash the process. The pool discards that client and opens a new one.
  pool.on("error", () => {});
  // A connection checked out of the pool (a transaction between two statements) has no such
  // listener, and the server ending it (57P01 on restart) crashed the whole process. Its next
  // statement fails instead ("not queryable": 503 to the client) and the pool drops it on release.
  pool.on("connect", (client) => client.on("error", () => {}));
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

function poolDb(pool: pg.Pool): Db {
  const db = drizzlePg({ client: pool });
  carryBeginAndCommit(db, pool);
  return db as unknown as Db;
}

export async function openPostgres(
  url: string,
  poolSize = 10,
  options: PostgresOptions = {},
): Promise<Database> {
  const sessionUrl = options.sessionUrl ?? url;
  const timeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const pool = await openPool(url, poolSize, timeout);
  const readPool = options.readUrl
    ? await openPool(options.readUrl, poolSize, timeout).catch(async (error: unknown) => {
        await pool.end();
        throw new ReplicaUnreachable(error);
      })
    : undefined;
  // A transaction-mode pooler would break Baton in ways only seen under load (prepared statements
  // that "do not exist", live events that never come): refuse it here, saying what to change.
  await checkPooling(url, options.sessionUrl, options.readUrl).catch(async (error: unknown) => {
    await Promise.all([pool.end(), readPool?.end()]);
    throw error;
  });
  const db = poolDb(pool);
  const listener = new SharedListener(sessionUrl);
  return {
    db,
    ...(readPool ? { readDb: poolDb(readPool) } : {}),
    kind: "postgres",
    migrate: async (onProgress) => {
      // Several processes may start at once; one migrates, the others wait for it. The lock is
      // the session's, so it is taken on a connection of its own on the session URL.
      const conn = new pg.Client({ connectionString: sessionUrl });
      conn.on("error", () => {});
      await conn.connect();
      try {
        await conn.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
        const locked = drizzlePg({ client: conn });
        await migrateReporting(locked as unknown as Db, onProgress, async () => {
          await migratePg(locked, { migrationsFolder });
        });
      } finally {
        await conn.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
        await conn.end().catch(() => {});
      }
    },
    listen: (channel, onPayload, onReconnect) => listener.listen(channel, onPayload, onReconnect),
    listening: () => ({ connected: listener.connected, reconnects: listener.reconnects }),
    close: async () => {
      await listener.close();
      await Promise.all([pool.end(), readPool?.end()]);
    },
    sessionUrl,
  };
}

/** The read replica could not be reached for a read sent to it (the primary may be fine). */
export class ReplicaUnavailable extends Error {
  constructor(cause: unknown) {
    super("the read replica cannot be reached", { cause });
  }
}

/**
 * Runs `read` where reads that may lag go: on the replica when there is one, else the primary.
 * Everything `read` sends goes there, so a lost connection inside it is the replica's: it is
 * told apart (ReplicaUnavailable), since the rest of Baton still works.
 */
export async function fromReplica<T>(database: Database, read: (db: Db) => Promise<T>): Promise<T> {
  if (!database.readDb) return read(database.db);
  try {
    return await read(database.readDb);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new ReplicaUnavailable(error);
    throw error;
  }
}
