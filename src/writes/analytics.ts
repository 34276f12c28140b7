import { getTableColumns, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { factSteps, stepMinutesSql } from "../db/analytics-sql.ts";
import type { Db } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import {
  analyticsDirtyDays,
  analyticsWatermark,
  handoffFactCriteria,
  handoffFacts,
  handoverMisses,
} from "../db/schema.ts";
import type { HandoffFact } from "../domain/analytics/facts.ts";
import type { HandoverMiss } from "../domain/analytics/misses.ts";
import { mondayOf } from "../domain/analytics/weeks.ts";
import { OPEN_STATUSES } from "../domain/case-status.ts";

/*
 * The analytics refresh's writes (docs/analytics.md). None is a use case's state: they are
 * figures derived from the audit trail and the transfers, so rewriting them is always safe.
 */

/**
 * Takes the refresh's lock (the watermark row, FOR UPDATE), so a second process that starts a
 * refresh waits and then reads the watermark the first one left. Answers how far the audit
 * trail was read.
 */
export async function lockWatermark(tx: Db): Promise<{ auditId: number; refreshedAt: Date }> {
  await tx
    .insert(analyticsWatermark)
    .values({ id: 1, auditId: 0, refreshedAt: new Date(0) })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ auditId: analyticsWatermark.auditId, refreshedAt: analyticsWatermark.refreshedAt })
    .from(analyticsWatermark)
    .for("update");
  return row ?? { auditId: 0, refreshedAt: new Date(0) };
}

export async function setWatermark(tx: Db, auditId: number, now: Date) {
  await tx
    .update(analyticsWatermark)
    .set({ auditId, refreshedAt: now })
    .where(sql`${analyticsWatermark.id} = 1`);
}

export type DayKey = `${string}|${string}`;
export const dayKey = (workspaceId: string, day: string): DayKey => `${workspaceId}|${day}`;

const CHUNK = 500;

/**
 * Writes the facts (insert or replace by transfer) and answers the workspace days whose
 * rollups must be summed again: the days the facts are on and any day they were on before.
 */
export async function saveFacts(
  tx: Db,
  facts: readonly HandoffFact[],
  now: Date,
): Promise<Set<DayKey>> {
  const touched = new Set<DayKey>();
  for (let i = 0; i < facts.length; i += CHUNK) {
    const chunk = facts.slice(i, i + CHUNK);
    const before = await tx
      .select({ workspaceId: handoffFacts.workspaceId, day: handoffFacts.day })
      .from(handoffFacts)
      .where(
        inArray(
          handoffFacts.transferId,
          chunk.map((f) => f.transferId),
        ),
      );
    for (const b of before) touched.add(dayKey(b.workspaceId, b.day));
    for (const f of chunk) touched.add(dayKey(f.workspaceId, f.day));
    const { transferId: _key, ...columns } = getTableColumns(handoffFacts);
    const set = Object.fromEntries(
      Object.entries(columns).map(([name, column]) => [name, sql.raw(`excluded.${column.name}`)]),
    );
    await tx
      .insert(handoffFacts)
      .values(
        chunk.map(({ meeting, criteria: _criteria, ...f }) => ({
          ...f,
          meetingKey: meeting?.key ?? null,
          meetingTitle: meeting?.title ?? null,
          refreshedAt: now,
        })),
      )
      .onConflictDoUpdate({ target: handoffFacts.transferId, set });
    const explained = chunk.flatMap((f) =>
      f.criteria ? [{ transferId: f.transferId, criteria: f.criteria }] : [],
    );
    if (explained.length > 0)
      await tx
        .insert(handoffFactCriteria)
        .values(explained)
        .onConflictDoUpdate({
          target: handoffFactCriteria.transferId,
          set: { criteria: sql.raw("excluded.criteria") },
        });
    const unexplained = chunk.filter((f) => !f.criteria).map((f) => f.transferId);
    if (unexplained.length > 0)
      await tx
        .delete(handoffFactCriteria)
        .where(inArray(handoffFactCriteria.transferId, unexplained));
  }
  return touched;
}

