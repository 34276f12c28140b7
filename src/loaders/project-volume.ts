import { and, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import { projects } from "../db/schema.ts";
import type {
  BlockedTaskRow,
  OpenRoadblockRow,
  ReportRange,
  ResolvedRoadblock,
  WeekCount,
} from "../domain/reports/project-volume.ts";
import { memberWorkspace } from "./member-workspace.ts";

/** The workspace whose reports the actor reads: 404 outside it, 403 without `report.read`. */
export async function reportWorkspace(db: Db, actor: Actor, slug: string) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "report.read", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return ws;
}

export async function projectByCode(db: Db, workspaceId: string, code: string) {
  const [row] = await db
    .select({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects)
    .where(and(eq(projects.workspaceId, workspaceId), eq(projects.code, code)));
  return row ?? null;
}

/** The projects of a workspace, for the report's filter. */
export async function projectChoices(db: Db, workspaceId: string) {
  return db
    .select({ code: projects.code, name: projects.name })
    .from(projects)
    .where(eq(projects.workspaceId, workspaceId))
    .orderBy(projects.name, projects.code);
}

export interface VolumeFilter {
  projectId?: string | undefined;
  product?: string | undefined;
  queue?: string | undefined;
}

/** Above this many open roadblocks the list stops (oldest first); the counts stay whole. */
export const OPEN_LIMIT = 500;

const ms = z.number().transform((n) => new Date(n));
const count = z.number().int();
const text = z.string();
const maybe = z.string().nullable();

/**
 * Every roadblock of the workspace: a project task that opened a case (blocked_at set), with its
 * case's product and the queue the case was opened into. That queue is read from the case's
 * `case.created` audit row, since a transfer changes `cases.queue` and capacity is about where
 * work arrived; a case without that row (imported data) falls back to its current queue.
 * Instants come back as epoch milliseconds and dates as text, so both drivers read them alike.
 */
function roadblocks(workspaceId: string, filter: VolumeFilter): SQL {
  const where: SQL[] = [
    sql`t.workspace_id = ${workspaceId}`,
    sql`p.workspace_id = ${workspaceId}`,
    sql`t.blocked_at IS NOT NULL`,
  ];
  if (filter.projectId) where.push(sql`t.project_id = ${filter.projectId}`);
  if (filter.product) where.push(sql`c.product = ${filter.product}`);
  const rows = sql`
    SELECT t.number AS task_number, t.title AS task_title, t.blocked_at, t.case_resolved_at,
      to_char(t.due_on, 'YYYY-MM-DD') AS due_on, to_char(t.finish_on, 'YYYY-MM-DD') AS finish_on,
      p.code AS project_code, p.name AS project_name,
      to_char(p.ends_on, 'YYYY-MM-DD') AS project_ends_on,
      c.number AS case_number, c.product,
      coalesce(opened.queue, c.queue) AS queue
    FROM project_tasks t
    JOIN projects p ON p.id = t.project_id
    JOIN cases c ON c.id = t.case_id
    LEFT JOIN LATERAL (
      SELECT a.data->>'queue' AS queue FROM audit_events a
      WHERE a.case_id = c.id AND a.action = 'case.created'
      ORDER BY a.id LIMIT 1
    ) opened ON true
    WHERE ${sql.join(where, sql` AND `)}`;
  return filter.queue ? sql`SELECT * FROM (${rows}) r WHERE r.queue = ${filter.queue}` : rows;
}

const weekCount = z.object({
  week: text,
  product: maybe,
  queue: text,
  cases: count,
});

/**
 * Cases opened from project work in the range, counted by ISO week (the boundaries the domain
 * computed in the reporting zone), product and queue. PostgreSQL does the grouping.
 */
export async function weeklyCounts(
  db: Db,
  workspaceId: string,
  range: ReportRange,
  filter: VolumeFilter,
): Promise<WeekCount[]> {
  if (range.weeks.length === 0) return [];
  const weeks = sql.join(
    range.weeks.map(
      (w) =>
        sql`(${w.key}::text, ${w.startsAt.toISOString()}::timestamptz, ${w.endsAt.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const result = await db.execute(sql`
    WITH w(week, starts_at, ends_at) AS (VALUES ${weeks}),
    rb AS (${roadblocks(workspaceId, filter)})
    SELECT w.week, rb.product, rb.queue, count(*)::int AS cases
    FROM rb JOIN w ON rb.blocked_at >= w.starts_at AND rb.blocked_at < w.ends_at
    WHERE rb.blocked_at >= ${range.startsAt.toISOString()}::timestamptz
      AND rb.blocked_at < ${range.endsAt.toISOString()}::timestamptz
    GROUP BY w.week, rb.product, rb.queue
    ORDER BY w.week, rb.product NULLS LAST, rb.queue`);
  return rowsOf(result, weekCount);
}

const epoch = (column: string) =>
  sql.raw(`(extract(epoch FROM rb.${column}) * 1000)::float8 AS ${column}`);

/** Roadblocks whose case resolved in the range: one row each, for the percentiles. */
export async function resolvedRoadblocks(
  db: Db,
  workspaceId: string,
  range: ReportRange,
  filter: VolumeFilter,
): Promise<ResolvedRoadblock[]> {
  const result = await db.execute(sql`
    WITH rb AS (${roadblocks(workspaceId, filter)})
    SELECT rb.product, ${epoch("blocked_at")}, ${epoch("case_resolved_at")}
    FROM rb
    WHERE rb.case_resolved_at >= ${range.startsAt.toISOString()}::timestamptz
      AND rb.case_resolved_at < ${range.endsAt.toISOString()}::timestamptz`);
  return rowsOf(
    result,
    z.object({ product: maybe, blocked_at: ms, case_resolved_at: ms }).transform((r) => ({
      product: r.product,
      blockedAt: r.blocked_at,
      resolvedAt: r.case_resolved_at,
    })),
  );
}

/** Roadblocks raised before the range's end whose case has not resolved, oldest first. */
export async function openRoadblocks(
  db: Db,
  workspaceId: string,
  range: ReportRange,
  filter: VolumeFilter,
): Promise<OpenRoadblockRow[]> {
  const result = await db.execute(sql`
    WITH rb AS (${roadblocks(workspaceId, filter)})
    SELECT rb.task_number::float8 AS task_number, rb.task_title,
      rb.case_number::float8 AS case_number, rb.project_code, rb.product, rb.queue,
      ${epoch("blocked_at")}
    FROM rb
    WHERE rb.case_resolved_at IS NULL
      AND rb.blocked_at < ${range.endsAt.toISOString()}::timestamptz
    ORDER BY rb.blocked_at, rb.task_number
    LIMIT ${OPEN_LIMIT}`);
  return rowsOf(
    result,
    z
      .object({
        task_number: count,
        task_title: text,
        case_number: count,
        project_code: text,
        product: maybe,
        queue: text,
        blocked_at: ms,
      })
      .transform((r) => ({
        taskNumber: r.task_number,
        taskTitle: r.task_title,
        caseNumber: r.case_number,
        project: r.project_code,
        product: r.product,
        queue: r.queue,
        blockedAt: r.blocked_at,
      })),
  );
}

/** Tasks blocked in the range that gave an expected finish: the domain decides which moved. */
export async function blockedTasksWithFinish(
  db: Db,
  workspaceId: string,
  range: ReportRange,
  filter: VolumeFilter,
): Promise<BlockedTaskRow[]> {
  const result = await db.execute(sql`
    WITH rb AS (${roadblocks(workspaceId, filter)})
    SELECT rb.project_code, rb.project_name, rb.project_ends_on,
      rb.task_number::float8 AS task_number, rb.task_title,
      rb.case_number::float8 AS case_number, rb.due_on, rb.finish_on
    FROM rb
    WHERE rb.finish_on IS NOT NULL
      AND rb.blocked_at >= ${range.startsAt.toISOString()}::timestamptz
      AND rb.blocked_at < ${range.endsAt.toISOString()}::timestamptz
    ORDER BY rb.project_code, rb.task_number`);
  return rowsOf(
    result,
    z
      .object({
        project_code: text,
        project_name: text,
        project_ends_on: maybe,
        task_number: count,
        task_title: text,
        case_number: count,
        due_on: maybe,
        finish_on: maybe,
      })
      .transform((r) => ({
        projectCode: r.project_code,
        projectName: r.project_name,
        projectEndsOn: r.project_ends_on,
        taskNumber: r.task_number,
        taskTitle: r.task_title,
        caseNumber: r.case_number,
        dueOn: r.due_on,
        finishOn: r.finish_on,
      })),
  );
}
