import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { AnalyticsScope } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import type { CountRow } from "../domain/analytics/figures.ts";
import { SCORE_CRITERIA } from "../domain/analytics/policy.ts";

/*
 * The handoff analytics' reads (docs/analytics.md), all from what the refresh wrote: the daily
 * rollups for counts and scores, the per-transfer facts for times, ping-pong and the worst
 * transfers, the daily capacity snapshots. The scope the actor may see and the filters become
 * one WHERE clause.
 */

export interface AnalyticsFilter {
  from: string;
  to: string;
  queue?: string | undefined;
  region?: string | undefined;
  kind?: string | undefined;
}

const int = z.number().int();
const num = z.number();
const text = z.string();
const maybe = z.string().nullable();

/** A list of values for IN (…). */
const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Filters on facts (alias f) or on the daily rollups (alias f too), with the actor's scope. */
function where(workspaceId: string, scope: AnalyticsScope, f: AnalyticsFilter): SQL {
  const parts: SQL[] = [
    sql`f.workspace_id = ${workspaceId}`,
    sql`f.day >= ${f.from}::date`,
    sql`f.day <= ${f.to}::date`,
  ];
  if (f.kind) parts.push(sql`f.kind = ${f.kind}`);
  if (f.queue) parts.push(sql`(f.from_queue = ${f.queue} OR f.to_queue = ${f.queue})`);
  if (f.region) parts.push(sql`(f.from_region = ${f.region} OR f.to_region = ${f.region})`);
  if (scope.scope === "team") {
    const queues = list(scope.queues);
    parts.push(sql`(f.from_queue IN (${queues}) OR f.to_queue IN (${queues}))`);
  }
  if (scope.scope === "own")
    parts.push(sql`(f.from_owner_id = ${scope.userId} OR f.to_owner_id = ${scope.userId})`);
  return sql.join(parts, sql` AND `);
}

/**
 * The rows counts are summed from: the daily rollups, or for someone who sees only their own
 * handoffs (the rollups do not keep people) the facts shaped like them.
 */
function daily(scope: AnalyticsScope): SQL {
  if (scope.scope !== "own") return sql`handoff_daily`;
  return sql`(SELECT workspace_id, day, kind, from_queue, coalesce(to_queue, '') AS to_queue,
      coalesce(from_region, '') AS from_region, coalesce(to_region, '') AS to_region, outcome,
      from_owner_id, to_owner_id, 1 AS transfers, (score IS NOT NULL)::int AS scored,
      coalesce(score, 0) AS score_sum, bounced_back::int AS bounced,
      sla_breached_after::int AS sla_breached
    FROM handoff_facts)`;
}

const countRow: z.ZodType<CountRow> = z.object({
  week: text,
  kind: text,
  from_queue: text,
  to_queue: text,
  from_region: text,
  to_region: text,
  outcome: text,
  transfers: int,
  scored: int,
  score_sum: int,
  bounced: int,
  sla_breached: int,
});

/** Transfers per ISO week, kind, queue pair, region pair and outcome, with score sums. */
export async function handoffCounts(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
): Promise<CountRow[]> {
  const result = await db.execute(sql`
    SELECT to_char(f.day, 'IYYY-"W"IW') AS week, f.kind, f.from_queue, f.to_queue,
      f.from_region, f.to_region, f.outcome, sum(f.transfers)::int AS transfers,
      sum(f.scored)::int AS scored, sum(f.score_sum)::int AS score_sum,
      sum(f.bounced)::int AS bounced, sum(f.sla_breached)::int AS sla_breached
    FROM ${daily(scope)} f
    WHERE ${where(workspaceId, scope, filter)}
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7`);
  return rowsOf(result, countRow);
}

export const STEP_COLUMNS = {
  approval: "approval_minutes",
  acceptance: "acceptance_minutes",
  customerTold: "customer_told_minutes",
  completion: "completion_minutes",
  firstResponse: "first_response_minutes",
  // Not a step: how long the case had gone unworked when it changed hands (S3.5).
  idleCarried: "idle_minutes",
} as const;
export type StepName = keyof typeof STEP_COLUMNS;

const stepRow = z.object({
  kind: text,
  step: text,
  transfers: int,
  median: num.nullable(),
  p90: num.nullable(),
});
export type StepRow = z.infer<typeof stepRow>;

/**
 * Median and 90th percentile minutes of each step of completed transfers, per kind and for all
 * kinds ('' as the kind), as PostgreSQL's percentile_cont interpolates them.
 */