/**
 * Writes missed handovers, one per case and shift end: a raise read again, or a later level of
 * the same shift end, leaves the first raise's row as it is.
 */
export async function saveMisses(tx: Db, misses: readonly HandoverMiss[]) {
  for (let i = 0; i < misses.length; i += CHUNK) {
    const { caseId: _c, shiftKey: _s, ...columns } = getTableColumns(handoverMisses);
    const set = Object.fromEntries(
      Object.entries(columns).map(([name, column]) => [name, sql.raw(`excluded.${column.name}`)]),
    );
    await tx
      .insert(handoverMisses)
      .values(misses.slice(i, i + CHUNK))
      .onConflictDoUpdate({
        target: [handoverMisses.caseId, handoverMisses.shiftKey],
        set,
        setWhere: sql`excluded.raised_at <= ${handoverMisses.raisedAt}`,
      });
  }
}

/** Notes the days whose rollups the facts just written changed, for `rebuildDirtyDays`. */
export async function markDirty(tx: Db, touched: ReadonlySet<DayKey>) {
  const keys = [...touched].map((k) => k.split("|") as [string, string]);
  for (let i = 0; i < keys.length; i += CHUNK)
    await tx
      .insert(analyticsDirtyDays)
      .values(keys.slice(i, i + CHUNK).map(([workspaceId, day]) => ({ workspaceId, day })))
      .onConflictDoNothing();
}

/**
 * Sums up to `limit` noted days again and clears them, locked so that two refreshes never sum
 * the same day at once (SKIP LOCKED: each takes other days). Answers how many it summed.
 */
export async function rebuildDirtyDays(tx: Db, limit: number): Promise<number> {
  const result = await tx.execute(sql`
    DELETE FROM analytics_dirty_days WHERE (workspace_id, day) IN (
      SELECT workspace_id, day FROM analytics_dirty_days ORDER BY 1, 2 LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING workspace_id::text AS workspace_id, day::text AS day`);
  const rows = rowsOf(result, z.object({ workspace_id: z.string(), day: z.string() }));
  await rebuildDaily(tx, new Set(rows.map((r) => dayKey(r.workspace_id, r.day))));
  return rows.length;
}

/**
 * Sums the facts of each touched workspace day into `handoff_daily` again, then the weeks those
 * days are in.
 */
