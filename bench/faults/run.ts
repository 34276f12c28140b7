// `npm run faults`: fault drills against real `baton serve` processes (docs/deploy.md#fault-drills).
//
//   node bench/faults/run.ts [--long] [--only a,b,c,d,e] [--postgres-url URL]
//
// a. same-case storm over three processes; b. kill -9 under write load (PGlite and PostgreSQL);
// c. SMTP 451, down, back, and a 550 recipient; d. PostgreSQL restarted under load (restarts
// the shared server: a second or two of outage); e. hostile input with memory sampled.
// Each drill prints its figures; the run exits 1 when any invariant broke. Every drill makes its
// own database (`baton_faults_<random>`, dropped) or temp folder (removed).
import { type DrillOptions, type DrillResult, pendingCleanups } from "./support.ts";

const DRILLS: Record<string, () => Promise<(options: DrillOptions) => Promise<DrillResult[]>>> = {
  a: async () => {
    const { stormDrill } = await import("./storm.ts");
    return async (o) => [await stormDrill(o)];
  },
  b: async () => (await import("./kill.ts")).killDrills,
  c: async () => {
    const { smtpDrill } = await import("./smtp.ts");
    return async (o) => [await smtpDrill(o)];
  },
  d: async () => {
    const { restartDrill } = await import("./restart.ts");
    return async (o) => [await restartDrill(o)];
  },
  e: async () => {
    const { hostileDrill } = await import("./hostile.ts");
    return async (o) => [await hostileDrill(o)];
  },
};

function parseArgs(argv: string[]): { long: boolean; only: string[]; adminUrl: string } {
  let long = false;
  let only = Object.keys(DRILLS);
  let adminUrl =
    process.env.FAULTS_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--long") long = true;
    else if (arg === "--only") only = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (arg === "--postgres-url") adminUrl = argv[++i] ?? adminUrl;
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(
        "node bench/faults/run.ts [--long] [--only a,b,c,d,e] [--postgres-url URL]\n",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  for (const id of only) if (!DRILLS[id]) throw new Error(`no drill ${id}`);
  return { long, only, adminUrl };
}

// Interrupted, the drills' `finally` blocks never run: stop their servers and drop their
// databases here, or they would outlive the run.
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: cleaning up ${pendingCleanups.size} things …\n`);
    const all = Promise.allSettled([...pendingCleanups].reverse().map(async (c) => c()));
    void Promise.race([all, new Promise((r) => setTimeout(r, 15_000))]).then(() =>
      process.exit(130),
    );
  });

const args = parseArgs(process.argv.slice(2));
const log = (line: string) => process.stderr.write(`${line}\n`);
const results: DrillResult[] = [];
const started = performance.now();

/** Printed as each drill ends, so an interrupted run keeps what it measured. */
function report(r: DrillResult, seconds: number): void {
  const out = [`\n${r.failures.length ? "FAIL" : "ok  "} ${r.name} (${seconds.toFixed(0)} s)`];
  for (const [k, v] of Object.entries(r.figures)) out.push(`     ${k}: ${v}`);
  for (const f of r.failures.slice(0, 10)) out.push(`     ✗ ${f}`);
  if (r.failures.length > 10) out.push(`     ✗ … ${r.failures.length - 10} more`);
  process.stdout.write(`${out.join("\n")}\n`);
}

for (const id of args.only) {
  const load = DRILLS[id];
  if (!load) continue;
  const drill = await load();
  log(`— drill ${id}${args.long ? " (long)" : ""} …`);
  const t0 = performance.now();
  let these: DrillResult[];
  try {
    these = await drill({ long: args.long, adminUrl: args.adminUrl, log });
  } catch (error) {
    these = [
      {
        name: `drill ${id}`,
        figures: {},
        failures: [
          `did not finish: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        ],
      },
    ];
  }
  const seconds = (performance.now() - t0) / 1000;
  for (const r of these) report(r, seconds);
  results.push(...these);
}

const broken = results.filter((r) => r.failures.length > 0).length;
process.stdout.write(
  `\n${results.length - broken} of ${results.length} drills held in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
process.exit(broken ? 1 : 0);
