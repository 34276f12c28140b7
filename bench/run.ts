// `npm run bench`: measures Baton against the performance targets on PGlite and PostgreSQL.
// See docs/performance.md for what each figure means and the latest results.
//
//   node bench/run.ts [--pglite-only | --postgres-only] [--cases N] [--agents N]
//     [--pglite-cases N] [--pglite-agents N] [--duration S] [--connections N] [--hops N]
//     [--starts N] [--pool N] [--paced-rate R] [--postgres-url URL] [--out FILE.json] [--keep]
//     [--compare-root DIR] [--compare-node-args "FLAGS"] [--reuse-db NAME] [--no-floor] [--rounds N]
//     [--stock-floor]
//     [--background] [--settle S]
//
// On PostgreSQL each list view is followed by its floor (bench/list-floor.ts): the statements
// one request sends, replayed through a pool of --pool connections by --connections clients,
// in --rounds alternating slices with the same view over HTTP, sent as the server sends them
// (src/db/wire-query.ts; --stock-floor: through node-postgres's own query, as until 2026-12-07).
// --reuse-db measures a database kept by an earlier --keep run instead of generating one.
// The PostgreSQL server runs with BATON_BACKGROUND=off, as an HTTP-only process of a deployment
// with several: the minute's sweep holds the event loop for seconds at 200,000 cases, which
// would measure the sweep, not the lists. --background measures it with the sweep in.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import {
  type BenchDb,
  buildScenarios,
  busiestAgent,
  type Explained,
  executionMs,
  explainScenarios,
  type LoadReport,
  loadVolume,
  openBenchPglite,
  openBenchPostgres,
  type Scenario,
  type TableStats,
  tableStats,
  vacuum,
} from "./dataset.ts";
import { type FloorOptions, runPaired } from "./list-floor.ts";
import { type LoadOptions, runScenario, type ScenarioResult } from "./load.ts";
import { busyMeter, processTicks, waitForQuiet } from "./machine.ts";
import type { ProbeStats } from "./probe.ts";
import { median, ROOT, residentByKind, startServe } from "./serve.ts";

