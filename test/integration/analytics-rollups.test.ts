import { randomUUID } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyticsScope } from "../../src/auth/authorize.ts";
import { factSteps, STEP_NAMES, stepMinutesSql } from "../../src/db/analytics-sql.ts";
import type { Db } from "../../src/db/client.ts";
import { stepFigures, stepMinutes } from "../../src/domain/analytics/steps.ts";
import {
  type AnalyticsFilter,
  handoffCounts,
  stepCounts,
  sunHandovers,
} from "../../src/loaders/handoff-analytics.ts";
import { dayKey, rebuildDaily } from "../../src/writes/analytics.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db.ts";

// The weekly rollups (docs/analytics.md) against the facts they summarise: for ranges with and
// without whole weeks, every filter and scope, the dashboard's counts, step times and
// follow-the-sun handovers equal what the same figures come to read from the facts alone.

const WS = randomUUID();
const OWNERS = [randomUUID(), randomUUID(), randomUUID()];

/** Ten weeks of varied facts: kinds, queue and region pairs (some missing), outcomes, minutes. */
async function seedFacts(db: Db) {
  await db.execute(sql`
    INSERT INTO handoff_facts (transfer_id, workspace_id, case_id, kind, outcome, requested_at,
      settled_at, day, from_queue, to_queue, from_region, to_region, from_owner_id, to_owner_id,
      is_24x7, approval_minutes, acceptance_minutes, customer_told_minutes, completion_minutes,
      first_response_minutes, idle_minutes, meeting_key, meeting_title, bounced_back,
      sla_breached_after, score)
    SELECT gen_random_uuid(), ${WS}::uuid, gen_random_uuid(), (ARRAY['fts', 'leave'])[1 + i % 2],
      (ARRAY['completed', 'completed', 'completed', 'declined', 'withdrawn'])[1 + i % 5],
      d, d, d::date,
      (ARRAY['q1', 'q2', 'q3'])[1 + i % 3], (ARRAY['q1', 'q2', 'q3', NULL])[1 + (i / 3) % 4],
      (ARRAY['EMEA', 'US', 'APAC', NULL])[1 + (i / 2) % 4], (ARRAY['US', 'EMEA', 'APAC'])[1 + (i / 5) % 3],
      (ARRAY[${OWNERS[0]}, ${OWNERS[1]}, ${OWNERS[2]}]::uuid[])[1 + i % 3],
      (ARRAY[${OWNERS[1]}, ${OWNERS[2]}, ${OWNERS[0]}]::uuid[])[1 + (i / 7) % 3],
      i % 4 <> 0,
      CASE WHEN i % 6 = 0 THEN NULL ELSE (i * 7919 % 900) / 10.0 END,
      (i * 104729 % 7200) / 10.0,
      (i * 31 % 30000) / 10.0,
      59.5 + (i % 3) * 0.25,
      CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 613 % 50000) / 10.0 END,
      (i * 17 % 6000) / 10.0,
      CASE WHEN i % 3 = 0 THEN 'series-' || (i % 2) || '/' || d::date END,
      CASE WHEN i % 3 = 0 THEN 'Handover ' || (i % 2) END,
      i % 11 = 0, i % 13 = 0, CASE WHEN i % 5 < 3 THEN i % 101 END
    FROM generate_series(1, 700) i
    CROSS JOIN LATERAL (SELECT timestamp '2026-01-01 00:00' + (i * 137 % 10000) * interval '10 minutes' AS d) x`);
  const days = (await db.execute(
    sql`SELECT DISTINCT day::text AS day FROM handoff_facts WHERE workspace_id = ${WS}`,
  )) as unknown as { rows: { day: string }[] };
  await rebuildDaily(db, new Set(days.rows.map((r) => dayKey(WS, r.day))));
}

