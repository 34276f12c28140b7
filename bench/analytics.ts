// Handoff analytics at volume (docs/analytics.md, docs/performance.md): how long the dashboard's
// one request takes on PostgreSQL over a year of a large workspace, for an admin (every
// handoff), a shift lead (a team's queue) and an agent (their own), against a floor of one
// second. Cases come from the volume generator (`baton generate`); it writes no transfers, so
// each case is given one ended transfer's facts a minute apart over the last year, and the
// rollups and daily capacity snapshots are built from those as the refresh would.
//
//   node bench/analytics.ts [--cases 1000000] [--agents 2000] [--runs 5] [--keep]
//   node bench/analytics.ts --reuse-db NAME [--runs 5]
//
// --keep leaves the database for later runs; --reuse-db times the reads on one kept earlier, so a
// change to the reads or rollups is measured without generating a million cases again (the
// rollups are rebuilt from the kept facts each time).
//
// BENCH_DATABASE_URL names the server (a database is created and dropped); the default is the
// local one.
import type { Actor } from "../src/auth/actor.ts";
import { operatorActor } from "../src/auth/actor.ts";
import { readHandoffAnalytics } from "../src/commands/analytics/readHandoffAnalytics.ts";
import * as loaders from "../src/loaders/handoff-analytics.ts";
import { dayKey, rebuildDaily } from "../src/writes/analytics.ts";
import type { BenchDb } from "./dataset.ts";
import { busiestAgent, loadVolume, onServer, openBenchPostgres, WORKSPACE } from "./dataset.ts";

