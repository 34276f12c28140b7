// The floor of a list view on PostgreSQL: the statements one request of it sends, without the
// HTTP server around them. They are captured by running the server's own functions (the auth
// hook's token lookup, the route's listCases) over a pool that records every query config it
// is given — text, parameters, statement name (a named one is prepared once per connection),
// row mode and type parsers — and are then replayed through a pg Pool of the server's size by
// as many concurrent clients as the HTTP load has connections, for as long. The ratio of the
// view's HTTP rate to this rate is how much the server adds on top of the database work.
import { createHistogram } from "node:perf_hooks";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { resolveApiToken } from "../src/auth/api-tokens.ts";
import { listCases, listCasesQuery } from "../src/commands/cases/listCases.ts";
import type { Db } from "../src/db/client.ts";
import * as schema from "../src/db/schema.ts";
import type { Scenario } from "./dataset.ts";
import { type CpuShare, cpuAccount, waitForQuiet } from "./machine.ts";

/** One statement as the driver was asked to send it. */
export interface CapturedStatement {
  config: pg.QueryConfig;
  values: unknown[];
}

export interface FloorOptions {
  url: string;
  /** The server's pool size (BATON_DB_POOL). */
  pool: number;
  connections: number;
  durationS: number;
  warmupS: number;
  database: string;
  /** The (idle) server, so that its share shows it took no part. */
  serverPid: number;
}

export interface FloorResult {
  /** Statements one request sends, in order: name (when prepared) and the first words. */
  statements: string[];
  requests: number;
  rps: number;
  errors: number;
  /** Milliseconds per request (all its statements). */
  p50: number;
  p95: number;
  cpu: CpuShare;
}

/** A pool whose query() records what it is asked, then sends it on as the server's would. */
function recordingPool(pool: pg.Pool, sink: CapturedStatement[]): pg.Pool {
  const query = pool.query.bind(pool) as (config: pg.QueryConfig, values?: unknown[]) => unknown;
  return new Proxy(pool, {
    get(target, key, receiver) {
      if (key !== "query") return Reflect.get(target, key, receiver);
      return (config: pg.QueryConfig | string, values?: unknown[]) => {
        const asConfig = typeof config === "string" ? { text: config } : config;
        sink.push({ config: asConfig, values: values ?? asConfig.values ?? [] });
        return query(asConfig, values);
      };
    },
  });
}

/** What the server sends for one request of the view: the token lookup, then the list. */
export async function captureRequest(
  pool: pg.Pool,
  token: string,
  scenario: Scenario,
): Promise<CapturedStatement[]> {
  const sink: CapturedStatement[] = [];
  const db = drizzle({ client: recordingPool(pool, sink), schema }) as unknown as Db;
  const actor = await resolveApiToken(db, token, new Date());
  if (!actor) throw new Error("the bench token did not resolve");
  await listCases(db, actor, listCasesQuery.parse(scenario.query));
  // The token's last_used_at is written at most once a minute, so not part of a request's cost.
  return sink.filter((s) => !/^update "api_tokens"/.test(s.config.text));
}

const describe = (s: CapturedStatement) =>
  `${s.config.name ? `${s.config.name}: ` : "(unnamed) "}${s.config.text.slice(0, 60).replace(/\s+/g, " ")}…`;

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

export async function runFloor(
  token: string,
  scenario: Scenario,
  options: FloorOptions,
): Promise<FloorResult> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.pool });
  // The final DROP DATABASE … WITH (FORCE) can reach a connection that is still closing.
  pool.on("error", () => {});
  try {
    const statements = await captureRequest(pool, token, scenario);
    let requests = 0;
    let errors = 0;
    let firstError = "";
    const latency = createHistogram();
    const drive = async (seconds: number, record: boolean) => {
      const end = performance.now() + seconds * 1000;
      const client = async () => {
        while (performance.now() < end) {
          const start = process.hrtime.bigint();
          try {
            // As drizzle over a Pool does: each statement takes a connection and gives it back.
            for (const s of statements) await pool.query(s.config, s.values);
            if (record) {
              requests++;
              latency.record(process.hrtime.bigint() - start);
            }
          } catch (error) {
            errors++;
            if (!firstError) firstError = String(error);
          }
        }
      };
      await Promise.all(Array.from({ length: options.connections }, client));
    };
    await waitForQuiet();
    if (options.warmupS > 0) await drive(options.warmupS, false);
    const account = cpuAccount(options.serverPid, options.database);
    const started = performance.now();
    await drive(options.durationS, true);
    const seconds = (performance.now() - started) / 1000;
    const cpu = account(requests);
    if (firstError)
      throw new Error(`floor ${scenario.name}: ${errors} errors, first ${firstError}`);
    return {
      statements: statements.map(describe),
      requests,
      rps: Math.round(requests / seconds),
      errors,
      p50: ms(latency.percentile(50)),
      p95: ms(latency.percentile(95)),
      cpu,
    };
  } finally {
    await pool.end();
  }
}
