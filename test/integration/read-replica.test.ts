// Reads that may lag (reports, analytics, CSV exports, calendar feeds) go to DATABASE_READ_URL, a
// real streaming replica made here: a PostgreSQL cluster of the test's own and a pg_basebackup
// of it. With the replica's replay paused, a change is seen at once on the case page (the
// primary) and not in the export (the replica) until replay resumes (docs/deploy.md, Read
// replicas).
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFailure } from "../../src/cli/start-failure.ts";
import { loadConfig } from "../../src/config.ts";
import { ReplicaUnreachable } from "../../src/db/client.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createApiToken } from "../../src/writes/api-tokens.ts";
import { databaseKinds } from "../support/db.ts";
import { freePort } from "../support/free-port.ts";

const onPostgres = databaseKinds.includes("postgres");
const promtool = spawnSync("promtool", ["--version"]).status === 0;
const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql") : [];
const bin = versions
  .map((v) => `/usr/lib/postgresql/${v}/bin`)
  .find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_basebackup")));
if (onPostgres && !bin) throw new Error("PostgreSQL's server tools (initdb) are needed here");

// initdb and the server refuse to run as root: as root, run them as the postgres user.
const asRoot = process.getuid?.() === 0;
const ids = () => {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
};
function tool(name: string, args: string[]) {
  execFileSync(join(bin!, name), args, { stdio: "ignore", ...(asRoot ? ids() : {}) });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited 20 s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function one<T>(url: string, sql: string): Promise<T | undefined> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T | undefined;
  } finally {
    await client.end();
  }
}

