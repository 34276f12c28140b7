import { and, arrayContains, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, memberships, users } from "../db/schema.ts";
import { OPEN_STATUSES } from "../domain/case-status.ts";
import type { ScheduleAgent } from "../domain/schedule/facts.ts";
import { scheduleAgentOf } from "./schedule.ts";

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
    .select({ user: users, m: memberships })
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
  const counts = await db
    .select({ ownerId: cases.ownerId, open: sql<number>`count(*)::int` })
    .from(cases)
    .where(
      and(
        eq(cases.workspaceId, workspaceId),
        inArray(
          cases.ownerId,
          rows.map((r) => r.user.id),
        ),
        inArray(cases.status, [...OPEN_STATUSES]),
      ),
    )
    .groupBy(cases.ownerId);
  const open = new Map(counts.map((c) => [c.ownerId, Number(c.open)]));
  return rows.map(({ user, m }) => scheduleAgentOf(user, m, open.get(user.id) ?? 0));
}
