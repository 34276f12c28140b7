import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { AnalyticsScope } from "../auth/authorize.ts";
import { factSteps, stepMinutesSql } from "../db/analytics-sql.ts";
import type { Db } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import { COUNT_SETS, type CountRow, type CountSet } from "../domain/analytics/figures.ts";
import { SCORE_CRITERIA } from "../domain/analytics/policy.ts";
import type { StepCount } from "../domain/analytics/steps.ts";
import { splitRange } from "../domain/analytics/weeks.ts";

/*
 * The handoff analytics' reads (docs/analytics.md), all from what the refresh wrote: the weekly
 * rollups for the range's whole weeks and the daily rollups or facts for the days around them
 * (counts and scores, step times, follow-the-sun handovers), the per-transfer facts for
 * ping-pong, bounces and the worst transfers, the daily capacity snapshots. The scope the actor
 * may see and the filters become one WHERE clause.
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

/**
 * The actor's scope and the filters other than dates, on rows aliased f that have the facts'
 * kind, queue and region columns (the facts and every rollup but the step counts, which a
 * region filter never reads). The owners only the facts keep.
 */
function dimensions(scope: AnalyticsScope, f: AnalyticsFilter): SQL[] {
  const parts: SQL[] = [];
  if (f.kind) parts.push(sql`f.kind = ${f.kind}`);
  if (f.queue) parts.push(sql`(f.from_queue = ${f.queue} OR f.to_queue = ${f.queue})`);
  if (f.region) parts.push(sql`(f.from_region = ${f.region} OR f.to_region = ${f.region})`);
  if (scope.scope === "team") {
    const queues = list(scope.queues);
    parts.push(sql`(f.from_queue IN (${queues}) OR f.to_queue IN (${queues}))`);
  }
  if (scope.scope === "own")
    parts.push(sql`(f.from_owner_id = ${scope.userId} OR f.to_owner_id = ${scope.userId})`);
  return parts;
}

const and = (parts: SQL[]) => sql.join(parts, sql` AND `);

/** Filters on facts (alias f) or on the daily rollups (alias f too), with the actor's scope. */
function where(workspaceId: string, scope: AnalyticsScope, f: AnalyticsFilter): SQL {
  return and([
    sql`f.workspace_id = ${workspaceId}`,
    sql`f.day >= ${f.from}::date`,
    sql`f.day <= ${f.to}::date`,
    ...dimensions(scope, f),
  ]);
}

/** How a read takes the range's rows: from a weekly rollup and the days around it, or not. */
interface RangeRead {
  /** Whether the weekly rollup keeps what this scope and these filters need. */
  weeklyServes: boolean;
  /** The rollup's rows for the whole weeks, given the condition on f.week. */
  weekly: (cond: SQL) => SQL;
  /** The day-by-day rows (daily rollup or facts), given the condition on f.day. */
  daily: (cond: SQL) => SQL;
}

/**
 * The range's rows as one SELECT per part joined by UNION ALL: the weekly rollup for its whole
 * weeks and the daily rows for each run of days around them; or, where the weekly rollup does not
 * serve, the daily rows of the whole range. Each part gets the workspace, scope and filters.
 */
function overRange(
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
  read: RangeRead,
): SQL {
  if (!read.weeklyServes) return read.daily(where(workspaceId, scope, filter));
  const split = splitRange(filter);
  const common = [sql`f.workspace_id = ${workspaceId}`, ...dimensions(scope, filter)];
  const parts: SQL[] = [];
  if (split.weeks)
    parts.push(
      read.weekly(
        and([...common, sql`f.week BETWEEN ${split.weeks.from}::date AND ${split.weeks.to}::date`]),
      ),
    );
  for (const d of split.days)
    parts.push(read.daily(and([...common, sql`f.day BETWEEN ${d.from}::date AND ${d.to}::date`])));
  return parts.length > 0 ? sql.join(parts, sql` UNION ALL `) : read.daily(sql`false`);
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
  set: z.enum(COUNT_SETS),
  key: text,
  key_to: text,
  outcome: text,
  transfers: int,
  scored: int,
  score_sum: int,
  bounced: int,
  sla_breached: int,
});

