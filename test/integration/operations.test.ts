import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/commands/accounts/addUser.ts";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import { loadConfig } from "../../src/config.ts";
import type { DatabaseKind } from "../../src/db/client.ts";
import { systemFigures } from "../../src/loaders/system-figures.ts";
import { presets } from "../../src/presets/index.ts";
import { type RunningServer, startServer } from "../../src/server.ts";
import { createApiToken } from "../../src/writes/api-tokens.ts";
import { databaseKinds, scratchPostgres } from "../support/db.ts";
import { draft, enqueue } from "../support/deliveries.ts";
import { buildWorkspace, startWorld } from "../support/world.ts";

const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

// Prometheus's own checker (Debian's prometheus package); CI installs it and insists on it.
const promtool = spawnSync("promtool", ["--version"]).status === 0;
if (!promtool && process.env.BATON_REQUIRE_PROMTOOL === "1")
  throw new Error("promtool is required (BATON_REQUIRE_PROMTOOL=1): apt-get install prometheus");

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Readiness {
  status: string;
  version: string;
  checks: Record<string, { ok: boolean; detail: string }>;
}

describe.each(databaseKinds)("running Baton in production (%s)", (kind: DatabaseKind) => {
  let server: RunningServer;
  let cleanup: () => Promise<void>;
  let token: string;

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {
      PORT: "0",
      LOG_LEVEL: "silent",
      BATON_DEMO: "off",
      BATON_INBOUND_SMTP: "off",
      BATON_METRICS_TOKEN: "scrape-secret-0123456789",
    };
    if (kind === "postgres") {
      const scratch = await scratchPostgres();
      env.DATABASE_URL = scratch.url;
      // The primary as its own read replica (docs/deploy.md allows it), so that the replica's
      // metrics, which the alerting rules read, are written too.
      env.DATABASE_READ_URL = scratch.url;
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), "baton-ops-"));
      env.BATON_DATA_DIR = dir;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    server = await startServer(loadConfig(env));
    const db = server.database.db;
    await createWorkspace(
      db,
      { slug: "ops", name: "Ops", preset: "regional-cse", policy: presets["regional-cse"] },
      null,
    );
    const { userId } = await addUser(
      db,
      {
        email: "ops@test.example",
        name: "Ops Agent",
        role: "agent",
        workspaceSlug: "ops",
        password: "correct horse battery",
      },
      null,
    );
    token = (await createApiToken(db, userId, "ops")).token;
  }, 120_000);
  afterAll(async () => {
    await server?.stop().catch(() => {});
    await cleanup?.();
  });

  it("answers liveness without the database, with the version of package.json", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version });
    const api = await fetch(`${server.url}/api/v1/health`);
    expect(await api.json()).toMatchObject({ status: "ok", database: kind, version });
  });

  it("is ready once the database answers, every migration is applied and the worker polls", async () => {
    const ready = await until("readiness", async () => {
      const res = await fetch(`${server.url}/readyz`);
      const body = (await res.json()) as Readiness;
      return res.status === 200 ? body : undefined;
    });
    expect(ready.status).toBe("ready");
    expect(ready.checks.database?.detail).toBe(`${kind} answers`);
    expect(ready.checks.migrations?.detail).toMatch(/^all \d+ applied$/);
    expect(ready.checks.worker?.detail).toMatch(/delivery pollers polling; clock and sweep/);

    // A process on its way out tells the load balancer first.
    server.app.baton.health.stopping = true;
    try {
      const leaving = await fetch(`${server.url}/readyz`);
      expect(leaving.status).toBe(503);
      const body = (await leaving.json()) as Readiness;
      expect(body.status).toBe("not_ready");
      expect(body.checks.shutdown).toEqual({
        ok: false,
        detail: "shutting down; send traffic elsewhere",
      });
    } finally {
      server.app.baton.health.stopping = false;
    }
  });

  it("serves Prometheus metrics only with the scrape token, by route template", async () => {
    const refused = await fetch(`${server.url}/metrics`);
    expect(refused.status).toBe(401);
    await fetch(`${server.url}/api/v1/cases/999999`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const res = await fetch(`${server.url}/metrics`, {
      headers: { authorization: "Bearer scrape-secret-0123456789" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain(`baton_info{version="${version}",database="${kind}"} 1`);
    // The id is not a label: every case shares the template's series.
    expect(text).toMatch(
      /baton_http_requests_total\{method="GET",route="\/api\/v1\/cases\/:number",status="404"\} 1/,
    );
    expect(text).not.toMatch(/route="[^"]*999999/);
    expect(text).toMatch(
      /^baton_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz"\}/m,
    );
    expect(text).toMatch(/^baton_event_streams 0$/m);
    expect(text).toMatch(/^baton_notify_batches_total\{result="sent"\} \d+$/m);
    expect(text).toMatch(/^baton_notify_batches_total\{result="failed"\} 0$/m);
    expect(text).toMatch(/^baton_sla_alarms\{state="due"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    if (kind === "postgres") {
      expect(text).toMatch(/^baton_db_pool_connections\{state="total"\} \d+$/m);
      // The live events' LISTEN connection is up, and was never lost.
      expect(text).toMatch(/^baton_listen_connected 1$/m);
      expect(text).toMatch(/^baton_listen_reconnects_total 0$/m);
    } else {
      expect(text).not.toContain("baton_db_pool_connections{");
      expect(text).not.toContain("baton_listen_");
    }
  });

  // docs/prometheus/alerts.yml must not read a metric Baton does not write (a renamed one would
  // make its alert silent for ever). PostgreSQL: the pool and LISTEN figures exist only there.
  it.runIf(kind === "postgres")("exposes every metric the alerting rules read", async () => {
    const res = await fetch(`${server.url}/metrics`, {
      headers: { authorization: "Bearer scrape-secret-0123456789" },
    });
    const text = await res.text();
    const rules = readFileSync("docs/prometheus/alerts.yml", "utf8");
    const read = [...new Set(rules.match(/\b(?:baton|nodejs)_[a-z0-9_]+/g) ?? [])];
    expect(read.length).toBeGreaterThan(10);
    const missing = read.filter((name) => {
      const histogram = name.replace(/_(bucket|sum|count)$/, "");
      return !text.includes(`# TYPE ${name} `) && !text.includes(`# TYPE ${histogram} histogram`);
    });
    expect(missing).toEqual([]);
  });

  it.runIf(promtool)("writes an exposition Prometheus's own promtool accepts", async () => {
    const res = await fetch(`${server.url}/metrics`, {
      headers: { authorization: "Bearer scrape-secret-0123456789" },
    });
    const text = await res.text();
    // promtool exits 1 on an exposition it cannot parse and 3 on lint findings. The only finding
    // allowed is prom-client's own default gauges named *_total; Baton's metrics must be clean.
    const out = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    const findings = `${out.stdout}${out.stderr}`.split("\n").filter((line) => line.trim() !== "");
    expect(
      findings.filter((line) => !/^nodejs_active_\w+_total non-counter metrics/.test(line)),
    ).toEqual([]);
    expect([0, 3]).toContain(out.status);
  });

  it("stops gracefully: event streams end rather than hold the stop, then the process lets go", async () => {
    const stream = await fetch(`${server.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain(": connected");
    const streams = await fetch(`${server.url}/metrics`, {
      headers: { authorization: "Bearer scrape-secret-0123456789" },
    }).then((r) => r.text());
    expect(streams).toMatch(/^baton_event_streams 1$/m);

    const stopping = server.stop();
    // The stream ends by itself (the page reconnects elsewhere) rather than holding the stop.
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
    }
    await stopping;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  }, 60_000);
});

describe.runIf(promtool)("the alerting rules (docs/prometheus)", () => {
  it("are rules promtool accepts", () => {
    const out = spawnSync("promtool", ["check", "rules", "docs/prometheus/alerts.yml"], {
      encoding: "utf8",
    });
    expect(`${out.stdout}${out.stderr}`).toContain("SUCCESS: 14 rules found");
    expect(out.status).toBe(0);
  });

  it("fire on the figures they are meant for, and not before their time (promtool test rules)", () => {
    const out = spawnSync("promtool", ["test", "rules", "docs/prometheus/alerts.test.yml"], {
      encoding: "utf8",
    });
    expect(`${out.stdout}${out.stderr}`).not.toContain("FAILED");
    expect(out.stdout).toContain("SUCCESS");
    expect(out.status).toBe(0);
  });
});

describe.each(databaseKinds)("figures a scrape reads from the database (%s)", (kind) => {
  it("counts messages still on their way by channel and state, with the oldest's age", async () => {
    const world = await startWorld(kind);
    try {
      const ws = await buildWorkspace(world);
      await enqueue(world, [
        draft(ws.id),
        draft(ws.id),
        draft(ws.id, { channel: "chat", recipient: "https://chat.example/hook" }),
      ]);
      const figures = await systemFigures(world.database.db);
      const email = figures.outbox.find((o) => o.channel === "email" && o.state === "queued");
      expect(email?.messages).toBe(2);
      expect(email?.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
      expect(email?.oldestAgeSeconds).toBeLessThan(60);
      expect(figures.outbox.filter((o) => o.channel === "email")).toHaveLength(1);
      // No worker ran on this database: pg-boss's schema is not there, and nothing fails for it.
      expect(figures.jobs).toEqual([]);
    } finally {
      await world.dispose();
    }
  });
});

// The machine's own Node.js, when it is older than Baton needs (Debian's is 20).
const systemNode = ["/usr/bin/node", "/usr/local/bin/node"].find((path) => {
  const out = spawnSync(path, ["--version"], { encoding: "utf8" });
  return out.status === 0 && Number(out.stdout.slice(1).split(".")[0]) < 24;
});

describe("the command line's first lines", () => {
  it("prints the version", () => {
    const out = execFileSync(process.execPath, ["bin/baton.js", "--version"], { encoding: "utf8" });
    expect(out.trim()).toBe(version);
  });

  it.runIf(systemNode)(
    "runs under an older Node.js by handing over to the one npm ci brought",
    () => {
      const out = execFileSync(systemNode!, ["bin/baton.js", "--version"], { encoding: "utf8" });
      expect(out.trim()).toBe(version);
    },
  );

  it("runs Baton with the V8 flags and allocator settings its memory needs, however bin/baton.js is started", () => {
    // A preload in every Node.js process below names its version, the allocator's threshold and
    // arena count it was started with, and its flags, as it exits.
    const dir = mkdtempSync(join(tmpdir(), "baton-flags-"));
    const probe = join(dir, "probe.mjs");
    writeFileSync(
      probe,
      'process.on("exit", () => console.error("node " + process.versions.node + " " + process.env.MALLOC_MMAP_THRESHOLD_ + " " + process.env.MALLOC_ARENA_MAX + " " + process.execArgv.join(" ")));',
    );
    const batonOf = (node: string, threshold: string | undefined) => {
      const { MALLOC_MMAP_THRESHOLD_: _, MALLOC_ARENA_MAX: __, ...rest } = process.env;
      const out = spawnSync(node, ["bin/baton.js", "--version"], {
        encoding: "utf8",
        env: {
          ...rest,
          ...(threshold ? { MALLOC_MMAP_THRESHOLD_: threshold } : {}),
          NODE_OPTIONS: `--import=${pathToFileURL(probe).href}`,
        },
      });
      expect(out.stdout.trim()).toBe(version);
      const baton = out.stderr
        .split("\n")
        .filter((line) => line.startsWith(`node ${process.versions.node} `));
      expect(baton).toHaveLength(1);
      return baton[0]?.split(" ").slice(2) ?? [];
    };
    try {
      // Node 24 without the first line's flags (`node bin/baton.js`), and an older Node.js.
      for (const node of [process.execPath, ...(systemNode ? [systemNode] : [])]) {
        expect(batonOf(node, undefined)).toEqual([
          "131072",
          "2",
          "--liftoff-only",
          "--max-semi-space-size=8",
        ]);
        // An operator's own setting stays.
        expect(batonOf(node, "262144")[0]).toBe("262144");
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("caps V8's heap for serve when BATON_HEAP_MB asks, and keeps an embedded server's heap tight", () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-heap-"));
    const probe = join(dir, "probe.mjs");
    writeFileSync(
      probe,
      'process.on("exit", () => console.error("flags " + process.execArgv.join(" ")));',
    );
    // The flags of the process that ran Baton (the last to exit names them).
    const flagsOf = (args: string[], env: Record<string, string>) => {
      const out = spawnSync(process.execPath, ["bin/baton.js", ...args], {
        encoding: "utf8",
        env: {
          ...process.env,
          DATABASE_URL: "",
          ...env,
          NODE_OPTIONS: `--import=${pathToFileURL(probe).href}`,
        },
      });
      const lines = out.stderr.split("\n").filter((line) => line.startsWith("flags "));
      return lines.at(-1)?.split(" ") ?? [];
    };
    try {
      expect(flagsOf(["serve", "--help"], { BATON_HEAP_MB: "200" })).toContain(
        "--max-old-space-size=200",
      );
      // The embedded server's budget holds the database, so its young generation is smaller
      // and its heap grows by a tenth; a PostgreSQL process and the other commands keep V8's
      // own growth.
      const embedded = flagsOf(["serve", "--help"], {});
      expect(embedded).toContain("--heap-growing-percent=10");
      expect(embedded).toContain("--max-semi-space-size=4");
      expect(embedded).not.toContain("--max-semi-space-size=8");
      // A PostgreSQL server's young generation is larger, so a request's objects die in it; the
      // other commands keep V8_FLAGS.
      const postgres = flagsOf(["serve", "--help"], {
        DATABASE_URL: "postgres://127.0.0.1:1/baton",
      });
      expect(postgres).toContain("--max-semi-space-size=32");
      expect(postgres).not.toContain("--max-semi-space-size=8");
      for (const flags of [postgres, flagsOf(["migrate", "--help"], {})]) {
        expect(flags.some((flag) => flag.startsWith("--heap-growing-percent"))).toBe(false);
      }
      expect(flagsOf(["migrate", "--help"], {})).toContain("--max-semi-space-size=8");
      for (const flags of [
        flagsOf(["serve", "--help"], {}),
        flagsOf(["--version"], { BATON_HEAP_MB: "200" }),
      ]) {
        expect(flags).toContain("--liftoff-only");
        expect(flags.some((flag) => flag.startsWith("--max-old-space-size"))).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(systemNode)("stops npm scripts on an older Node.js with one line naming the fix", () => {
    const out = spawnSync(systemNode!, ["bin/need-node.js"], { encoding: "utf8" });
    expect(out.status).toBe(1);
    const lines = out.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Baton needs Node\.js 24 or newer and this is \d+\.\d+\.\d+: /);
    expect(lines[0]).toContain("npm ci");
  });
});
