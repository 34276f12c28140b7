// While PostgreSQL is away (restart, failover, connections ended), requests are answered 503 with
// Retry-After rather than 500, and LISTEN connections come back on their own. The restart itself
// is exercised by the fault drill (bench/faults, `npm run faults`).
import { createServer } from "node:net";
import { DrizzleQueryError } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { type Database, type Db, openPostgres } from "../../src/db/client.ts";
import { sqlExecutor } from "../../src/db/driver.ts";
import * as schema from "../../src/db/schema.ts";
import { isDatabaseUnavailable } from "../../src/db/unavailable.ts";
import { type App, buildApp } from "../../src/http/app.ts";
import { CaseEventHub } from "../../src/http/case-events.ts";
import { databaseKinds, scratchPostgres } from "../support/db.ts";

/** A loopback port nobody listens on once this returns. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });

const pgError = (code: string, message = "server said no") =>
  Object.assign(new Error(message), { code, severity: "FATAL" });
const wrapped = (cause: unknown) => new DrizzleQueryError("select 1", [], cause as Error);

describe("which errors mean the database is away", () => {
  it.each([
    ["57P01 admin_shutdown", pgError("57P01")],
    ["57P03 cannot_connect_now", pgError("57P03", "the database system is starting up")],
    ["08006 connection_failure", pgError("08006")],
    ["08001 unable to connect", pgError("08001")],
    ["53300 too_many_connections", pgError("53300")],
    ["a refused socket", pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["a dropped connection", new Error("Connection terminated unexpectedly")],
    ["a pool that cannot connect in time", new Error("timeout exceeded when trying to connect")],
    ["Drizzle's wrapper of one", wrapped(pgError("57P01"))],
    [
      "both addresses of localhost refused",
      Object.assign(new AggregateError([pgError("ECONNREFUSED"), pgError("ECONNREFUSED")]), {
        code: "ECONNREFUSED",
      }),
    ],
  ])("%s is", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", wrapped(pgError("23505"))],
    ["a serialization failure", wrapped(pgError("40001"))],
    ["a syntax error", pgError("42601")],
    [
      "a webhook's refused fetch",
      new TypeError("fetch failed", { cause: pgError("ECONNREFUSED") }),
    ],
    ["a plain bug", new Error("undefined is not a function")],
    ["not an error at all", "57P01"],
  ])("%s is not", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("requests while the database cannot be reached", () => {
  let app: App;
  let pool: pg.Pool;
  beforeAll(async () => {
    // A pool aimed at a port nobody listens on: every query is refused, as while PostgreSQL is
    // down. openPostgres would refuse to start on it, so the Database is put together by hand.
    pool = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/x`,
    });
    pool.on("error", () => {});
    const database: Database = {
      db: drizzle({ client: pool, schema }) as unknown as Db,
      kind: "postgres",
      migrate: async () => {},
      listen: async () => async () => {},
      close: () => pool.end(),
    };
    app = await buildApp({ database, config: loadConfig({}) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it("answers 503 problem+json with Retry-After, not 500", async () => {
    for (const [method, url, payload] of [
      ["GET", "/api/v1/cases?owner=me", undefined],
      ["PATCH", "/api/v1/cases/12", { version: 1, subject: "still here?" }],
      ["POST", "/api/v1/auth/login", { email: "a@example.com", password: "long enough pass" }],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer bt_${"A".repeat(43)}` },
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(503);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.headers["retry-after"]).toBe("5");
      const body = res.json() as { code: string; detail: string; retryAfterSeconds: number };
      expect(body.code).toBe("database_unavailable");
      expect(body.retryAfterSeconds).toBe(5);
      // Baton's own words, never the driver's.
      expect(body.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select/i);
    }
  });
});

describe.skipIf(!databaseKinds.includes("postgres"))("LISTEN after its connection ends", () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
  let database: Database;
  beforeAll(async () => {
    scratch = await scratchPostgres();
    database = await openPostgres(scratch.url, 2);
  });
  afterAll(async () => {
    await database.close();
    await scratch.drop();
  });

  it("listens again and says so, and notifications arrive again", async () => {
    const got: string[] = [];
    let reconnected = 0;
    const stop = await database.listen(
      "baton_relisten_test",
      (p) => got.push(p),
      () => reconnected++,
    );
    const before = database.listening?.();
    expect(before?.connected).toBe(true);
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    try {
      // What a restart or an administrator does to the listening backend.
      const ended = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query = 'LISTEN baton_relisten_test'`,
      );
      expect(ended.rowCount).toBe(1);
      await expect.poll(() => reconnected, { timeout: 10_000 }).toBe(1);
      // What /metrics reports (baton_listen_connected, baton_listen_reconnects_total).
      expect(database.listening?.()).toEqual({
        connected: true,
        reconnects: (before?.reconnects ?? Number.NaN) + 1,
      });
      await admin.query("SELECT pg_notify('baton_relisten_test', 'after')");
      await expect.poll(() => got, { timeout: 5_000 }).toEqual(["after"]);
    } finally {
      await admin.end();
      await stop();
    }
  });

  it("ends the live streams once listening again, so pages refetch what they missed", async () => {
    const hub = new CaseEventHub();
    await hub.start(database);
    let ended = 0;
    hub.hold(() => ended++);
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
      );
      await expect.poll(() => ended, { timeout: 10_000 }).toBe(1);
    } finally {
      await admin.end();
      await hub.stop();
    }
  });

  it("survives the server ending a connection a transaction holds, and says it is away", async () => {
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    try {
      const outcome = await database.db
        .transaction(async (tx) => {
          const [me] = (await sqlExecutor(tx).executeSql("SELECT pg_backend_pid() AS pid"))
            .rows as { pid: number }[];
          // Between two statements, as a restart catches a transaction: before the fix the
          // pooled client's "error" event had no listener and ended the process.
          await admin.query("SELECT pg_terminate_backend($1)", [me?.pid]);
          await new Promise((r) => setTimeout(r, 200));
          await sqlExecutor(tx).executeSql("SELECT 1");
        })
        .then(
          () => "committed",
          (error: unknown) => (isDatabaseUnavailable(error) ? "unavailable" : String(error)),
        );
      expect(outcome).toBe("unavailable");
    } finally {
      await admin.end();
    }
    await expect(database.db.execute("select 1")).resolves.toBeDefined();
  });

  it("answers requests again once the pool's connections were ended", async () => {
    await database.db.execute("select 1");
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    // The pool dropped the ended clients (their error events) and opens new ones.
    await expect
      .poll(
        () =>
          database.db.execute("select 1").then(
            () => true,
            () => false,
          ),
        {
          timeout: 5_000,
        },
      )
      .toBe(true);
  });
});
