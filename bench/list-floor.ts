// The floor of a list view on PostgreSQL: the statements one request of it sends, without the
// HTTP server around them. They are captured by running the server's own functions (the auth
// hook's token lookup, the route's listCases) over a pool that records every query config it
// is given — text, parameters, statement name (a named one is prepared once per connection),
// row mode and type parsers — and are then replayed through a pg Pool of the server's size by
// as many concurrent clients as the HTTP load has connections, for as long. The ratio of the
// view's HTTP rate to this rate is how much the server adds on top of the database work.
//
// Others share the machine and their load comes and goes within seconds, so the two are not
// run one after the other: the time is cut into rounds, each an HTTP slice (autocannon against
// the server) then a floor slice, and each side's rate and CPU are summed over its slices.
import { createHistogram } from "node:perf_hooks";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { resolveApiToken } from "../src/auth/api-tokens.ts";
import { listCases, listCasesQuery } from "../src/commands/cases/listCases.ts";
import type { Db } from "../src/db/client.ts";
import * as schema from "../src/db/schema.ts";
import { runWire, WireQuery, type WireStatement } from "../src/db/wire-query.ts";
import type { Scenario } from "./dataset.ts";
import { fire } from "./load.ts";
import { type CpuShare, cpuMeter, waitForQuiet } from "./machine.ts";

/**
 * One statement as the driver was asked to send it: a query config, or a statement the server
 * sends on the wire itself (src/db/wire-query.ts), replayed the same way.
 */
export type CapturedStatement =
  | { config: pg.QueryConfig; values: unknown[]; wire?: undefined }
  | { config: { name: string; text: string }; values: unknown[]; wire: WireStatement };

/**
 * Sends a captured statement once more, as the server sent it, or (`stock`) a statement the
 * server sent on the wire through node-postgres's own query, as the floor did until 2026-12-07.
 */
const replay = (pool: pg.Pool, s: CapturedStatement, stock: boolean) => {
  if (!s.wire) return pool.query(s.config, s.values);
  if (!stock) return runWire(pool, s.wire, s.values);
  const { name, text, arrays, types } = s.wire;
  return pool.query({ name, text, types, ...(arrays ? { rowMode: "array" } : {}) }, s.values);
};

export interface FloorOptions {
  url: string;
  /** The server's pool size (BATON_DB_POOL). */
  pool: number;
  connections: number;
  /** Seconds of each side in all, cut into `rounds` slices. */
  durationS: number;
  rounds: number;
  warmupS: number;
  database: string;
  /** Statements the server sends on the wire go through node-postgres's own query instead. */
  stock?: boolean;
}

export interface PairedResult {
  /** Statements one request sends, in order: name (when prepared) and the first words. */
  statements: string[];
  rounds: number;
  http: { requests: number; rps: number; non2xx: number; cpu: CpuShare };
  floor: {
    requests: number;
    rps: number;
    /** Milliseconds per request (all its statements). */
    p50: number;
    p95: number;
    cpu: CpuShare;
  };
}

/** A pool whose query() records what it is asked, then sends it on as the server's would. */
function recordingPool(pool: pg.Pool, sink: CapturedStatement[]): pg.Pool {
  const query = pool.query.bind(pool) as (config: pg.QueryConfig, values?: unknown[]) => unknown;
  return new Proxy(pool, {
    get(target, key, receiver) {
      if (key !== "query") return Reflect.get(target, key, receiver);
      return (config: pg.QueryConfig | string | WireQuery, values?: unknown[]) => {
        if (config instanceof WireQuery) {
          sink.push({ config: config.statement, values: config.params, wire: config.statement });
          return query(config as unknown as pg.QueryConfig);
        }
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

/** The view over HTTP and its floor, in alternating slices of the same length. */
export async function runPaired(
  server: { url: string; pid: number },
  token: string,
  scenario: Scenario,
  options: FloorOptions,
): Promise<PairedResult> {
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
            for (const s of statements) await replay(pool, s, options.stock ?? false);
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
    const url = `${server.url}${scenario.path}`;
    const slice = options.durationS / options.rounds;
    const httpCpu = cpuMeter(server.pid, options.database);
    const floorCpu = cpuMeter(server.pid, options.database);
    let httpRequests = 0;
    let non2xx = 0;
    let httpSeconds = 0;
    let floorSeconds = 0;
    await waitForQuiet();
    if (options.warmupS > 0) {
      await fire(url, token, options.connections, options.warmupS);
      await drive(options.warmupS, false);
    }
    for (let round = 0; round < options.rounds; round++) {
      httpCpu.start();
      let started = performance.now();
      const result = await fire(url, token, options.connections, slice);
      httpSeconds += (performance.now() - started) / 1000;
      httpCpu.stop();
      httpRequests += result.requests.total;
      non2xx += result.non2xx;
      floorCpu.start();
      started = performance.now();
      await drive(slice, true);
      floorSeconds += (performance.now() - started) / 1000;
      floorCpu.stop();
    }
    if (firstError)
      throw new Error(`floor ${scenario.name}: ${errors} errors, first ${firstError}`);
    return {
      statements: statements.map(describe),
      rounds: options.rounds,
      http: {
        requests: httpRequests,
        rps: Math.round(httpRequests / httpSeconds),
        non2xx,
        cpu: httpCpu.share(httpRequests),
      },
      floor: {
        requests,
        rps: Math.round(requests / floorSeconds),
        p50: ms(latency.percentile(50)),
        p95: ms(latency.percentile(95)),
        cpu: floorCpu.share(requests),
      },
    };
  } finally {
    await pool.end();
  }
}
