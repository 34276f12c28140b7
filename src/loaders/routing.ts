import { and, arrayContains, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, memberships, users } from "../db/schema.ts";
import { OPEN_STATUSES } from "../domain/case-status.ts";
import type { ScheduleAgent } from "../domain/schedule/facts.ts";
import { scheduleAgentOf, scheduleMemberColumns, scheduleUserColumns } from "./schedule.ts";

/**
 * The members who work a queue (its own members and those who work every queue), with the open
 * cases each owns now: what routing weighs. One read of the members, one grouped count.
 */
export async function queueAgents(
  db: Db,
  workspaceId: string,
  queue: string,
): Promise<ScheduleAgent[]> {
  const rows = await db
    .select({ user: scheduleUserColumns, m: scheduleMemberColumns })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        or(arrayContains(memberships.queues, [queue]), sql`cardinality(${memberships.queues}) = 0`),
      ),
    )
    .orderBy(users.name);
  if (!rows.length) return [];
  const open = await openCasesOf(
    db,
    workspaceId,
    rows.map((r) => r.user.id),
  );
  return rows.map(({ user, m }) => scheduleAgentOf(user, m, open.get(user.id) ?? 0));
}

/** How many open cases each of these people owns in the workspace (absent: none). */
export async function openCasesOf(
  db: Db,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const counts = await db
    .select({ ownerId: cases.ownerId, open: sql<number>`count(*)::int` })
    .from(cases)
    .where(
      and(
        eq(cases.workspaceId, workspaceId),
        inArray(cases.ownerId, [...userIds]),
        inArray(cases.status, [...OPEN_STATUSES]),
      ),
    )
    .groupBy(cases.ownerId);
  return new Map(counts.map((c) => [c.ownerId ?? "", Number(c.open)]));
}