describe.skipIf(!onPostgres)("reads from a streaming replica (DATABASE_READ_URL)", () => {
  let folder: string;
  const clusters: string[] = [];
  let primaryUrl: string;
  let replicaUrl: string;
  let server: RunningServer | undefined;
  let token: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "baton-replica-"));
    if (asRoot) chownSync(folder, ids().uid, ids().gid);
    const primary = join(folder, "primary");
    const replica = join(folder, "replica");
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    tool("initdb", ["-D", primary, "-U", "postgres", "-A", "trust", "--no-sync"]);
    appendFileSync(
      join(primary, "postgresql.conf"),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${folder}'`,
        "fsync = off",
        "",
      ].join("\n"),
    );
    tool("pg_ctl", ["-D", primary, "-l", join(folder, "primary.log"), "-w", "start"]);
    clusters.push(primary);
    tool("pg_basebackup", [
      ...["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres"],
      ...["-D", replica, "-R", "-X", "stream"],
    ]);
    appendFileSync(join(replica, "postgresql.conf"), `port = ${replicaPort}\n`);
    tool("pg_ctl", ["-D", replica, "-l", join(folder, "replica.log"), "-w", "start"]);
    clusters.push(replica);

    const base = `postgres://postgres@127.0.0.1`;
    await one(`${base}:${primaryPort}/postgres`, "CREATE DATABASE baton");
    primaryUrl = `${base}:${primaryPort}/baton`;
    replicaUrl = `${base}:${replicaPort}/baton`;
    await until("the replica's copy of the new database", () => one(replicaUrl, "select 1 as ok"));
    server = await startServer(
      loadConfig({
        DATABASE_URL: primaryUrl,
        DATABASE_READ_URL: replicaUrl,
        PORT: "0",
        LOG_LEVEL: "silent",
        BATON_INBOUND_SMTP: "off",
        BATON_BACKGROUND: "off",
      }),
    );
    const lead = await one<{ id: string }>(
      primaryUrl,
      "select id from users where email = 'supervisor@helpdesk-transfer.example'",
    );
    token = (await createApiToken(server.database.db, lead!.id, "replica test")).token;
  }, 120_000);

  afterAll(async () => {
    await server?.stop().catch(() => {});
    for (const cluster of clusters.reverse())
      try {
        tool("pg_ctl", ["-D", cluster, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Already stopped.
      }
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const call = async (path: string, init: RequestInit = {}) =>
    fetch(`${server!.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...init.headers,
      },
    });
  const gauge = async (name: string) => {
    const text = await (await fetch(`${server!.url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.slice(name.length + 1));
  };
  const exported = async () => (await call("/api/v1/cases.csv?workspace=helpdesk-transfer")).text();

  it("serves the export from the replica, a change there once replayed", async () => {
    const row = await one<{ number: string; version: number }>(
      primaryUrl,
      `select c.number, c.version from cases c join workspaces w on w.id = c.workspace_id
        where w.slug = 'helpdesk-transfer' and c.status <> 'closed' order by c.number limit 1`,
    );
    const subject = `Seen on the replica ${Date.now()}`;
    // The replica has what the demo seed wrote before replay is paused.
    await until("the replica to catch up", async () =>
      (await one<{ n: number }>(replicaUrl, "select count(*)::int as n from cases"))?.n ===
      (await one<{ n: number }>(primaryUrl, "select count(*)::int as n from cases"))?.n
        ? true
        : undefined,
    );
    await one(replicaUrl, "select pg_wal_replay_pause()");
    try {
      const changed = await call(`/api/v1/cases/${row!.number}`, {
        method: "PATCH",
        body: JSON.stringify({ version: row!.version, subject }),
      });
      expect(changed.status, await changed.clone().text()).toBe(200);
      // The case page reads the primary: the change is there at once.
      const page = (await (await call(`/api/v1/cases/${row!.number}`)).json()) as {
        subject: string;
      };
      expect(page.subject).toBe(subject);
      // The export reads the replica, whose replay is paused: not yet.
      const before = await exported();
      expect(before).toContain(String(row!.number));
      expect(before).not.toContain(subject);
      // /metrics tells how far behind it is: received and not replayed.
      expect(await gauge("baton_db_read_replica_up")).toBe(1);
      expect(await gauge("baton_db_read_replica_lag_seconds")).toBeGreaterThan(0);
    } finally {
      await one(replicaUrl, "select pg_wal_replay_resume()");
    }
    await until("the export to show the change", async () =>
      (await exported()).includes(subject) ? true : undefined,
    );
    await until("the lag to be 0 again", async () =>
      (await gauge("baton_db_read_replica_lag_seconds")) === 0 ? true : undefined,
    );
  });

  it.runIf(promtool)("writes its replica gauges as promtool accepts them", async () => {
    const text = await (await fetch(`${server!.url}/metrics`)).text();
    expect(text).toContain('baton_db_read_pool_connections{state="total"}');
    const check = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(`${check.stdout}${check.stderr}`).not.toMatch(/read_replica|read_pool/);
  });

  it("refuses to start, in one line, when the replica cannot be reached", async () => {
    const port = await freePort();
    const config = loadConfig({
      DATABASE_URL: primaryUrl,
      DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${port}/baton`,
      PORT: "0",
      LOG_LEVEL: "silent",
      BATON_INBOUND_SMTP: "off",
      BATON_BACKGROUND: "off",
    });
    const error = await startServer(config).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReplicaUnreachable);
    expect(startFailure(error, config)).toBe(
      `Cannot reach the read replica at postgres://postgres@127.0.0.1:${port}/baton (ECONNREFUSED): is it running, and is DATABASE_READ_URL right?`,
    );
  });

  it("is refused without DATABASE_URL", () => {
    expect(() => loadConfig({ DATABASE_READ_URL: replicaUrl })).toThrow(
      /DATABASE_READ_URL: needs DATABASE_URL/,
    );
  });
  // Last: it stops the replica.
  it("reads the reports, analytics and exports there: with the replica down they fail, the rest works", async () => {
    const lagging = [
      "/api/v1/workspaces/helpdesk-transfer/analytics/handoffs",
      "/api/v1/workspaces/helpdesk-transfer/reports/project-volume",
      "/api/v1/cases.csv?workspace=helpdesk-transfer",
    ];
    for (const path of lagging) expect((await call(path)).status, path).toBe(200);
    tool("pg_ctl", ["-D", clusters[1]!, "-m", "fast", "-w", "stop"]);
    for (const path of lagging) {
      const answer = await call(path);
      expect(answer.status, path).toBe(503);
      expect(answer.headers.get("retry-after"), path).toBe("5");
      expect(((await answer.json()) as { code: string }).code, path).toBe("replica_unavailable");
    }
    expect(await gauge("baton_db_read_replica_up")).toBe(0);
    expect((await call("/api/v1/cases?workspace=helpdesk-transfer")).status).toBe(200);
  });
});
