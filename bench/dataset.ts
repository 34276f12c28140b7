// Loads volume into a database and prepares what the load scenarios need: an agent who owns
// many cases, an API token for them, the scenarios' query strings (with a deep cursor), and the
// EXPLAIN (ANALYZE, BUFFERS) of the exact SQL that listCases sends for each scenario.
import { PGlite } from "@electric-sql/pglite";
import type { Logger } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { Actor } from "../src/auth/actor.ts";
import { loadActor } from "../src/auth/load-actor.ts";
import { listCases, listCasesQuery } from "../src/commands/cases/listCases.ts";
import type { DatabaseKind, Db } from "../src/db/client.ts";
import * as schema from "../src/db/schema.ts";
import { type GenerateResult, generateVolume } from "../src/demo/generate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { createApiToken } from "../src/writes/api-tokens.ts";

const migrationsFolder = new URL("../drizzle", import.meta.url).pathname;

export const WORKSPACE = "follow-the-sun";

interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** A connection of the bench's own, with a logger that can capture the SQL Baton sends. */
export interface BenchDb {
  kind: DatabaseKind;
  db: Db;
  rows(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  capture<T>(fn: () => Promise<T>): Promise<{ result: T; queries: CapturedQuery[] }>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

function capturingLogger() {
  let sink: CapturedQuery[] | undefined;
  const logger: Logger = {
    logQuery(query, params) {
      sink?.push({ sql: query, params });
    },
  };
  return {
    logger,
    async capture<T>(fn: () => Promise<T>) {
      sink = [];
      try {
        const result = await fn();
        return { result, queries: sink };
      } finally {
        sink = undefined;
      }
    },
  };
}

export async function openBenchPglite(dataDir: string): Promise<BenchDb> {
  const client = await PGlite.create(dataDir);
  const { logger, capture } = capturingLogger();
  const db = drizzlePglite({ client, schema, logger });
  return {
    kind: "pglite",
    db: db as unknown as Db,
    rows: async (text, params) =>
      (await client.query<Record<string, unknown>>(text, params ?? [])).rows,
    capture,
    migrate: async () => {
      await migratePglite(db, { migrationsFolder });
    },
    close: () => client.close(),
  };
}

export async function openBenchPostgres(url: string): Promise<BenchDb> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // The final DROP DATABASE … WITH (FORCE) can reach a connection that is still closing.
  pool.on("error", () => {});
  const { logger, capture } = capturingLogger();
  const db = drizzlePg({ client: pool, schema, logger });
  return {
    kind: "postgres",
    db: db as unknown as Db,
    rows: async (text, params) => (await pool.query(text, params ?? [])).rows,
    capture,
    migrate: async () => {
      await migratePg(db, { migrationsFolder });
    },
    close: () => pool.end(),
  };
}

export interface LoadReport {
  migrateMs: number;
  seedMs: number;
  generate: GenerateResult;
  /** Wall time of generateVolume seen from the caller (includes its ANALYZE). */
  generateWallMs: number;
  vacuumMs?: number;
}

const since = (start: number) => Math.round(performance.now() - start);

/** Migrates, seeds the five demo workspaces, then adds the volume to follow-the-sun. */
export async function loadVolume(
  bdb: BenchDb,
  options: { cases: number; agents: number; log: (line: string) => void },
): Promise<LoadReport> {
  let start = performance.now();
  await bdb.migrate();
  const migrateMs = since(start);
  start = performance.now();
  const seeded = await seedDemo(bdb.db);
  const seedMs = since(start);
  if (!seeded.seeded) throw new Error("expected an empty database to seed");
  options.log(`  demo seeded in ${seedMs} ms; generating ${options.cases} cases…`);
  start = performance.now();
  const generate = await generateVolume(bdb.db, {
    workspaceSlug: WORKSPACE,
    cases: options.cases,
    agents: options.agents,
    seed: 1,
  });
  const generateWallMs = since(start);
  options.log(
    `  generated ${generate.cases} cases, ${generate.agents} agents in ${generateWallMs} ms`,
  );
  return { migrateMs, seedMs, generate, generateWallMs };
}

/** PostgreSQL only: what autovacuum does soon after a bulk load (visibility map, hint bits). */
export async function vacuum(bdb: BenchDb): Promise<number> {
  const start = performance.now();
  await bdb.rows("VACUUM (ANALYZE) cases");
  return since(start);
}

export interface BenchAgent {
  userId: string;
  email: string;
  owned: number;
  openOwned: number;
  token: string;
  actor: Actor;
}

/** The agent who owns the most cases in the workspace, with a fresh API token. */
export async function busiestAgent(bdb: BenchDb): Promise<BenchAgent> {
  const [top] = await bdb.rows(
    `SELECT c.owner_id, u.email, count(*)::int AS owned,
            count(*) FILTER (WHERE c.status IN ('new','active','awaiting_customer','solution_delivered'))::int AS open_owned
       FROM cases c JOIN workspaces w ON w.id = c.workspace_id JOIN users u ON u.id = c.owner_id
      WHERE w.slug = $1 GROUP BY c.owner_id, u.email ORDER BY owned DESC LIMIT 1`,
    [WORKSPACE],
  );
  if (!top) throw new Error("no owned cases");
  const userId = String(top.owner_id);
  const actor = await loadActor(bdb.db, userId, "token");
  if (!actor) throw new Error("busiest agent did not load");
  const { token } = await createApiToken(bdb.db, userId, "bench");
  return {
    userId,
    email: String(top.email),
    owned: Number(top.owned),
    openOwned: Number(top.open_owned),
    token,
    actor,
  };
}

export interface Scenario {
  name: string;
  what: string;
  /** Path and query string for the HTTP request. */
  path: string;
  query: Record<string, string>;
  /** Cases on the first page the server returned. */
  items?: number;
}

function pathOf(query: Record<string, string>): string {
  return `/api/v1/cases?${new URLSearchParams(query).toString()}`;
}

/** The four list views the targets name; the deep page follows `hops` cursors first. */
export async function buildScenarios(
  bdb: BenchDb,
  agent: BenchAgent,
  hops: number,
): Promise<Scenario[]> {
  let cursor: string | null = null;
  const base = { workspace: WORKSPACE };
  for (let i = 0; i < hops; i++) {
    const page = await listCases(
      bdb.db,
      agent.actor,
      listCasesQuery.parse(cursor ? { ...base, cursor } : base),
    );
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  if (!cursor) throw new Error("the workspace has fewer than two pages");
  const list: Omit<Scenario, "path">[] = [
    {
      name: "owner-me",
      what: "my cases: the busiest agent's own list",
      query: { owner: "me" },
    },
    {
      name: "queue",
      what: "queue view: in-depth queue, open statuses",
      query: { workspace: WORKSPACE, queue: "in-depth", status: "open" },
    },
    {
      name: "deep-page",
      what: `workspace list, page ${hops + 1} (after ${hops} nextCursor hops)`,
      query: { workspace: WORKSPACE, cursor },
    },
    {
      name: "filtered",
      what: "severity A and 24x7, whole workspace",
      query: { workspace: WORKSPACE, severity: "A", is24x7: "true" },
    },
  ];
  return list.map((s) => ({ ...s, path: pathOf(s.query) }));
}

export interface Explained {
  scenario: string;
  sql: string;
  params: unknown[];
  plan: string[];
}

function inline(text: string, params: unknown[]): string {
  // For the document only: the statement with its parameters written in.
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    return typeof v === "number" || typeof v === "boolean" ? String(v) : `'${String(v)}'`;
  });
}

