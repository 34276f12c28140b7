// Behind a transaction-mode pooler, the request pool cannot hold session state: LISTEN, the
// migration lock and the job queue go to DATABASE_SESSION_URL instead (docs/deploy.md). Here the
// session URL signs in as a role of its own, so pg_stat_activity and table ownership show which
// connection did what. And a server that never answers fails a start within the connect timeout.
import { randomBytes } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFailure } from "../../src/cli/start-failure.ts";
import { loadConfig } from "../../src/config.ts";
import { openPostgres } from "../../src/db/client.ts";
import { isDatabaseUnavailable } from "../../src/db/unavailable.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { databaseKinds, scratchPostgres } from "../support/db.ts";

const onPostgres = databaseKinds.includes("postgres");

describe.skipIf(!onPostgres)("a session URL beside a pooled DATABASE_URL", () => {
  const role = `baton_session_${randomBytes(4).toString("hex")}`;
  let scratch: { url: string; drop(): Promise<void> };
  let admin: pg.Client;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    scratch = await scratchPostgres();
    admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN SUPERUSER`);
    const session = new URL(scratch.url);
    session.username = role;
    server = await startServer(
      loadConfig({
        DATABASE_URL: scratch.url,
        DATABASE_SESSION_URL: session.toString(),
        PORT: "0",
        LOG_LEVEL: "silent",
        BATON_INBOUND_SMTP: "off",
      }),
    );
  });

  afterAll(async () => {
    await server?.stop().catch(() => {});
    await admin?.end().catch(() => {});
    await scratch?.drop();
    const cleanup = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await cleanup.connect();
    await cleanup.query(`DROP ROLE IF EXISTS ${role}`);
    await cleanup.end();
  });

  const activity = async () =>
    (
      await admin.query<{ usename: string; application_name: string; query: string }>(
        `SELECT usename, application_name, query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
    ).rows;

  it("migrates on the session URL", async () => {
    const owners = await admin.query<{ tableowner: string }>(
      "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(owners.rows.map((r) => r.tableowner)).toEqual([role]);
  });

  it("listens and runs the job queue on the session URL, requests on DATABASE_URL", async () => {
    if (!server) throw new Error("no server");
    const health = await fetch(`${server.url}/readyz`);
    expect(health.status).toBe(200);
    const signIn = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "nobody@example.com", password: "not the one 1234" }),
    });
    expect(signIn.status).toBe(401);
    const rows = await activity();
    const listening = rows.filter((r) => /^LISTEN /i.test(r.query));
    // One listening connection for the process: Baton's channels and pg-boss's share it.
    expect(listening.length).toBe(1);
    expect(new Set(listening.map((r) => r.usename))).toEqual(new Set([role]));
    const jobs = rows.filter((r) => r.application_name === "baton-jobs");
    expect(jobs.length).toBeGreaterThan(0);
    // One job queue instance for the process's deliveries and timers (src/jobs/background.ts),
    // so at most its three connections.
    expect(jobs.length).toBeLessThanOrEqual(3);
    await expect
      .poll(async () =>
        (
          await admin.query<{ name: string }>("SELECT name FROM pgboss.instance WHERE pid = $1", [
            process.pid,
          ])
        ).rows.map((r) => r.name),
      )
      .toEqual(["baton"]);
    expect(new Set(jobs.map((r) => r.usename))).toEqual(new Set([role]));
    const requests = rows.filter((r) => r.usename === "postgres");
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => /^LISTEN /i.test(r.query))).toEqual([]);
  });
});

describe("a PostgreSQL that accepts connections and never answers", () => {
  let silent: Server;
  const held: Socket[] = [];
  let url = "";

  beforeAll(async () => {
    silent = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    if (!address || typeof address === "string") throw new Error("no port");
    url = `postgres://baton@127.0.0.1:${address.port}/baton`;
  });

  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("fails the start within the connect timeout, in one line naming the setting", async () => {
    // Without the timeout node-postgres waits for ever, and this test would time out instead.
    const error = await openPostgres(url, 2, { connectTimeoutMs: 400 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
    const config = loadConfig({ DATABASE_URL: url, BATON_DB_CONNECT_TIMEOUT_MS: "400" });
    expect(startFailure(error, config)).toBe(
      `PostgreSQL at ${url} did not answer within 400 ms (BATON_DB_CONNECT_TIMEOUT_MS): is the host right, and does a firewall let the connection through?`,
    );
  });

  it("refuses a session URL without DATABASE_URL, naming the setting", () => {
    expect(() => loadConfig({ DATABASE_SESSION_URL: "postgres://x@127.0.0.1/x" })).toThrow(
      /DATABASE_SESSION_URL: needs DATABASE_URL/,
    );
  });
});