export async function stepTimes(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
): Promise<StepRow[]> {
  // One pass over the range's facts with every step's figures side by side, then one row each.
  // Both percentiles from one sort of each column.
  const columns = Object.entries(STEP_COLUMNS).map(([step, column]) => {
    const c = sql.raw(`f.${column}`);
    return sql`count(${c})::int AS ${sql.raw(`"${step}_n"`)},
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${c})::float8[] AS ${sql.raw(`"${step}_q"`)}`;
  });
  const result = await db.execute(sql`
    SELECT coalesce(f.kind, '') AS kind, ${sql.join(columns, sql`, `)}
    FROM handoff_facts f
    WHERE ${where(workspaceId, scope, filter)} AND f.outcome = 'completed'
    GROUP BY GROUPING SETS ((f.kind), ())`);
  const wide = rowsOf(
    result,
    z.record(
      z.string(),
      z.union([z.string(), z.number(), z.array(z.number().nullable()), z.null()]),
    ),
  );
  return wide.flatMap((row) =>
    Object.keys(STEP_COLUMNS).map((step) => {
      const q = row[`${step}_q`];
      return stepRow.parse({
        kind: row.kind,
        step,
        transfers: row[`${step}_n`],
        median: Array.isArray(q) ? (q[0] ?? null) : null,
        p90: Array.isArray(q) ? (q[1] ?? null) : null,
      });
    }),
  );
}

const pingRow = z.object({
  case_number: int,
  subject: text,
  handoffs: int,
  last_at: num.transform((n) => new Date(n)),
});

/**
 * Cases that changed hands more than `limit` times within the policy's ping-pong period: the
 * refresh counted, for each completed handoff, the case's completed handoffs in the period up to
 * it (`window_handoffs`). Worst first.
 */
export async function pingPongCases(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
  limit: number,
) {
  const result = await db.execute(sql`
    SELECT c.number::float8 AS case_number, c.subject, max(f.window_handoffs)::int AS handoffs,
      (extract(epoch FROM max(f.settled_at)) * 1000)::float8 AS last_at
    FROM handoff_facts f JOIN cases c ON c.id = f.case_id
    WHERE ${where(workspaceId, scope, filter)} AND f.outcome = 'completed'
      AND f.window_handoffs > ${limit} AND f.window_handoffs > 1
    GROUP BY c.number, c.subject
    ORDER BY 3 DESC, 1
    LIMIT 100`);
  return rowsOf(result, pingRow);
}

const bounceRow = z.object({
  from_owner: maybe,
  from_name: maybe,
  to_owner: maybe,
  to_name: maybe,
  transfers: int,
  bounced: int,
});

/** Who hands cases to whom, with how many of those came back to the sender: most bounces first. */
export async function bouncePairs(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
) {
  // Bounces are few: the pairs come from them alone (a partial index holds just those rows),
  // the 100 with the most (ties at the cut by owner), and only those pairs' transfers are
  // counted, each by its own index range.
  const cond = where(workspaceId, scope, filter);
  const result = await db.execute(sql`
    WITH pairs AS (
      SELECT f.from_owner_id, f.to_owner_id, count(*)::int AS bounced
      FROM handoff_facts f
      WHERE ${cond} AND f.outcome = 'completed' AND f.bounced_back
        AND f.from_owner_id IS NOT NULL AND f.to_owner_id IS NOT NULL
      GROUP BY 1, 2
      ORDER BY 3 DESC, 1, 2
      LIMIT 100)
    SELECT p.from_owner_id::text AS from_owner, a.name AS from_name,
      p.to_owner_id::text AS to_owner, b.name AS to_name, t.transfers, p.bounced
    FROM pairs p
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS transfers FROM handoff_facts f
      WHERE ${cond} AND f.outcome = 'completed'
        AND f.from_owner_id = p.from_owner_id AND f.to_owner_id = p.to_owner_id) t
    LEFT JOIN users a ON a.id = p.from_owner_id
    LEFT JOIN users b ON b.id = p.to_owner_id
    ORDER BY 6 DESC, 5 DESC, 2, 4
    LIMIT 100`);
  return rowsOf(result, bounceRow);
}

const missedRow = z.object({
  from_region: maybe,
  to_region: maybe,
  meeting_series: maybe,
  meeting_title: maybe,
  missed: int,
});

/**
 * Missed 24x7 handovers (one per case and shift end, docs/analytics.md) in the range, by the
 * region of the case's owner, the region it should have gone to and the pair's meeting nearest
 * the shift end (its series: one pair's meeting every working day).
 */
export async function missedHandovers(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
) {
  const parts: SQL[] = [
    sql`m.workspace_id = ${workspaceId}`,
    sql`m.day BETWEEN ${filter.from}::date AND ${filter.to}::date`,
  ];
  if (filter.queue) parts.push(sql`m.queue = ${filter.queue}`);
  if (filter.region)
    parts.push(sql`(m.from_region = ${filter.region} OR m.to_region = ${filter.region})`);
  if (scope.scope === "team") parts.push(sql`m.queue IN (${list(scope.queues)})`);
  if (scope.scope === "own") parts.push(sql`m.owner_id = ${scope.userId}`);
  // Kinds are transfers' only: a missed handover is no transfer, so a kind filter leaves none.
  if (filter.kind) parts.push(sql`false`);
  const result = await db.execute(sql`
    SELECT m.from_region, m.to_region, split_part(m.meeting_key, '/', 1) AS meeting_series,
      m.meeting_title, count(*)::int AS missed
    FROM handover_misses m
    WHERE ${sql.join(parts, sql` AND `)}
    GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 2, 3`);
  return rowsOf(result, missedRow);
}

