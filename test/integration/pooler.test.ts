// Baton behind PgBouncer (Debian's, 1.18): in session mode it runs; in transaction mode, which
// drops prepared statements and LISTEN, the start is refused with one line naming the fix instead
// of answering 500s under load (docs/deploy.md, PgBouncer and other poolers).
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFailure } from "../../src/cli/start-failure.ts";
import { loadConfig } from "../../src/config.ts";
import { PoolerRefused, probePooling } from "../../src/db/pooling.ts";
import { startServer } from "../../src/server.ts";
import { databaseKinds, scratchPostgres } from "../support/db.ts";
import { freePort } from "../support/free-port.ts";

const onPostgres = databaseKinds.includes("postgres");
const pgbouncer = spawnSync("pgbouncer", ["--version"]).status === 0;
if (onPostgres && !pgbouncer && process.env.BATON_REQUIRE_POOLER === "1")
  throw new Error("pgbouncer is required (BATON_REQUIRE_POOLER=1): apt-get install pgbouncer");

const run = promisify(execFile);

/** A PgBouncer in `mode` in front of the test server; answers its port once it takes queries. */
async function startPgbouncer(
  folder: string,
  mode: "session" | "transaction",
  target: URL,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const ini = join(folder, `${mode}.ini`);
  writeFileSync(
    ini,
    [
      "[databases]",
      `* = host=${target.hostname} port=${target.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${join(folder, "users.txt")}`,
      `pool_mode = ${mode}`,
      "max_client_conn = 200",
      "default_pool_size = 20",
      "ignore_startup_parameters = extra_float_digits",
    ].join("\n"),
  );
  chmodSync(ini, 0o644);
  // PgBouncer refuses to run as root; it can drop to another user when started as root.
  const asRoot = process.getuid?.() === 0 ? ["-u", "postgres"] : [];
  const child = spawn("pgbouncer", [...asRoot, ini], { stdio: "ignore" });
  const url = `postgres://${target.username}@127.0.0.1:${port}/postgres`;
  for (let i = 0; i < 100; i++) {
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query("select 1");
      return { port, child };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
  child.kill();
  throw new Error(`PgBouncer (${mode}) did not answer on ${port}`);
}

describe.skipIf(!onPostgres || !pgbouncer)("Baton behind PgBouncer", () => {
  let folder: string;
  let scratch: { url: string; drop(): Promise<void> };
  const bouncers: ChildProcess[] = [];
  /** The scratch database's URL through PgBouncer in each mode. */
  const through: Record<"session" | "transaction", string> = { session: "", transaction: "" };

  beforeAll(async () => {
    scratch = await scratchPostgres();
    folder = mkdtempSync(join(tmpdir(), "baton-pgbouncer-"));
    chmodSync(folder, 0o755);
    const target = new URL(scratch.url);
    const users = join(folder, "users.txt");
    writeFileSync(users, `"${target.username}" ""\n`);
    chmodSync(users, 0o644);
    for (const mode of ["session", "transaction"] as const) {
      const { port, child } = await startPgbouncer(folder, mode, target);
      bouncers.push(child);
      const url = new URL(scratch.url);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      through[mode] = url.toString();
    }
  });

  afterAll(async () => {
    for (const child of bouncers) child.kill();
    // PgBouncer holds server connections to the scratch database until it exits.
    await Promise.all(
      bouncers.map(
        (child) =>
          new Promise((resolve) =>
            child.exitCode !== null ? resolve(0) : child.on("exit", resolve),
          ),
      ),
    );
    await scratch?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("tells PostgreSQL and a session-mode pool from a transaction-mode pool", async () => {
    expect(await probePooling(scratch.url)).toEqual({ pinned: true });
    expect(await probePooling(through.session)).toEqual({ pinned: true });
    expect(await probePooling(through.transaction)).toEqual({
      pinned: false,
      keepsPrepared: false,
    });
    // Again: the first check's statement is still prepared on one of the pooler's connections.
    expect(await probePooling(through.transaction)).toEqual({
      pinned: false,
      keepsPrepared: false,
    });
  });

  const config = (env: Record<string, string>) =>
    loadConfig({ PORT: "0", LOG_LEVEL: "silent", BATON_INBOUND_SMTP: "off", ...env });

  it("runs behind a session-mode pool", async () => {
    const server = await startServer(config({ DATABASE_URL: through.session, BATON_DEMO: "off" }));
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      // Migrated through the pooler: the tables are there, empty (no demo asked for).
      const direct = new pg.Client({ connectionString: scratch.url });
      await direct.connect();
      const workspaces = await direct.query<{ n: number }>(
        "select count(*)::int as n from workspaces",
      );
      await direct.end();
      expect(workspaces.rows[0]?.n).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it("refuses a transaction-mode pool that drops prepared statements, in one line", async () => {
    const cfg = config({ DATABASE_URL: through.transaction });
    const error = await startServer(cfg).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PoolerRefused);
    expect(startFailure(error, cfg)).toMatch(
      /^DATABASE_URL goes through a pooler in transaction mode that drops prepared statements .*pool_mode to session.*max_prepared_statements/,
    );
  });

  it("refuses a session URL through a transaction-mode pool", async () => {
    const cfg = config({ DATABASE_URL: scratch.url, DATABASE_SESSION_URL: through.transaction });
    const error = await startServer(cfg).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(startFailure(error, cfg)).toMatch(
      /^DATABASE_SESSION_URL goes through a pooler in transaction mode, .*LISTEN.*set DATABASE_SESSION_URL to PostgreSQL directly or to a session-mode pool/,
    );
  });

  it("`baton migrate` says the same and exits 1, without a stack", async () => {
    const { DATABASE_SESSION_URL: _unset, ...env } = process.env;
    const out = await run(process.execPath, ["bin/baton.js", "migrate"], {
      env: { ...env, DATABASE_URL: through.transaction },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(out.code).toBe(1);
    expect(out.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^DATABASE_URL goes through a pooler in transaction mode/),
    ]);
  });
});