const COUNT_COLUMNS = sql`f.kind, f.from_queue, f.to_queue, f.from_region, f.to_region, f.outcome,
  f.transfers, f.scored, f.score_sum, f.bounced, f.sla_breached`;

/** What each of the figures' sets groups by besides the outcome: its key and the pair's other side. */
const SET_KEYS: Record<CountSet, [string, string]> = {
  all: ["''", "''"],
  kind: ["x.kind", "''"],
  regionPair: ["x.from_region", "x.to_region"],
  queuePair: ["x.from_queue", "x.to_queue"],
  week: ["x.week", "''"],
  fromQueue: ["x.from_queue", "''"],
};

/**
 * Transfers, scores, bounces and SLA breaches summed by outcome for each of the figures' sets
 * (overall, kind, region pair, queue pair, ISO week, sending queue), from the range's rows read
 * once: a few hundred groups, however long the range.
 */
export async function handoffCounts(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
): Promise<CountRow[]> {
  const rows = overRange(workspaceId, scope, filter, {
    weeklyServes: scope.scope !== "own",
    weekly: (cond) =>
      sql`SELECT f.week AS day, ${COUNT_COLUMNS} FROM handoff_weekly f WHERE ${cond}`,
    daily: (cond) => sql`SELECT f.day, ${COUNT_COLUMNS} FROM ${daily(scope)} f WHERE ${cond}`,
  });
  const sets = COUNT_SETS.map((set) => {
    const [key, keyTo] = SET_KEYS[set];
    return sql`SELECT ${set}::text AS "set", ${sql.raw(key)} AS key, ${sql.raw(keyTo)} AS key_to,
        x.outcome, sum(x.transfers)::int AS transfers, sum(x.scored)::int AS scored,
        sum(x.score_sum)::int AS score_sum, sum(x.bounced)::int AS bounced,
        sum(x.sla_breached)::int AS sla_breached
      FROM x GROUP BY 2, 3, 4`;
  });
  const result = await db.execute(sql`
    WITH x AS MATERIALIZED (
      SELECT to_char(r.day, 'IYYY-"W"IW') AS week, r.kind, r.from_queue, r.to_queue,
        r.from_region, r.to_region, r.outcome, r.transfers, r.scored, r.score_sum, r.bounced,
        r.sla_breached
      FROM (${rows}) r)
    ${sql.join(sets, sql` UNION ALL `)}`);
  return rowsOf(result, countRow);
}

const stepCount: z.ZodType<StepCount> = z.object({
  kind: text,
  step: text,
  minutes: num,
  transfers: int,
});

/**
 * How many completed transfers took how many (rounded) minutes in each step, per kind: whole
 * weeks from the weekly step counts, the days around them from the facts rounded the same way.
 * A region filter or one person's handoffs, which the weekly counts do not keep, read the facts.
 */