const pairRow = z.object({
  from_region: maybe,
  to_region: maybe,
  meeting_series: maybe,
  meeting_title: maybe,
  handovers: int,
});

/**
 * Completed handoffs of 24x7 cases from one region to another, by region pair and the pair's
 * meeting nearest each handoff.
 */
export async function sunHandovers(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
) {
  const result = await db.execute(sql`
    SELECT f.from_region, f.to_region, split_part(f.meeting_key, '/', 1) AS meeting_series,
      f.meeting_title, count(*)::int AS handovers
    FROM handoff_facts f
    WHERE ${where(workspaceId, scope, filter)} AND f.outcome = 'completed' AND f.is_24x7
      AND f.from_region IS DISTINCT FROM f.to_region
    GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 2, 3`);
  return rowsOf(result, pairRow);
}

const lowRow = z.object({
  transfer_id: text,
  case_number: int,
  subject: text,
  kind: text,
  day: text,
  from_name: maybe,
  to_name: maybe,
  from_queue: text,
  to_queue: maybe,
  score: int,
  score_final: z.boolean(),
  criteria: z.array(
    z.object({
      criterion: z.enum(SCORE_CRITERIA),
      weight: num,
      met: num,
      points: num,
      max: num,
      pending: z.boolean(),
      reason: text,
      because: z
        .object({
          code: text,
          values: z.record(text, z.union([text, num])),
        })
        .optional(),
    }),
  ),
});
export type LowRow = z.infer<typeof lowRow>;

/** The lowest-scoring transfers, each with its criteria, final scores before provisional ones. */
export async function lowestScores(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
  limit: number,
): Promise<LowRow[]> {
  const result = await db.execute(sql`
    SELECT f.transfer_id::text AS transfer_id, c.number::float8 AS case_number, c.subject, f.kind,
      to_char(f.day, 'YYYY-MM-DD') AS day, a.name AS from_name, b.name AS to_name, f.from_queue,
      f.to_queue, f.score, f.score_final, f.criteria
    FROM handoff_facts f
    JOIN cases c ON c.id = f.case_id
    LEFT JOIN users a ON a.id = f.from_owner_id
    LEFT JOIN users b ON b.id = f.to_owner_id
    WHERE ${where(workspaceId, scope, filter)} AND f.score IS NOT NULL
    ORDER BY f.score, f.score_final DESC, f.settled_at DESC, c.number
    LIMIT ${limit}`);
  return rowsOf(result, lowRow);
}

const queueDay = z.object({ day: text, queue: text, open_cases: int });
const agentDay = z.object({ day: text, queue: text, owner: text, name: maybe, open_cases: int });

/**
 * Open cases per day and queue over the range, and per agent on the range's last snapshot day
 * (a year of every agent's days would be a page no one reads), from the daily snapshots.
 */
export async function capacitySeries(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
) {
  const parts: SQL[] = [
    sql`s.workspace_id = ${workspaceId}`,
    sql`s.day BETWEEN ${filter.from}::date AND ${filter.to}::date`,
  ];
  if (filter.queue) parts.push(sql`s.queue = ${filter.queue}`);
  if (filter.region)
    parts.push(sql`EXISTS (SELECT 1 FROM memberships m WHERE m.user_id::text = s.owner
      AND m.workspace_id = s.workspace_id AND m.region = ${filter.region})`);
  if (scope.scope === "team") parts.push(sql`s.queue IN (${list(scope.queues)})`);
  if (scope.scope === "own") parts.push(sql`s.owner = ${scope.userId}`);
  const cond = sql.join(parts, sql` AND `);
  const [queues, agents] = await Promise.all([
    db.execute(sql`
      SELECT to_char(s.day, 'YYYY-MM-DD') AS day, s.queue, sum(s.open_cases)::int AS open_cases
      FROM capacity_snapshots s WHERE ${cond}
      GROUP BY s.day, s.queue ORDER BY s.day, s.queue`),
    db.execute(sql`
      SELECT to_char(s.day, 'YYYY-MM-DD') AS day, s.queue, s.owner, u.name, s.open_cases
      FROM capacity_snapshots s
      LEFT JOIN users u ON u.id::text = s.owner
      WHERE ${cond} AND s.owner <> ''
        AND s.day = (SELECT max(s.day) FROM capacity_snapshots s WHERE ${cond})
      ORDER BY s.open_cases DESC, u.name, s.queue`),
  ]);
  return {
    byQueue: rowsOf(queues, queueDay).map((r) => ({
      day: r.day,
      queue: r.queue,
      openCases: r.open_cases,
    })),
    byAgent: rowsOf(agents, agentDay).map((r) => ({
      day: r.day,
      agentId: r.owner,
      name: r.name,
      queue: r.queue,
      openCases: r.open_cases,
    })),
  };
}