export async function rebuildDaily(tx: Db, touched: ReadonlySet<DayKey>) {
  const keys = [...touched].map((k) => k.split("|") as [string, string]);
  for (let i = 0; i < keys.length; i += CHUNK) {
    const pairs = sql.join(
      keys.slice(i, i + CHUNK).map(([ws, day]) => sql`(${ws}::uuid, ${day}::date)`),
      sql`, `,
    );
    await tx.execute(sql`
      DELETE FROM handoff_daily WHERE (workspace_id, day) IN (${pairs})`);
    await tx.execute(sql`
      INSERT INTO handoff_daily (workspace_id, day, kind, from_queue, to_queue, from_region,
        to_region, outcome, transfers, scored, score_sum, bounced, sla_breached)
      SELECT workspace_id, day, kind, from_queue, coalesce(to_queue, ''),
        coalesce(from_region, ''), coalesce(to_region, ''), outcome, count(*)::int,
        count(score)::int, coalesce(sum(score), 0)::int,
        count(*) FILTER (WHERE bounced_back)::int, count(*) FILTER (WHERE sla_breached_after)::int
      FROM handoff_facts WHERE (workspace_id, day) IN (${pairs})
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
  }
  await rebuildWeekly(tx, keys);
}

/**
 * Sums the weekly rollups (counts, step minutes, follow-the-sun handovers) of the weeks these
 * days fall in again, from the daily rollups and the week's facts. Each week is taken under a
 * transaction lock of its own, in order, so two refreshes summing the same week take turns.
 */
async function rebuildWeekly(tx: Db, days: readonly [string, string][]) {
  const weeks = [...new Set(days.map(([ws, day]) => `${ws}|${mondayOf(day)}`))].sort();
  for (let i = 0; i < weeks.length; i += CHUNK) {
    const chunk = weeks.slice(i, i + CHUNK).map((k) => k.split("|") as [string, string]);
    for (const [ws, week] of chunk)
      await tx.execute(sql`
        SELECT pg_advisory_xact_lock(hashtext(${`analytics-week:${ws}:${week}`}))`);
    const list = sql.join(
      chunk.map(([ws, week]) => sql`(${ws}::uuid, ${week}::date)`),
      sql`, `,
    );
    // The week's days by range, so each table's (workspace, day) index finds them.
    const inWeeks = sql`(VALUES ${list}) w(ws, week)`;
    const ofWeek = sql`f.workspace_id = w.ws AND f.day BETWEEN w.week AND w.week + 6`;
    for (const table of ["handoff_weekly", "handoff_step_weekly", "handoff_sun_weekly"])
      await tx.execute(sql`
        DELETE FROM ${sql.raw(table)} WHERE (workspace_id, week) IN (${list})`);
    await tx.execute(sql`
      INSERT INTO handoff_weekly (workspace_id, week, kind, from_queue, to_queue, from_region,
        to_region, outcome, transfers, scored, score_sum, bounced, sla_breached)
      SELECT w.ws, w.week, f.kind, f.from_queue, f.to_queue, f.from_region, f.to_region,
        f.outcome, sum(f.transfers)::int, sum(f.scored)::int, sum(f.score_sum)::int,
        sum(f.bounced)::int, sum(f.sla_breached)::int
      FROM ${inWeeks} JOIN handoff_daily f ON ${ofWeek}
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`);
    await tx.execute(sql`
      INSERT INTO handoff_step_weekly (workspace_id, week, kind, from_queue, to_queue, step,
        minutes, transfers)
      SELECT w.ws, w.week, f.kind, f.from_queue, coalesce(f.to_queue, ''), s.step,
        ${stepMinutesSql(sql`s.m`)}, count(*)::int
      FROM ${inWeeks} JOIN handoff_facts f ON ${ofWeek} CROSS JOIN LATERAL ${factSteps}
      WHERE f.outcome = 'completed' AND s.m IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7`);
    await tx.execute(sql`
      INSERT INTO handoff_sun_weekly (workspace_id, week, kind, from_queue, to_queue,
        from_region, to_region, meeting_series, meeting_title, handovers)
      SELECT w.ws, w.week, f.kind, f.from_queue, coalesce(f.to_queue, ''),
        coalesce(f.from_region, ''), coalesce(f.to_region, ''),
        coalesce(split_part(f.meeting_key, '/', 1), ''), coalesce(f.meeting_title, ''),
        count(*)::int
      FROM ${inWeeks} JOIN handoff_facts f ON ${ofWeek}
      WHERE f.outcome = 'completed' AND f.is_24x7 AND f.from_region IS DISTINCT FROM f.to_region
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`);
  }
}

const open = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(", "));

/**
 * Today's open cases per queue and owner in each workspace, and per queue, replacing today's
 * earlier snapshot.
 */
export async function snapshotCapacity(
  tx: Db,
  days: readonly { workspaceId: string; day: string }[],
) {
  for (const { workspaceId, day } of days) {
    await tx.execute(sql`
      DELETE FROM capacity_snapshots WHERE workspace_id = ${workspaceId} AND day = ${day}::date`);
    await tx.execute(sql`
      INSERT INTO capacity_snapshots (workspace_id, day, queue, owner, open_cases)
      SELECT workspace_id, ${day}::date, queue, coalesce(owner_id::text, ''), count(*)::int
      FROM cases WHERE workspace_id = ${workspaceId} AND status IN (${open})
      GROUP BY workspace_id, queue, coalesce(owner_id::text, '')`);
    await tx.execute(sql`
      DELETE FROM capacity_queue_snapshots
      WHERE workspace_id = ${workspaceId} AND day = ${day}::date`);
    await tx.execute(sql`
      INSERT INTO capacity_queue_snapshots (workspace_id, day, queue, open_cases)
      SELECT workspace_id, day, queue, sum(open_cases)::int FROM capacity_snapshots
      WHERE workspace_id = ${workspaceId} AND day = ${day}::date
      GROUP BY 1, 2, 3`);
  }
}