interface Flags {
  pglite: boolean;
  postgres: boolean;
  cases: number;
  agents: number;
  pgliteCases: number;
  pgliteAgents: number;
  durationS: number;
  connections: number;
  hops: number;
  starts: number;
  pool: number;
  postgresUrl: string;
  out: string;
  keep: boolean;
  /** Requests a second, in all, in the paced (open-loop) run; 0 skips it. */
  pacedRate: number;
  /** A patched checkout to run the same load against, after this one. */
  compareRoot: string | undefined;
  /** Node options for the comparison server (alone: this checkout with other flags). */
  compareNodeArgs: string[] | undefined;
  /** A database an earlier --keep run left, measured as it is (no generation). */
  reuseDb: string | undefined;
  /** PostgreSQL: each list view's floor, the same statements without the server. */
  floor: boolean;
  /** The floor sends through node-postgres's own query (bench/list-floor.ts). */
  stockFloor: boolean;
  /** Alternating HTTP / floor slices per view. */
  rounds: number;
  /** PostgreSQL: the server runs the background work (sweeps, deliveries) too. */
  background: boolean;
  /** Seconds to wait after the load before reading memory a second time; 0 skips it. */
  settleS: number;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = {
    pglite: true,
    postgres: true,
    cases: 1_000_000,
    agents: 2_000,
    pgliteCases: 100_000,
    pgliteAgents: 200,
    durationS: 10,
    connections: 32,
    hops: 20,
    starts: 5,
    pool: 10,
    postgresUrl: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    out: join(tmpdir(), `baton-bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`),
    keep: false,
    compareRoot: undefined,
    compareNodeArgs: undefined,
    pacedRate: 32,
    reuseDb: undefined,
    floor: true,
    stockFloor: false,
    rounds: 5,
    background: false,
    settleS: 0,
  };
  const numeric: Record<string, keyof Flags> = {
    "--cases": "cases",
    "--agents": "agents",
    "--pglite-cases": "pgliteCases",
    "--pglite-agents": "pgliteAgents",
    "--duration": "durationS",
    "--connections": "connections",
    "--hops": "hops",
    "--starts": "starts",
    "--pool": "pool",
    "--paced-rate": "pacedRate",
    "--rounds": "rounds",
    "--settle": "settleS",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const field = numeric[arg];
    if (field) {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a whole number`);
      (flags as unknown as Record<string, number>)[field] = value;
    } else if (arg === "--pglite-only") flags.postgres = false;
    else if (arg === "--postgres-only") flags.pglite = false;
    else if (arg === "--keep") flags.keep = true;
    else if (arg === "--no-floor") flags.floor = false;
    else if (arg === "--stock-floor") flags.stockFloor = true;
    else if (arg === "--background") flags.background = true;
    else if (arg === "--reuse-db") flags.reuseDb = argv[++i];
    else if (arg === "--postgres-url") flags.postgresUrl = argv[++i] ?? "";
    else if (arg === "--out") flags.out = argv[++i] ?? flags.out;
    else if (arg === "--compare-root") flags.compareRoot = argv[++i];
    else if (arg === "--compare-node-args")
      flags.compareNodeArgs = (argv[++i] ?? "").split(" ").filter(Boolean);
    else if (arg === "--help" || arg === "-h") {
      console.log(readFileSync(new URL(import.meta.url), "utf8").split("\nimport")[0]);
      process.exit(0);
    } else throw new Error(`unknown flag ${arg}; --help lists them`);
  }
  return flags;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (n: number, digits = 0) => Number(n.toFixed(digits));
/** A view's HTTP rate over its floor's; the target is at least 0.5 (issue 16). */
const ratio = (s: ScenarioResult) =>
  s.floor && s.floor.floor.rps > 0 ? round(s.floor.http.rps / s.floor.floor.rps, 2) : Number.NaN;
/**
 * The same ratio from CPU time per request instead of rates: the floor's (driver + PostgreSQL)
 * over HTTP's (server + PostgreSQL + load generator). Other users of the machine change the
 * rates of the two phases differently, but hardly their CPU per request.
 */
const cpuRatio = (s: ScenarioResult) => {
  const f = s.floor?.floor.cpu;
  const h = s.floor?.http.cpu;
  if (!f || !h) return Number.NaN;
  const floorMs = (f.benchCpuMsPerRequest ?? Number.NaN) + (f.postgresCpuMsPerRequest ?? 0);
  const httpMs =
    (h.serverCpuMsPerRequest ?? Number.NaN) +
    (h.postgresCpuMsPerRequest ?? 0) +
    (h.benchCpuMsPerRequest ?? 0);
  return round(floorMs / httpMs, 2);
};

/** Which code was measured: the files that decide the list views' cost, by content hash. */
function sources(): Record<string, string> {
  const files = [
    "src/commands/cases/listCases.ts",
    "src/presenters/cases.ts",
    "src/presenters/time.ts",
    "src/http/fast-serializer.ts",
    "src/db/prepared.ts",
    "src/db/schema.ts",
    "src/auth/api-tokens.ts",
    "src/writes/api-tokens.ts",
    "src/auth/load-actor.ts",
    "src/demo/generate.ts",
  ];
  return Object.fromEntries(
    files.map((f) => [
      f,
      createHash("sha256")
        .update(readFileSync(join(ROOT, f)))
        .digest("hex")
        .slice(0, 12),
    ]),
  );
}

function machine() {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];
  let free = "";
  try {
    free = execFileSync("free", ["-h"], { encoding: "utf8" }).trim();
  } catch {
    free = "(free not available)";
  }
  return {
    date: new Date().toISOString(),
    nproc: availableParallelism(),
    cpu: cpu ?? "unknown",
    free,
    node: process.version,
  };
}

interface StartReport {
  runs: number[];
  medianMs: number;
  idleRssMb: number[];
  /** Per run: the server's own CPU time (user + system) from spawn to healthy, in ms. */
  cpuMs: number[];
  /** Per run: share of all CPUs used by other processes while this one started. */
  otherCpuPct: number[];
}

/** Which server to run: another checkout and/or other Node options; empty means this one. */
interface Variant {
  root?: string;
  nodeArgs?: string[];
}

async function timeStarts(
  env: Record<string, string>,
  runs: number,
  variant: Variant = {},
): Promise<StartReport> {
  const times: number[] = [];
  const rss: number[] = [];
  const other: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    await waitForQuiet();
    const meter = busyMeter();
    const server = await startServe({ env, ...variant });
    const busy = meter();
    // The child's own CPU since it was spawned, as a share of the machine over the same time.
    const ticks = processTicks(server.pid);
    const childPct = (ticks / (availableParallelism() * server.readyMs * 0.1)) * 100;
    cpu.push(ticks * 10);
    times.push(round(server.readyMs));
    rss.push(server.memory().rssMb);
    other.push(Math.max(0, round(busy - childPct)));
    await server.stop();
  }
  return {
    runs: times,
    medianMs: round(median(times)),
    idleRssMb: rss,
    cpuMs: cpu,
    otherCpuPct: other,
  };
}

interface DbReport {
  kind: "pglite" | "postgres";
  /** Absent when --reuse-db measured a database generated earlier. */
  load?: LoadReport;
  stats: TableStats;
  agent: { email: string; owned: number; openOwned: number };
  firstStartMs?: number;
  demoStarts?: StartReport;
  starts: StartReport;
  plans: Explained[];
  scenarios: ScenarioResult[];
  memoryAfterLoad: { rssMb: number; hwmMb: number };
  /** The same load against --compare-root, when given. */
  compare?: {
    root: string;
    nodeArgs: string[];
    starts: StartReport;
    scenarios: ScenarioResult[];
    memoryAfterLoad: { rssMb: number; hwmMb: number };
  };
  serverEnv: Record<string, string>;
}

async function measure(
  kind: "pglite" | "postgres",
  bdb: BenchDb,
  serverEnv: Record<string, string>,
  volume: { cases: number; agents: number },
  flags: Flags,
  extra: { firstStartMs?: number; demoStarts?: StartReport } = {},
): Promise<DbReport> {
  let load: LoadReport | undefined;
  if (flags.reuseDb) log(`[${kind}] measuring ${flags.reuseDb} as it is`);
  else {
    log(`[${kind}] loading ${volume.cases} cases, ${volume.agents} agents`);
    load = await loadVolume(bdb, { ...volume, log });
    if (kind === "postgres") {
      load.vacuumMs = await vacuum(bdb);
      log(`  VACUUM (ANALYZE) cases: ${load.vacuumMs} ms`);
    }
  }
  const stats = await tableStats(bdb);
  const agent = await busiestAgent(bdb);
  log(`  busiest agent ${agent.email} owns ${agent.owned} cases`);
  const scenarios = await buildScenarios(bdb, agent, flags.hops);
  const plans = await explainScenarios(bdb, agent, scenarios);
  await bdb.close();

  log(`[${kind}] timing ${flags.starts} starts on the loaded database`);
  const starts = await timeStarts(serverEnv, flags.starts);
  log(
    `  start to healthy: ${starts.runs.join(", ")} ms (median ${starts.medianMs}); ` +
      `server CPU ${starts.cpuMs.join(", ")} ms; ` +
      `other CPU ${starts.otherCpuPct.join(", ")} %`,
  );

  log(`[${kind}] load: ${flags.connections} connections, ${flags.durationS} s per view`);
  const options: LoadOptions = {
    connections: flags.connections,
    durationS: flags.durationS,
    warmupS: 2,
    singleS: 3,
    pacedRate: flags.pacedRate,
    ...(serverEnv.DATABASE_URL
      ? { database: new URL(serverEnv.DATABASE_URL).pathname.slice(1) }
      : {}),
  };
  const floor =
    kind === "postgres" && flags.floor && serverEnv.DATABASE_URL && options.database
      ? {
          url: serverEnv.DATABASE_URL,
          pool: flags.pool,
          connections: flags.connections,
          durationS: flags.durationS,
          rounds: Math.max(1, flags.rounds),
          warmupS: options.warmupS,
          database: options.database,
          stock: flags.stockFloor,
        }
      : undefined;
  const main = await loadAll(serverEnv, agent.token, scenarios, options, {}, floor, flags.settleS);
  let compare: DbReport["compare"];
  if (flags.compareRoot || flags.compareNodeArgs) {
    const variant: Variant = {
      root: flags.compareRoot ?? ROOT,
      nodeArgs: flags.compareNodeArgs ?? [],
    };
    log(`[${kind}] the same against ${variant.root} ${variant.nodeArgs?.join(" ")}`);
    const compareStarts = await timeStarts(serverEnv, flags.starts, variant);
    log(
      `  start to healthy: ${compareStarts.runs.join(", ")} ms (median ${compareStarts.medianMs}); ` +
        `server CPU ${compareStarts.cpuMs.join(", ")} ms`,
    );
    compare = {
      root: variant.root ?? ROOT,
      nodeArgs: variant.nodeArgs ?? [],
      starts: compareStarts,
      ...(await loadAll(
        serverEnv,
        agent.token,
        scenarios,
        options,
        variant,
        undefined,
        flags.settleS,
      )),
    };
  }
  return {
    kind,
    ...(load ? { load } : {}),
    stats,
    agent: { email: agent.email, owned: agent.owned, openOwned: agent.openOwned },
    ...extra,
    starts,
    plans,
    scenarios: main.scenarios,
    memoryAfterLoad: main.memoryAfterLoad,
    ...(compare ? { compare } : {}),
    serverEnv: Object.fromEntries(
      Object.entries(serverEnv).map(([k, v]) => [
        k,
        k === "DATABASE_URL" ? v.replace(/\/[^/]*$/, "/…") : v,
      ]),
    ),
  };
}

async function loadAll(
  env: Record<string, string>,
  token: string,
  scenarios: Scenario[],
  options: LoadOptions,
  variant: Variant = {},
  floor?: FloorOptions,
  settleS = 0,
) {
  const server = await startServe({ env, probe: true, ...variant });
  const results: ScenarioResult[] = [];
  let memoryAfterLoad = { rssMb: Number.NaN, hwmMb: Number.NaN };
  let split: ProbeStats["memory"] | undefined;
  let resident: string | undefined;
  try {
    for (const scenario of scenarios) {
      const r = await runScenario(server, token, scenario, options);
      results.push(r);
      log(
        `  ${r.scenario.padEnd(10)} server p50 ${r.server.p50} p95 ${r.server.p95} p99 ${r.server.p99} ms` +
          ` | 1-conn p95 ${r.single?.p95 ?? "-"} ms | ${r.client.rps} req/s, non2xx ${r.client.non2xx}` +
          ` | cpu ${r.cpu.serverCpuMsPerRequest} ms/req, other ${r.cpu.otherPct}% (quiet wait ${r.quietBefore.waitedMs} ms)`,
      );
      if (floor) {
        r.floor = await runPaired(server, token, scenario, floor);
        const { http, floor: bare } = r.floor;
        log(
          `  ${"paired".padEnd(10)} HTTP ${http.rps} req/s, floor ${bare.rps} req/s: ${ratio(r)} (by CPU ${cpuRatio(r)})` +
            ` | ms/req HTTP server ${http.cpu.serverCpuMsPerRequest} pg ${http.cpu.postgresCpuMsPerRequest} client ${http.cpu.benchCpuMsPerRequest}` +
            `, floor driver ${bare.cpu.benchCpuMsPerRequest} pg ${bare.cpu.postgresCpuMsPerRequest}` +
            ` | other ${http.cpu.otherPct} / ${bare.cpu.otherPct}% | ${r.floor.statements.join("; ")}`,
        );
      }
    }
  } finally {
    memoryAfterLoad = server.memory();
    resident = residentByKind(server.pid);
    if (settleS > 0) {
      // What stays resident once the server is idle again, V8's memory reducer included.
      await new Promise((done) => setTimeout(done, settleS * 1000));
      const settled = server.memory();
      log(
        `  ${settleS} s after the load: VmRSS ${settled.rssMb} MB; resident MB by kind: ` +
          residentByKind(server.pid),
      );
    }
    // Where it is: V8's heap, PGlite's WebAssembly memory (external) or neither.
    split = (await server.probe("probe:read").catch(() => undefined))?.memory;
    await server.stop();
  }
  log(
    `  after load: VmRSS ${memoryAfterLoad.rssMb} MB, VmHWM ${memoryAfterLoad.hwmMb} MB` +
      (split
        ? ` (heap ${split.heapUsed} of ${split.heapTotal} MB, external ${split.external} MB)`
        : "") +
      (resident ? `; resident MB by kind: ${resident}` : ""),
  );
  return { scenarios: results, memoryAfterLoad };
}

async function pgliteRun(flags: Flags): Promise<DbReport> {
  const root = mkdtempSync(join(tmpdir(), "baton-bench-"));
  try {
    const demoDir = join(root, "demo");
    log("[pglite] first start on an empty folder (migrate + demo seed)");
    const first = await startServe({ env: { BATON_DATA_DIR: demoDir }, timeoutMs: 180_000 });
    const firstStartMs = round(first.readyMs);
    await first.stop();
    log(`  ${firstStartMs} ms; timing ${flags.starts} starts on the demo folder`);
    const demoStarts = await timeStarts({ BATON_DATA_DIR: demoDir }, flags.starts);
    log(
      `  start to healthy: ${demoStarts.runs.join(", ")} ms (median ${demoStarts.medianMs}); ` +
        `server CPU ${demoStarts.cpuMs.join(", ")} ms; ` +
        `other CPU ${demoStarts.otherCpuPct.join(", ")} %`,
    );

    const volumeDir = join(root, "volume");
    const bdb = await openBenchPglite(volumeDir);
    return await measure(
      "pglite",
      bdb,
      { BATON_DATA_DIR: volumeDir },
      { cases: flags.pgliteCases, agents: flags.pgliteAgents },
      flags,
      { firstStartMs, demoStarts },
    );
  } finally {
    if (!flags.keep) rmSync(root, { recursive: true, force: true });
    else log(`[pglite] kept ${root}`);
  }
}

async function postgresRun(flags: Flags): Promise<DbReport> {
  const name = flags.reuseDb ?? `baton_bench_${Math.random().toString(16).slice(2, 10)}`;
  const adminUrl = flags.postgresUrl;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (!flags.reuseDb) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    log(`[postgres] created database ${name}`);
  }
  try {
    const bdb = await openBenchPostgres(url.toString());
    return await measure(
      "postgres",
      bdb,
      {
        DATABASE_URL: url.toString(),
        BATON_DB_POOL: String(flags.pool),
        BATON_BACKGROUND: flags.background ? "on" : "off",
      },
      { cases: flags.cases, agents: flags.agents },
      { ...flags, starts: Math.min(flags.starts, 3) },
    );
  } finally {
    if (flags.keep || flags.reuseDb) log(`[postgres] kept database ${name}`);
    else {
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
      log(`[postgres] dropped database ${name}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const TARGETS = {
  pglite: { p95Ms: 50, cases: 100_000 },
  postgres: { p95Ms: 15, cases: 1_000_000 },
  startMs: 3_000,
  rssMb: 300,
  generateMinutes: 10,
};

const verdict = (ok: boolean) => (ok ? "pass" : "**MISS**");

function scenarioTable(scenarios: ScenarioResult[], p95Ms: number): string[] {
  return [
    "| view | items | server p50 | server p95 | server p99 | 1-conn p50 / p95 | client p50 / p97.5 / p99 | req/s | non-2xx | server CPU ms/req | CPU % server / pg / bench / other | p95 target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...scenarios.map(
      (s) =>
        `| ${s.scenario} | ${s.items} | ${s.server.p50} | ${s.server.p95} | ${s.server.p99} | ` +
        `${s.single ? `${s.single.p50} / ${s.single.p95}` : "-"} | ` +
        `${s.client.p50} / ${s.client.p97_5} / ${s.client.p99} | ${s.client.rps} | ${s.client.non2xx} | ` +
        `${s.cpu.serverCpuMsPerRequest ?? "-"} | ` +
        `${s.cpu.serverPct} / ${s.cpu.postgresPct} / ${s.cpu.benchPct} / ${s.cpu.otherPct} | ` +
        `${verdict(s.server.p95 < p95Ms)} (< ${p95Ms}) |`,
    ),
  ];
}

function pacedTable(scenarios: ScenarioResult[], p95Ms: number, connections: number): string[] {
  const paced = scenarios.filter((s) => s.paced);
  if (paced.length === 0) return [];
  const rate = paced[0]?.paced?.rate ?? 0;
  return [
    "",
    `Paced (open loop): ${rate} requests a second arriving at random (Poisson), as ` +
      `${connections} people each clicking about every ${Math.round((connections / rate) * 10) / 10} s would send them; ` +
      "client latency measured with fetch from the bench process:",
    "",
    "| view | requests | server p50 | server p95 | server p99 | client p50 / p97.5 / p99 | non-2xx | p95 target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...paced.map((s) => {
      const p = s.paced!;
      return (
        `| ${s.scenario} | ${p.server.count} | ${p.server.p50} | ${p.server.p95} | ${p.server.p99} | ` +
        `${p.client.p50} / ${p.client.p97_5} / ${p.client.p99} | ${p.client.non2xx} | ` +
        `${verdict(p.server.p95 < p95Ms)} (< ${p95Ms}) |`
      );
    }),
  ];
}

