// What every fault drill shares: a database of its own (a scratch PostgreSQL database or a temp
// PGlite folder) with one workspace, a supervisor and their API token; servers started as real
// `baton serve` child processes (bench/serve.ts); a small HTTP client that never throws.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { addUser } from "../../src/commands/accounts/addUser.ts";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import { type Database, openPglite, openPostgres } from "../../src/db/client.ts";
import { presets } from "../../src/presets/index.ts";
import { createApiToken } from "../../src/writes/api-tokens.ts";
import { type ServeChild, startServe } from "../serve.ts";

/** A drill's outcome: its figures, printed as they are, and every invariant that broke. */
export interface DrillResult {
  name: string;
  figures: Record<string, number | string>;
  failures: string[];
}

export interface DrillOptions {
  long: boolean;
  /** A PostgreSQL server where drills may create and drop `baton_faults_<random>`. */
  adminUrl: string;
  log(line: string): void;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What is still to be undone (databases to drop, servers to stop, folders to remove), for a run
 * interrupted by a signal: the drills' own `finally` blocks never run then.
 */
export const pendingCleanups = new Set<() => Promise<void> | void>();

function untilDone<T extends () => Promise<void> | void>(cleanup: T): T {
  pendingCleanups.add(cleanup);
  return (async () => {
    pendingCleanups.delete(cleanup);
    await cleanup();
  }) as T;
}

/** A fresh PostgreSQL database, dropped (with any connections left) by `drop`. */
export async function scratchDatabase(
  adminUrl: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `baton_faults_${randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: untilDone(async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }),
  };
}

export async function adminQuery(
  url: string,
  text: string,
  values?: unknown[],
): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A temp PGlite folder, removed by `drop`. */
export function scratchFolder(): { dir: string; drop(): void } {
  const dir = mkdtempSync(join(tmpdir(), "baton-faults-"));
  return { dir, drop: untilDone(() => rmSync(dir, { recursive: true, force: true })) };
}

export type Target = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

export function openTarget(target: Target): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target.url, 3) : openPglite(target.dir);
}

/** What `baton serve` needs to run on the target. */
export function serveEnv(target: Target): Record<string, string> {
  return {
    ...(target.kind === "postgres" ? { DATABASE_URL: target.url } : { BATON_DATA_DIR: target.dir }),
    BATON_DEMO: "off",
    BATON_INBOUND_SMTP: "off",
    LOG_LEVEL: "error",
  };
}

export const WORKSPACE = "faults";
/** helpdesk-transfer's transfer to a queue: no steps, so the request completes the transfer. */
export const TRANSFER = { kind: "transfer", reason: "escalate-to-l2" } as const;
export const QUEUES = ["l1-support", "l2-support"] as const;

/**
 * Migrates the target and gives it a helpdesk-transfer workspace with a supervisor; returns the
 * supervisor's API token. The database is closed again: PGlite's folder belongs to one process,
 * the server's.
 */
export async function prepare(target: Target): Promise<{ token: string }> {
  const database = await openTarget(target);
  try {
    await database.migrate();
    const db = database.db;
    await createWorkspace(
      db,
      {
        slug: WORKSPACE,
        name: "Fault drills",
        preset: "helpdesk-transfer",
        policy: presets["helpdesk-transfer"],
      },
      null,
    );
    const { userId } = await addUser(
      db,
      {
        email: "lead@faults.example",
        name: "Drill Lead",
        role: "supervisor",
        workspaceSlug: WORKSPACE,
        password: "correct horse battery staple",
        queues: [...QUEUES],
      },
      null,
    );
    return { token: (await createApiToken(db, userId, "fault drill")).token };
  } finally {
    await database.close();
  }
}

export async function serve(
  target: Target,
  extra: Record<string, string> = {},
): Promise<ServeChild> {
  const server = await startServe({ env: { ...serveEnv(target), ...extra }, timeoutMs: 90_000 });
  const kill = () => {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
  };
  pendingCleanups.add(kill);
  server.child.once("exit", () => pendingCleanups.delete(kill));
  return server;
}

export interface Answer {
  /** 0: no HTTP answer at all (refused, reset, timed out). */
  status: number;
  body: Record<string, unknown>;
  retryAfter: string | null;
  error?: string;
}

/** One request; a network failure is an answer with status 0, never a throw. */
export async function call(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<Answer> {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text: text.slice(0, 300) };
    }
    return {
      status: response.status,
      body: parsed,
      retryAfter: response.headers.get("retry-after"),
    };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return {
      status: 0,
      body: {},
      retryAfter: null,
      error: cause instanceof Error ? cause.message : String(cause),
    };
  }
}

/** Creates a case and returns its number and version. */
export async function createCase(
  base: string,
  token: string,
  subject: string,
): Promise<{ number: number; version: number }> {
  const created = await call(base, token, "POST", "/api/v1/cases", {
    workspace: WORKSPACE,
    subject,
  });
  if (created.status !== 201)
    throw new Error(`creating a case: ${created.status} ${JSON.stringify(created.body)}`);
  return { number: Number(created.body.number), version: Number(created.body.version) };
}

/** Counts answers by status, e.g. {"200": 12, "409": 30}. */
export function tally(statuses: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statuses) out[String(s)] = (out[String(s)] ?? 0) + 1;
  return out;
}

export const fmt = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => `${k}×${v}`)
    .join(" ") || "none";

/** A live event stream held open (GET /api/v1/events), collecting the case events it sees. */
export async function openStream(
  base: string,
  token: string,
): Promise<{ events: { number: number; action: string }[]; close(): void }> {
  const abort = new AbortController();
  const response = await fetch(`${base}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`the event stream answered ${response.status}`);
  const events: { number: number; action: string }[] = [];
  const decoder = new TextDecoder();
  let buffered = "";
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end = buffered.indexOf("\n\n");
        while (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          if (block.startsWith("event: case\n"))
            events.push(JSON.parse(block.slice(block.indexOf("data: ") + 6)));
          end = buffered.indexOf("\n\n");
        }
      }
    } catch {
      // aborted by close(), or the server went away: the events seen so far stand
    }
  })();
  return { events, close: () => abort.abort() };
}