async function explain(bdb: BenchDb, text: string, params: unknown[]): Promise<string[]> {
  // Once to warm the cache as the load would, then the plan that counts.
  await bdb.rows(text, params);
  const rows = await bdb.rows(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
  return rows.map((r) => String(r["QUERY PLAN"]));
}

/** EXPLAIN (ANALYZE, BUFFERS) of the exact statement listCases sends for each scenario. */
export async function explainScenarios(
  bdb: BenchDb,
  agent: BenchAgent,
  scenarios: Scenario[],
): Promise<Explained[]> {
  const out: Explained[] = [];
  for (const s of scenarios) {
    const { queries } = await bdb.capture(() =>
      listCases(bdb.db, agent.actor, listCasesQuery.parse(s.query)),
    );
    const main = queries.find((q) => /from "cases"/i.test(q.sql));
    if (!main) throw new Error(`no cases query captured for ${s.name}`);
    out.push({
      scenario: s.name,
      sql: inline(main.sql, main.params),
      params: main.params,
      plan: await explain(bdb, main.sql, main.params),
    });
  }
  return out;
}

/** "Execution Time: 1.234 ms" → 1.234 */
export function executionMs(plan: string[]): number {
  const line = plan.find((l) => l.startsWith("Execution Time:"));
  return line ? Number(/([\d.]+) ms/.exec(line)?.[1]) : Number.NaN;
}

export interface TableStats {
  cases: number;
  workspaceCases: number;
  users: number;
  tableMb: number;
  indexesMb: Record<string, number>;
  settings: Record<string, string>;
}

export async function tableStats(bdb: BenchDb): Promise<TableStats> {
  const mb = (v: unknown) => Math.round(Number(v) / 104857.6) / 10;
  const [counts] = await bdb.rows(
    `SELECT (SELECT count(*) FROM cases)::int AS cases,
            (SELECT count(*) FROM cases c JOIN workspaces w ON w.id = c.workspace_id
              WHERE w.slug = $1)::int AS ws_cases,
            (SELECT count(*) FROM users)::int AS users,
            pg_table_size('cases') AS table_bytes`,
    [WORKSPACE],
  );
  const indexes = await bdb.rows(
    `SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS bytes
       FROM pg_index WHERE indrelid = 'cases'::regclass ORDER BY 1`,
  );
  const settings = await bdb.rows(
    `SELECT name, setting, unit FROM pg_settings
      WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost',
                     'server_version', 'max_connections')`,
  );
  return {
    cases: Number(counts?.cases),
    workspaceCases: Number(counts?.ws_cases),
    users: Number(counts?.users),
    tableMb: mb(counts?.table_bytes),
    indexesMb: Object.fromEntries(indexes.map((r) => [String(r.name), mb(r.bytes)])),
    settings: Object.fromEntries(
      settings.map((r) => [
        String(r.name),
        `${String(r.setting)}${r.unit ? ` ${String(r.unit)}` : ""}`,
      ]),
    ),
  };
}

/**
 * Runs one statement on the PostgreSQL server `adminUrl` names, on a connection of its own: a
 * bench's CREATE DATABASE or DROP DATABASE, which cannot run inside the database it makes.
 */
export async function onServer(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