function floorTable(scenarios: ScenarioResult[], pool: number, connections: number): string[] {
  const floored = scenarios.filter((s) => s.floor);
  if (floored.length === 0) return [];
  const cpu = (v: number | undefined) => v ?? "-";
  return [
    "",
    `Floor: the statements one request sends (token lookup, then the list), replayed by ` +
      `${connections} clients through a pg Pool of ${pool}; HTTP and floor in ${floored[0]?.floor?.rounds} ` +
      "alternating slices each (bench/list-floor.ts):",
    "",
    "| view | HTTP req/s | floor req/s | HTTP / floor | by CPU per request | CPU ms/req HTTP: server / pg / load generator | CPU ms/req floor: driver / pg | other CPU % HTTP / floor | floor p50 / p95 ms | statements |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...floored.map((s) => {
      const { http, floor: f } = s.floor!;
      return (
        `| ${s.scenario} | ${http.rps} | ${f.rps} | ${ratio(s)} ${verdict(ratio(s) >= 0.5)} | ${cpuRatio(s)} | ` +
        `${cpu(http.cpu.serverCpuMsPerRequest)} / ${cpu(http.cpu.postgresCpuMsPerRequest)} / ${cpu(http.cpu.benchCpuMsPerRequest)} | ` +
        `${cpu(f.cpu.benchCpuMsPerRequest)} / ${cpu(f.cpu.postgresCpuMsPerRequest)} | ` +
        `${http.cpu.otherPct} / ${f.cpu.otherPct} | ${f.p50} / ${f.p95} | ${s.floor!.statements.join("<br>")} |`
      );
    }),
  ];
}

