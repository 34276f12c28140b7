import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import { offQueueRequests, users } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";

export type OffQueueRow = typeof offQueueRequests.$inferSelect;

/** A request with the names of who asked and who decided, as people read it. */
export interface OffQueueRecord {
  row: OffQueueRow;
  userName: string;
  decidedByName: string | null;
}

const decider = alias(users, "decider");

const withNames = (db: Db) =>
  db
    .select({ row: offQueueRequests, userName: users.name, decidedByName: decider.name })
    .from(offQueueRequests)
    .innerJoin(users, eq(users.id, offQueueRequests.userId))
    .leftJoin(decider, eq(decider.id, offQueueRequests.decidedBy))
    .$dynamic();

/** One request of a workspace, its row locked; another workspace's is reported missing. */
export async function lockOffQueueRequest(
  tx: Db,
  workspaceId: string,
  id: string,
): Promise<OffQueueRecord> {
  const [found] = await withNames(tx)
    .where(and(eq(offQueueRequests.id, id), eq(offQueueRequests.workspaceId, workspaceId)))
    .for("update", { of: offQueueRequests });
  if (!found) throw notFound("Off-queue request");
  return found;
}

/**
 * A workspace's requests: those waiting or running, then the latest decided ones; `userId`
 * narrows to one person's.
 */
export async function listOffQueue(
  db: Db,
  workspaceId: string,
  filter: { userId?: string; limit: number },
): Promise<OffQueueRecord[]> {
  return withNames(db)
    .where(
      and(
        eq(offQueueRequests.workspaceId, workspaceId),
        filter.userId ? eq(offQueueRequests.userId, filter.userId) : undefined,
      ),
    )
    .orderBy(
      sql`case ${offQueueRequests.state} when 'pending' then 0 when 'approved' then 1 else 2 end`,
      desc(offQueueRequests.createdAt),
    )
    .limit(filter.limit);
}

/** Approved time off queue whose end has come, locked, skipping rows another process holds. */
export async function lockEndedOffQueue(
  tx: Db,
  now: Date,
  limit: number,
): Promise<OffQueueRecord[]> {
  return withNames(tx)
    .where(and(eq(offQueueRequests.state, "approved"), lte(offQueueRequests.until, now)))
    .orderBy(offQueueRequests.until)
    .limit(limit)
    .for("update", { of: offQueueRequests, skipLocked: true });
}

/** Whether someone has a request waiting or running in the workspace. */
export async function openOffQueueOf(
  db: Db,
  workspaceId: string,
  userId: string,
): Promise<OffQueueRow | undefined> {
  const [row] = await db
    .select()
    .from(offQueueRequests)
    .where(
      and(
        eq(offQueueRequests.workspaceId, workspaceId),
        eq(offQueueRequests.userId, userId),
        inArray(offQueueRequests.state, ["pending", "approved"]),
      ),
    );
  return row;
}
