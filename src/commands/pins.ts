import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases } from "../db/schema.ts";
import { recordAudit } from "./audit.ts";

/**
 * Unpins cases whose pin has run out, or (given userId) every case pinned to an agent who went
 * on leave: a pin must not hold a case for someone who is away.
 */
export async function releasePins(
  tx: Db,
  scope: { expiredBy: Date } | { ownerId: string },
  actorId: string | null,
): Promise<number> {
  const released = await tx
    .update(cases)
    .set({
      pinned: false,
      pinnedUntil: null,
      version: sql`${cases.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      "ownerId" in scope
        ? and(eq(cases.pinned, true), eq(cases.ownerId, scope.ownerId))
        : and(
            eq(cases.pinned, true),
            isNotNull(cases.pinnedUntil),
            lte(cases.pinnedUntil, scope.expiredBy),
          ),
    )
    .returning({ id: cases.id, number: cases.number, workspaceId: cases.workspaceId });
  for (const c of released)
    await recordAudit(tx, {
      action: "case.updated",
      actorId,
      workspaceId: c.workspaceId,
      caseId: c.id,
      caseNumber: c.number,
      subjectType: "case",
      subjectId: String(c.number),
      data: {
        changes: { pinned: { from: true, to: false } },
        why: "ownerId" in scope ? "the pinned agent went on leave" : "the pin expired",
      },
    });
  return released.length;
}