function markdown(report: {
  machine: ReturnType<typeof machine>;
  sources: Record<string, string>;
  flags: Flags;
  runs: DbReport[];
}): string {
  const out: string[] = [];
  const c = report.flags.connections;
  const m = report.machine;
  out.push(
    `Measured ${m.date} on ${m.nproc} × ${m.cpu}, Node ${m.node}. Sources (sha256, 12 hex): ` +
      Object.entries(report.sources)
        .map(([f, h]) => `${f} ${h}`)
        .join(", ") +
      ".",
    "",
    "```",
    m.free,
    "```",
    "",
  );
  for (const r of report.runs) {
    const target = TARGETS[r.kind];
    out.push(`### ${r.kind === "pglite" ? "PGlite" : "PostgreSQL"}`, "");
    out.push(
      `Data: ${r.stats.cases.toLocaleString("en")} cases (${r.stats.workspaceCases.toLocaleString("en")} in follow-the-sun), ` +
        `${r.stats.users.toLocaleString("en")} users; cases table ${r.stats.tableMb} MB, indexes ` +
        Object.entries(r.stats.indexesMb)
          .map(([k, v]) => `${k} ${v} MB`)
          .join(", ") +
        ".",
      `Settings: ${Object.entries(r.stats.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ")}.`,
      `Busiest agent: ${r.agent.email}, ${r.agent.owned} cases (${r.agent.openOwned} open).`,
      "",
      "| figure | value |",
      "| --- | --- |",
    );
    if (r.load)
      out.push(
        `| generateVolume (${r.load.generate.cases.toLocaleString("en")} cases, ${r.load.generate.agents} agents, incl. ANALYZE) | ${(r.load.generateWallMs / 1000).toFixed(1)} s |`,
        `| migrate / demo seed (in-process) | ${r.load.migrateMs} ms / ${r.load.seedMs} ms |`,
      );
    if (r.load?.vacuumMs !== undefined)
      out.push(
        `| VACUUM (ANALYZE) cases after the load | ${(r.load.vacuumMs / 1000).toFixed(1)} s |`,
      );
    if (r.firstStartMs !== undefined)
      out.push(`| first start, empty folder (migrate + seed) to healthy | ${r.firstStartMs} ms |`);
    if (r.demoStarts)
      out.push(
        `| start to healthy, demo folder (median of ${r.demoStarts.runs.length}) | ${r.demoStarts.medianMs} ms (${r.demoStarts.runs.join(", ")}) |`,
        `| idle VmRSS after start, demo folder | ${r.demoStarts.idleRssMb.join(", ")} MB |`,
        `| server CPU from spawn to healthy, demo folder | ${r.demoStarts.cpuMs.join(", ")} ms |`,
        `| other processes' CPU share during those starts | ${r.demoStarts.otherCpuPct.join(", ")} % |`,
      );
    out.push(
      `| start to healthy, loaded database (median of ${r.starts.runs.length}) | ${r.starts.medianMs} ms (${r.starts.runs.join(", ")}) |`,
      `| idle VmRSS after start, loaded database | ${r.starts.idleRssMb.join(", ")} MB |`,
      `| server CPU from spawn to healthy, loaded database | ${r.starts.cpuMs.join(", ")} ms |`,
      `| other processes' CPU share during those starts | ${r.starts.otherCpuPct.join(", ")} % |`,
      `| VmRSS / VmHWM after the load scenarios | ${r.memoryAfterLoad.rssMb} MB / ${r.memoryAfterLoad.hwmMb} MB |`,
      "",
      `Server time in ms (probe: headers parsed → last byte written), ${c} connections unless ` +
        "noted; client latency from autocannon.",
      "",
      ...scenarioTable(r.scenarios, target.p95Ms),
      ...pacedTable(r.scenarios, target.p95Ms, c),
      ...floorTable(r.scenarios, report.flags.pool, c),
    );
    if (r.compare)
      out.push(
        "",
        `The same against the proposed change (\`${r.compare.root}\`, node ` +
          `\`${r.compare.nodeArgs.join(" ")}\`): start to healthy median ${r.compare.starts.medianMs} ms ` +
          `(${r.compare.starts.runs.join(", ")}), server CPU ${r.compare.starts.cpuMs.join(", ")} ms, ` +
          `idle VmRSS ${r.compare.starts.idleRssMb.join(", ")} MB; ` +
          `after the load VmRSS / VmHWM ${r.compare.memoryAfterLoad.rssMb} MB / ${r.compare.memoryAfterLoad.hwmMb} MB.`,
        "",
        ...scenarioTable(r.compare.scenarios, target.p95Ms),
        ...pacedTable(r.compare.scenarios, target.p95Ms, c),
      );
    out.push("", "Views:", "");
    for (const s of r.scenarios)
      out.push(`- \`${s.scenario}\`: ${s.what} — \`${s.path.slice(0, 120)}\``);
    out.push("", "Targets:", "");
    const startOk = r.starts.medianMs < TARGETS.startMs;
    const rssOk = r.memoryAfterLoad.rssMb < TARGETS.rssMb;
    if (r.kind === "pglite") {
      out.push(
        `- start to healthy < 3 s: demo folder ${r.demoStarts?.medianMs} ms ${verdict((r.demoStarts?.medianMs ?? Infinity) < TARGETS.startMs)}, ` +
          `loaded folder ${r.starts.medianMs} ms ${verdict(startOk)}`,
      );
    }
    out.push(
      `- resident memory < 300 MB after load: ${r.memoryAfterLoad.rssMb} MB ${verdict(rssOk)}`,
      r.load
        ? `- generator: ${r.load.generate.cases.toLocaleString("en")} cases in ${(r.load.generateWallMs / 60000).toFixed(1)} min ` +
            `${verdict(r.load.generateWallMs < TARGETS.generateMinutes * 60_000 && r.load.generate.cases >= target.cases)}`
        : "- generator: not run (--reuse-db)",
      `- list views p95 < ${target.p95Ms} ms at ${c} connections: ` +
        r.scenarios.map((s) => `${s.scenario} ${verdict(s.server.p95 < target.p95Ms)}`).join(", "),
      "",
      "EXPLAIN (ANALYZE, BUFFERS) of the statement listCases sends, warm:",
      "",
      "| view | execution | plan |",
      "| --- | ---: | --- |",
      ...r.plans.map(
        (p) =>
          `| ${p.scenario} | ${executionMs(p.plan)} ms | ${p.plan
            .filter((l) => /Scan|Sort Key|Sort Method/.test(l))
            .map((l) =>
              l
                .trim()
                .replace(/\s+\(cost=.*$/, "")
                .replace(/^->\s+/, ""),
            )
            .join("; ")} |`,
      ),
      "",
    );
    for (const p of r.plans)
      out.push(
        `\`${p.scenario}\`: \`${p.sql.replace(/^select .* from "cases"/, 'select … from "cases"')}\``,
        "",
        "```",
        ...p.plan,
        "```",
        "",
      );
  }
  return out.join("\n");
}

const flags = parseFlags(process.argv.slice(2));
const report = {
  machine: machine(),
  sources: sources(),
  flags: { ...flags, postgresUrl: "…" },
  runs: [] as DbReport[],
};
log(`baton bench: ${report.machine.nproc} × ${report.machine.cpu}, Node ${report.machine.node}`);
const started = performance.now();
if (flags.pglite) report.runs.push(await pgliteRun(flags));
if (flags.postgres) report.runs.push(await postgresRun(flags));
mkdirSync(dirname(flags.out), { recursive: true });
writeFileSync(flags.out, JSON.stringify(report, null, 2));
log(`done in ${((performance.now() - started) / 60000).toFixed(1)} min; JSON in ${flags.out}`);
process.stdout.write(`${markdown(report)}\n`);