/** The filter and scope as plain SQL on the facts, written apart from the loaders' own. */
function factsWhere(scope: AnalyticsScope, f: AnalyticsFilter): SQL {
  const parts = [sql`f.workspace_id = ${WS}`, sql`f.day BETWEEN ${f.from}::date AND ${f.to}::date`];
  if (f.kind) parts.push(sql`f.kind = ${f.kind}`);
  if (f.queue) parts.push(sql`${f.queue} IN (f.from_queue, f.to_queue)`);
  if (f.region) parts.push(sql`${f.region} IN (f.from_region, f.to_region)`);
  if (scope.scope === "team") {
    const queues = sql.join(
      scope.queues.map((q) => sql`${q}`),
      sql`, `,
    );
    parts.push(sql`(f.from_queue IN (${queues}) OR f.to_queue IN (${queues}))`);
  }
  if (scope.scope === "own")
    parts.push(sql`${scope.userId}::uuid IN (f.from_owner_id, f.to_owner_id)`);
  return sql.join(parts, sql` AND `);
}

const round6 = (n: number | null) => (n === null ? null : Math.round(n * 1e6) / 1e6);

describe.each(databaseKinds)("weekly analytics rollups (%s)", (kind) => {
  let database: TestDatabase;
  let db: Db;
  const rows = async <T>(query: SQL) =>
    ((await db.execute(query)) as unknown as { rows: T[] }).rows;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    await seedFacts(db);
  });
  afterAll(() => database.dispose());

  it("rounds step minutes in SQL exactly as the domain does", async () => {
    const values = [
      0, 0.4, 0.5, 1.5, 2.5, 59.4, 59.5, 59.9, 60, 62.4, 62.5, 597.4, 597.5, 599.9, 600, 607.4,
      607.5, 2872.4, 2872.5, 2880, 2909.9, 2910, 10_000.1, -0.4, -0.6,
    ];
    const list = sql.join(
      values.map((v) => sql`(${v}::float8)`),
      sql`, `,
    );
    const got = await rows<{ m: number; r: number }>(
      sql`SELECT v.m, ${stepMinutesSql(sql`v.m`)} AS r FROM (VALUES ${list}) v(m)`,
    );
    expect(got.map((g) => [Number(g.m), Number(g.r)])).toEqual(
      values.map((v) => [v, stepMinutes(v)]),
    );
    expect(values.map(stepMinutes).slice(0, 12)).toEqual([
      0, 0, 1, 2, 3, 59, 60, 60, 60, 60, 65, 595,
    ]);
  });

  const ranges: [string, AnalyticsFilter][] = [
    ["ten weeks and the days around them", { from: "2025-12-20", to: "2026-03-20" }],
    ["two whole weeks, nothing around", { from: "2026-01-05", to: "2026-01-18" }],
    ["days within one week", { from: "2026-01-07", to: "2026-01-09" }],
    ["one Sunday", { from: "2026-02-01", to: "2026-02-01" }],
    ["a kind", { from: "2026-01-01", to: "2026-03-01", kind: "fts" }],
    ["a queue", { from: "2026-01-01", to: "2026-03-01", queue: "q2" }],
    ["a region", { from: "2026-01-01", to: "2026-03-01", region: "EMEA" }],
    [
      "a kind, queue and region",
      { from: "2026-01-03", to: "2026-02-26", kind: "leave", queue: "q1", region: "US" },
    ],
  ];
  const scopes: [string, AnalyticsScope][] = [
    ["workspace", { scope: "workspace" }],
    ["team", { scope: "team", queues: ["q1", "q3"] }],
    ["own", { scope: "own", userId: OWNERS[1] ?? "" }],
  ];

  for (const [rangeName, filter] of ranges)
    for (const [scopeName, scope] of scopes)
      it(`equals the facts: ${rangeName}, ${scopeName}`, async () => {
        const where = factsWhere(scope, filter);

        const facts = sql`(SELECT to_char(f.day, 'IYYY-"W"IW') AS week, f.kind, f.from_queue,
            coalesce(f.to_queue, '') AS to_queue, coalesce(f.from_region, '') AS from_region,
            coalesce(f.to_region, '') AS to_region, f.outcome, f.score, f.bounced_back,
            f.sla_breached_after
          FROM handoff_facts f WHERE ${where})`;
        const sets: [string, string, string][] = [
          ["all", "''", "''"],
          ["kind", "kind", "''"],
          ["regionPair", "from_region", "to_region"],
          ["queuePair", "from_queue", "to_queue"],
          ["week", "week", "''"],
          ["fromQueue", "from_queue", "''"],
        ];
        const counts = await rows<Record<string, unknown>>(
          sql.join(
            sets.map(
              ([set, key, to]) => sql`
                SELECT ${set}::text AS "set", ${sql.raw(key)} AS key, ${sql.raw(to)} AS key_to,
                  outcome, count(*)::int AS transfers, count(score)::int AS scored,
                  coalesce(sum(score), 0)::int AS score_sum,
                  count(*) FILTER (WHERE bounced_back)::int AS bounced,
                  count(*) FILTER (WHERE sla_breached_after)::int AS sla_breached
                FROM ${facts} x GROUP BY 2, 3, 4`,
            ),
            sql` UNION ALL `,
          ),
        );
        const json = (r: object) => JSON.stringify(r);
        const got = (await handoffCounts(db, WS, scope, filter)).map(json).sort();
        expect(got).toEqual(counts.map(json).sort());
        expect(got.length).toBeGreaterThan(filter.from === filter.to ? 0 : 5);

        const steps = await rows<{ kind: string; step: string; n: number; q: number[] | null }>(sql`
          SELECT coalesce(f.kind, '') AS kind, s.step, count(*)::int AS n,
            percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP
              (ORDER BY ${stepMinutesSql(sql`s.m`)})::float8[] AS q
          FROM handoff_facts f CROSS JOIN LATERAL ${factSteps}
          WHERE ${where} AND f.outcome = 'completed' AND s.m IS NOT NULL
          GROUP BY GROUPING SETS ((f.kind, s.step), (s.step))`);
        const figures = stepFigures(await stepCounts(db, WS, scope, filter), STEP_NAMES);
        const shown = [
          ...figures.overall.map((s) => ({ kind: "", ...s })),
          ...figures.byKind.flatMap((k) => k.steps.map((s) => ({ kind: k.kind, ...s }))),
        ]
          .filter((s) => s.transfers > 0)
          .map((s) => [s.kind, s.step, s.transfers, round6(s.medianMinutes), round6(s.p90Minutes)]);
        const expected = steps.map((s) => [
          s.kind,
          s.step,
          s.n,
          round6(s.q?.[0] ?? null),
          round6(s.q?.[1] ?? null),
        ]);
        const order = (a: unknown[], b: unknown[]) =>
          JSON.stringify(a).localeCompare(JSON.stringify(b));
        expect(shown.sort(order)).toEqual(expected.sort(order));

        const sun = await rows<Record<string, unknown>>(sql`
          SELECT f.from_region, f.to_region, split_part(f.meeting_key, '/', 1) AS meeting_series,
            f.meeting_title, count(*)::int AS handovers
          FROM handoff_facts f
          WHERE ${where} AND f.outcome = 'completed' AND f.is_24x7
            AND f.from_region IS DISTINCT FROM f.to_region
          GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 2, 3, 4`);
        const sunGot = await sunHandovers(db, WS, scope, filter);
        expect(sunGot.map(json).sort()).toEqual(sun.map(json).sort());
      });

  it("has data in every part the comparisons read", async () => {
    const [sizes] = await rows<Record<string, number>>(sql`
      SELECT (SELECT count(*)::int FROM handoff_weekly) AS weeks,
        (SELECT count(*)::int FROM handoff_step_weekly) AS steps,
        (SELECT count(*)::int FROM handoff_sun_weekly) AS sun,
        (SELECT count(DISTINCT week)::int FROM handoff_weekly) AS distinct_weeks`);
    expect(sizes?.distinct_weeks).toBeGreaterThanOrEqual(10);
    expect(sizes?.steps).toBeGreaterThan(100);
    expect(sizes?.sun).toBeGreaterThan(10);
  });
});
