import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, memberships } from "../db/schema.ts";
import { OPEN_STATUSES } from "../domain/case-status.ts";

export interface QueueLoad {
  /** Open cases nobody owns, by queue code. */
  waiting: Map<string, number>;
  /** The queues of each member who takes routed work; an empty list means every queue. */
  memberQueues: string[][];
}

/** What the queue settings show beside each method: who waits, who works it. Two grouped reads. */
export async function queueLoad(
  db: Db,
  workspaceId: string,
  routedRoles: readonly string[],
): Promise<QueueLoad> {
  const waiting = await db
    .select({ queue: cases.queue, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(
      and(
        eq(cases.workspaceId, workspaceId),
        isNull(cases.ownerId),
        inArray(cases.status, [...OPEN_STATUSES]),
      ),
    )
    .groupBy(cases.queue);
  const members = await db
    .select({ queues: memberships.queues })
    .from(memberships)
    .where(
      and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, [...routedRoles])),
    );
  return {
    waiting: new Map(waiting.map((w) => [w.queue, Number(w.n)])),
    memberQueues: members.map((m) => m.queues),
  };
}
