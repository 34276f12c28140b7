import { and, arrayOverlaps, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import { caseDevelopment, memberships, transfers, users } from "../db/schema.ts";

const supportOwner = alias(users, "support_owner");

export type DevelopmentRow = typeof caseDevelopment.$inferSelect;

/** A case's development record with its support owner's name, if it ever went to development. */
export async function developmentOf(db: Db, caseId: string, lock = false) {
  const q = db
    .select({ row: caseDevelopment, supportOwnerName: supportOwner.name })
    .from(caseDevelopment)
    .leftJoin(supportOwner, eq(supportOwner.id, caseDevelopment.supportOwnerId))
    .where(eq(caseDevelopment.caseId, caseId));
  const [found] = lock ? await q.for("update", { of: caseDevelopment }) : await q;
  return found ?? null;
}

/**
 * The case's completed transfers, most recent first: whom and which queue each took the case
 * from, where it went, who asked. The support owner is found among them (domain/development).
 */
export async function earlierTransfers(db: Db, caseId: string) {
  return db
    .select({
      fromOwnerId: transfers.fromOwnerId,
      fromQueue: transfers.fromQueue,
      targetQueue: transfers.targetQueue,
      requestedBy: transfers.requestedBy,
    })
    .from(transfers)
    .where(and(eq(transfers.caseId, caseId), eq(transfers.state, "completed")))
    .orderBy(desc(transfers.completedAt));
}

/** The people who work the development queues: told when the customer's owner writes. */
export async function developmentMembers(db: Db, workspaceId: string, queues: readonly string[]) {
  if (queues.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.workspaceId, workspaceId), arrayOverlaps(memberships.queues, [...queues])),
    );
}
