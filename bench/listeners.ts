// What each LISTENing connection costs PostgreSQL at every commit that notifies, whatever it
// listens to (docs/performance.md, "One LISTEN connection per process").
//
//   node bench/listeners.ts [--commits 20000] [--listeners "0 1 3 6"] [--postgres-url URL]
//
// On a scratch database (created and dropped here), for each count of listening connections:
// that many connections LISTEN, each on a channel of its own that nobody notifies, and one more
// connection commits --commits transactions that each notify another channel, as Baton's writes
// notify its live-event channel. Prints the CPU time of the listening backends per notifying
// commit (utime + stime from /proc, so PostgreSQL must run on this machine) and the commits per
// second. Zero listeners is the floor: the notifying backend's own work.
import pg from "pg";

import { onServer } from "./dataset.ts";
import { benchFlags, DEFAULT_POSTGRES_URL } from "./flags.ts";
import { processTicks } from "./machine.ts";

const flags = benchFlags(process.argv.slice(2), {
  numbers: { commits: 20_000 },
  texts: { listeners: "0 1 3 6", "postgres-url": DEFAULT_POSTGRES_URL },
  switches: [],
});
const counts = flags.listeners
  .split(/[\s,]+/)
  .filter(Boolean)
  .map(Number);
if (counts.some((n) => !Number.isInteger(n) || n < 0))
  throw new Error('--listeners needs whole numbers, e.g. "0 1 3 6"');

const TICK_MS = 10; // USER_HZ is 100 on Linux
const log = (line: string) => process.stderr.write(`${line}\n`);

async function connect(url: string): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  return { client, pid: rows[0]!.pid };
}

async function measure(url: string, listening: number) {
  const listeners = await Promise.all(Array.from({ length: listening }, () => connect(url)));
  await Promise.all(listeners.map((l, i) => l.client.query(`LISTEN baton_bench_idle_${i}`)));
  const notifier = await connect(url);
  try {
    // The commits need not wait for the disk: what is measured is the listeners' wake-ups.
    await notifier.client.query("SET synchronous_commit = off");
    const before = listeners.map((l) => processTicks(l.pid));
    const notifierBefore = processTicks(notifier.pid);
    const started = performance.now();
    for (let i = 0; i < flags.commits; i++)
      await notifier.client.query("SELECT pg_notify('baton_case_events', $1)", [String(i)]);
    const seconds = (performance.now() - started) / 1000;
    const listenersMs =
      listeners.reduce((sum, l, i) => sum + processTicks(l.pid) - before[i]!, 0) * TICK_MS;
    const notifierMs = (processTicks(notifier.pid) - notifierBefore) * TICK_MS;
    const perCommitUs = (ms: number) => Math.round((ms * 1000) / flags.commits);
    return {
      listening,
      commitsPerSecond: Math.round(flags.commits / seconds),
      notifierUsPerCommit: perCommitUs(notifierMs),
      listenersUsPerCommit: perCommitUs(listenersMs),
      perListenerUsPerCommit: listening ? perCommitUs(listenersMs / listening) : 0,
    };
  } finally {
    await Promise.all([notifier, ...listeners].map((c) => c.client.end()));
  }
}

const name = `baton_bench_${Math.random().toString(16).slice(2, 10)}`;
const url = new URL(flags["postgres-url"]);
url.pathname = `/${name}`;
await onServer(flags["postgres-url"], `CREATE DATABASE ${name}`);
try {
  const results = [];
  for (const listening of counts) {
    const result = await measure(url.toString(), listening);
    log(
      `${listening} listening: ${result.commitsPerSecond} commits/s; notifying backend ` +
        `${result.notifierUsPerCommit} µs, listening backends ${result.listenersUsPerCommit} µs ` +
        `(${result.perListenerUsPerCommit} µs each) of CPU per commit`,
    );
    results.push(result);
  }
  console.log(JSON.stringify({ commits: flags.commits, results }, null, 2));
} finally {
  await onServer(flags["postgres-url"], `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