const FLOOR_MS = 1000;

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a number`);
  return value;
}

const cases = flag("cases", 1_000_000);
const agents = flag("agents", 2_000);
const runs = flag("runs", 5);
const keep = process.argv.includes("--keep");
const reuseAt = process.argv.indexOf("--reuse-db");
const reuseDb = reuseAt >= 0 ? process.argv[reuseAt + 1] : undefined;
if (reuseAt >= 0 && !/^baton_bench_analytics_[0-9a-f]+$/.test(reuseDb ?? ""))
  throw new Error("--reuse-db must name a database an earlier --keep run left");
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const log = (line: string) => console.log(line);
const since = (start: number) => Math.round(performance.now() - start);

const CRITERIA = JSON.stringify([
  {
    criterion: "template",
    weight: 15,
    met: 1,
    points: 15,
    max: 15,
    pending: false,
    reason: "4 of 4 template fields filled in",
  },
  {
    criterion: "order",
    weight: 15,
    met: 1,
    points: 15,
    max: 15,
    pending: false,
    reason: "all 1 steps done in order",
  },
  {
    criterion: "customerTold",
    weight: 20,
    met: 0,
    points: 0,
    max: 20,
    pending: false,
    reason: "customer not told",
  },
  {
    criterion: "firstResponse",
    weight: 20,
    met: 1,
    points: 20,
    max: 20,
    pending: false,
    reason: "receiver replied 12 min after the handoff, within the target of 60 min",
  },
  {
    criterion: "noBounce",
    weight: 15,
    met: 1,
    points: 15,
    max: 15,
    pending: false,
    reason: "not bounced back to the sender within 72 h",
  },
  {
    criterion: "noReopen",
    weight: 15,
    met: 1,
    points: 15,
    max: 15,
    pending: false,
    reason: "not reopened within 168 h",
  },
]);

/** The facts, missed handovers and capacity snapshots of a year, on the generated cases. */
async function generate(bdb: BenchDb): Promise<void> {
  await loadVolume(bdb, { cases, agents, log });
  let start = performance.now();
  // One ended transfer per case, a minute apart going back from now, so a million cases cover
  // the last two years and a year's range holds about half of them.
  await bdb.rows(
    `INSERT INTO handoff_facts (transfer_id, workspace_id, case_id, kind, outcome, requested_at,
       settled_at, day, from_queue, to_queue, from_region, to_region, from_owner_id, to_owner_id,
       is_24x7, approval_minutes, acceptance_minutes, customer_told_minutes, completion_minutes,
       first_response_minutes, idle_minutes, meeting_key, meeting_title, bounced_back, reopened,
       sla_breached_after, window_handoffs, score, score_final)
     SELECT gen_random_uuid(), c.workspace_id, c.id,
       (ARRAY['fts-24x7', 'local-region', 'planned-leave'])[1 + c.number % 3], x.outcome,
       x.at - interval '40 minutes', x.at, (x.at AT TIME ZONE 'Asia/Singapore')::date,
       c.queue, c.queue, (ARRAY['APAC', 'IST', 'EMEA', 'US'])[1 + c.number % 4],
       (ARRAY['APAC', 'IST', 'EMEA', 'US'])[1 + (c.number / 4) % 4], c.owner_id, c.owner_id,
       c.is_24x7, c.number % 30, 5 + c.number % 50, 10 + c.number % 40, 40, 3 + c.number % 120,
       c.number % 900,
       CASE WHEN c.is_24x7 AND c.number % 4 <> (c.number / 4) % 4 THEN
         (ARRAY['APAC', 'IST', 'EMEA', 'US'])[1 + c.number % 4] || '>' ||
         (ARRAY['APAC', 'IST', 'EMEA', 'US'])[1 + (c.number / 4) % 4] || '/' ||
         to_char(x.at AT TIME ZONE 'Asia/Singapore', 'YYYY-MM-DD') END,
       CASE WHEN c.is_24x7 AND c.number % 4 <> (c.number / 4) % 4 THEN
         'Handover ' || (ARRAY['APAC', 'IST', 'EMEA', 'US'])[1 + c.number % 4] || ' → ' ||
         (ARRAY['APAC', 'IST', 'EMEA', 'US'])[1 + (c.number / 4) % 4] END,
       c.number % 11 = 0, c.number % 17 = 0, c.number % 13 = 0, 1 + (c.number % 97 = 0)::int * 4,
       CASE WHEN x.outcome = 'completed' THEN (c.number * 37) % 101 END,
       true
     FROM cases c
     JOIN workspaces w ON w.id = c.workspace_id AND w.slug = $1
     CROSS JOIN LATERAL (SELECT now() - (c.number % 1051200) * interval '1 minute' AS at,
       (ARRAY['completed', 'completed', 'completed', 'completed', 'declined', 'withdrawn',
         'expired'])[1 + c.number % 7] AS outcome) x`,
    [WORKSPACE],
  );
  await bdb.rows(
    `INSERT INTO handoff_fact_criteria (transfer_id, criteria)
     SELECT transfer_id, $1::jsonb FROM handoff_facts WHERE score IS NOT NULL
     ON CONFLICT (transfer_id) DO NOTHING`,
    [CRITERIA],
  );
  log(`  facts written in ${since(start)} ms`);
  start = performance.now();
  // A missed handover for one 24x7 case in fifty, on the day of its transfer.
  await bdb.rows(
    `INSERT INTO handover_misses (case_id, shift_key, workspace_id, raised_at, day, queue, owner_id,
       from_region, to_region, meeting_key, meeting_title)
     SELECT f.case_id, f.settled_at::text, f.workspace_id, f.settled_at, f.day, f.from_queue,
       f.from_owner_id, f.from_region, f.to_region, f.meeting_key, f.meeting_title
     FROM handoff_facts f WHERE f.is_24x7 AND (hashtext(f.case_id::text) % 50) = 0`,
  );
  log(`  missed handovers written in ${since(start)} ms`);
  start = performance.now();
  // A year of daily snapshots: today's open cases per queue and owner, every day.
  await bdb.rows(
    `INSERT INTO capacity_snapshots (workspace_id, day, queue, owner, open_cases)
     SELECT x.workspace_id, d::date, x.queue, x.owner, x.n
     FROM (SELECT c.workspace_id, c.queue, coalesce(c.owner_id::text, '') AS owner,
             count(*)::int AS n
           FROM cases c JOIN workspaces w ON w.id = c.workspace_id AND w.slug = $1
           WHERE c.status IN ('new', 'active', 'awaiting_customer', 'solution_delivered')
           GROUP BY 1, 2, 3) x
     CROSS JOIN generate_series(current_date - 364, current_date, interval '1 day') d
     ON CONFLICT (workspace_id, day, queue, owner) DO UPDATE SET open_cases = excluded.open_cases`,
    [WORKSPACE],
  );
  await bdb.rows(
    `INSERT INTO capacity_queue_snapshots (workspace_id, day, queue, open_cases)
     SELECT workspace_id, day, queue, sum(open_cases)::int FROM capacity_snapshots
     GROUP BY 1, 2, 3
     ON CONFLICT (workspace_id, day, queue) DO UPDATE SET open_cases = excluded.open_cases`,
  );
  log(`  capacity snapshots written in ${since(start)} ms`);
}

/**
 * The daily and weekly rollups from the facts, as the refresh builds them, then what autovacuum
 * would do.
 */
async function rollUp(bdb: BenchDb): Promise<void> {
  const start = performance.now();
  const days = await bdb.rows(
    "SELECT DISTINCT workspace_id::text AS ws, day::text AS day FROM handoff_facts",
  );
  await rebuildDaily(bdb.db, new Set(days.map((d) => dayKey(String(d.ws), String(d.day)))));
  log(`  ${days.length} days and their weeks rolled up in ${since(start)} ms`);
  for (const table of [
    "handoff_facts",
    "handoff_fact_criteria",
    "handoff_daily",
    "handoff_weekly",
    "handoff_step_weekly",
    "handoff_sun_weekly",
    "capacity_snapshots",
    "capacity_queue_snapshots",
    "handover_misses",
  ])
    await bdb.rows(`VACUUM (ANALYZE) ${table}`);
}

const name = reuseDb ?? `baton_bench_analytics_${Math.random().toString(16).slice(2, 10)}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;
if (!reuseDb) {
  await onServer(adminUrl, `CREATE DATABASE ${name}`);
  log(`created database ${name}`);
}
try {
  const bdb = await openBenchPostgres(url.toString());
  if (reuseDb) {
    await bdb.migrate();
    log(`measuring ${name} as it was kept`);
  } else await generate(bdb);
  await rollUp(bdb);

  const [ws] = await bdb.rows("SELECT id::text AS id FROM workspaces WHERE slug = $1", [WORKSPACE]);
  const wsId = String(ws?.id);
  const agent = await busiestAgent(bdb);
  const adminActor = operatorActor([{ id: wsId, slug: WORKSPACE }]);
  const lead: Actor = {
    userId: agent.userId,
    email: "",
    name: "bench lead",
    via: "system",
    memberships: [
      { workspaceId: wsId, workspaceSlug: WORKSPACE, role: "shift_lead", groups: ["in-depth"] },
    ],
  };
  const today = new Date();
  const yearAgo = new Date(today.getTime() - 364 * 86_400_000);
  const year = { from: yearAgo.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) };
  const views: [string, Actor, Record<string, string>][] = [
    ["admin, a year", adminActor, year],
    ["admin, 12 weeks", adminActor, {}],
    [
      "admin, a year, one kind and region",
      adminActor,
      { ...year, kind: "fts-24x7", region: "EMEA" },
    ],
    ["shift lead (team), a year", lead, year],
    ["agent (own), a year", agent.actor, year],
  ];
  const results: { view: string; p50: number; max: number; ok: boolean }[] = [];
  for (const [view, actor, query] of views) {
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      await readHandoffAnalytics(bdb.db, actor, WORKSPACE, query);
      // The first run warms the caches and is not counted.
      if (i > 0) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p50 = Math.round(times[Math.floor(times.length / 2)] ?? 0);
    const max = Math.round(times[times.length - 1] ?? 0);
    results.push({ view, p50, max, ok: p50 <= FLOOR_MS });
    log(
      `  ${view}: p50 ${p50} ms, max ${max} ms ${p50 <= FLOOR_MS ? "" : `(over ${FLOOR_MS} ms)`}`,
    );
  }
  // Where an admin's year goes, read by read.
  const scope = { scope: "workspace" } as const;
  const filter = { from: year.from, to: year.to };
  const parts: Record<string, () => Promise<unknown>> = {
    counts: () => loaders.handoffCounts(bdb.db, wsId, scope, filter),
    steps: () => loaders.stepCounts(bdb.db, wsId, scope, filter),
    pingPong: () => loaders.pingPongCases(bdb.db, wsId, scope, filter, 3),
    bounces: () => loaders.bouncePairs(bdb.db, wsId, scope, filter),
    sun: () => loaders.sunHandovers(bdb.db, wsId, scope, filter),
    missed: () => loaders.missedHandovers(bdb.db, wsId, scope, filter),
    lowest: () => loaders.lowestScores(bdb.db, wsId, scope, filter, 20),
    capacity: () => loaders.capacitySeries(bdb.db, wsId, scope, filter),
  };
  const breakdown: Record<string, number> = {};
  for (const [part, run] of Object.entries(parts)) {
    await run();
    const t = performance.now();
    await run();
    breakdown[part] = Math.round(performance.now() - t);
  }
  log(`  an admin's year, read by read (ms): ${JSON.stringify(breakdown)}`);
  console.log(JSON.stringify({ cases, agents, floorMs: FLOOR_MS, results, breakdown }, null, 2));
  await bdb.close();
  if (results.some((r) => !r.ok)) process.exitCode = 1;
} finally {
  if (keep || reuseDb) log(`kept database ${name}`);
  else {
    await onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    log(`dropped database ${name}`);
  }
}