export async function stepCounts(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
): Promise<StepCount[]> {
  const fromFacts = (cond: SQL) => sql`
    SELECT f.kind, s.step, ${stepMinutesSql(sql`s.m`)} AS minutes, count(*)::int AS transfers
    FROM handoff_facts f CROSS JOIN LATERAL ${factSteps}
    WHERE ${cond} AND f.outcome = 'completed' AND s.m IS NOT NULL
    GROUP BY 1, 2, 3`;
  const rows = overRange(workspaceId, scope, filter, {
    weeklyServes: scope.scope !== "own" && !filter.region,
    weekly: (cond) => sql`SELECT f.kind, f.step, f.minutes, f.transfers
      FROM handoff_step_weekly f WHERE ${cond}`,
    daily: fromFacts,
  });
  const result = await db.execute(sql`
    SELECT x.kind, x.step, x.minutes, sum(x.transfers)::int AS transfers
    FROM (${rows}) x GROUP BY 1, 2, 3`);
  return rowsOf(result, stepCount);
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
 * it (`window_handoffs`). Worst first, then the latest.
 */
export async function pingPongCases(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
  limit: number,
) {
  // Each case's worst first, then only the 100 listed are looked up.
  const result = await db.execute(sql`
    WITH worst AS (
      SELECT f.case_id, max(f.window_handoffs)::int AS handoffs, max(f.settled_at) AS last_at
      FROM handoff_facts f
      WHERE ${where(workspaceId, scope, filter)} AND f.outcome = 'completed'
        AND f.window_handoffs > ${limit} AND f.window_handoffs > 1
      GROUP BY f.case_id
      ORDER BY 2 DESC, 3 DESC, 1
      LIMIT 100)
    SELECT c.number::float8 AS case_number, c.subject, w.handoffs,
      (extract(epoch FROM w.last_at) * 1000)::float8 AS last_at
    FROM worst w JOIN cases c ON c.id = w.case_id
    ORDER BY w.handoffs DESC, w.last_at DESC, c.number`);
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
 * meeting nearest each handoff: whole weeks from their weekly rollup, the other days (or one
 * person's handoffs) from the facts.
 */
export async function sunHandovers(
  db: Db,
  workspaceId: string,
  scope: AnalyticsScope,
  filter: AnalyticsFilter,
) {
  const fromFacts = (cond: SQL) => sql`
    SELECT coalesce(f.from_region, '') AS from_region, coalesce(f.to_region, '') AS to_region,
      coalesce(split_part(f.meeting_key, '/', 1), '') AS meeting_series,
      coalesce(f.meeting_title, '') AS meeting_title, 1 AS handovers
    FROM handoff_facts f
    WHERE ${cond} AND f.outcome = 'completed' AND f.is_24x7
      AND f.from_region IS DISTINCT FROM f.to_region`;
  const rows = overRange(workspaceId, scope, filter, {
    weeklyServes: scope.scope !== "own",
    weekly: (cond) => sql`SELECT f.from_region, f.to_region, f.meeting_series, f.meeting_title,
        f.handovers
      FROM handoff_sun_weekly f WHERE ${cond}`,
    daily: fromFacts,
  });
  const result = await db.execute(sql`
    SELECT nullif(x.from_region, '') AS from_region, nullif(x.to_region, '') AS to_region,
      nullif(x.meeting_series, '') AS meeting_series,
      nullif(x.meeting_title, '') AS meeting_title, sum(x.handovers)::int AS handovers
    FROM (${rows}) x
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
      f.to_queue, f.score, f.score_final, coalesce(k.criteria, '[]'::jsonb) AS criteria
    FROM handoff_facts f
    JOIN cases c ON c.id = f.case_id
    LEFT JOIN handoff_fact_criteria k ON k.transfer_id = f.transfer_id
    LEFT JOIN users a ON a.id = f.from_owner_id
    LEFT JOIN users b ON b.id = f.to_owner_id
    WHERE ${where(workspaceId, scope, filter)} AND f.score IS NOT NULL
    ORDER BY f.score, f.score_final DESC NULLS LAST, f.settled_at DESC NULLS LAST, c.number
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
  // Whole queues have their own daily rows (the conditions are on columns both tables have);
  // only a region or one person's cases are summed from the agents' snapshots.
  const perQueue = scope.scope !== "own" && !filter.region;
  const [queues, agents] = await Promise.all([
    perQueue
      ? db.execute(sql`
          SELECT to_char(s.day, 'YYYY-MM-DD') AS day, s.queue, s.open_cases
          FROM capacity_queue_snapshots s WHERE ${cond}
          ORDER BY s.day, s.queue`)
      : db.execute(sql`
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
