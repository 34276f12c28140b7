import { and, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, users } from "../db/schema.ts";
import { emit } from "./emit.ts";

type PinScope = { expiredBy: Date } | { ownerId: string } | { leaveStartedBy: Date };

const WHY: Record<"expiredBy" | "ownerId" | "leaveStartedBy", string> = {
  expiredBy: "the pin expired",
  ownerId: "the pinned agent went on leave",
  leaveStartedBy: "the pinned agent's leave began",
};

function scopeWhere(scope: PinScope): SQL | undefined {
  if ("ownerId" in scope) return eq(cases.ownerId, scope.ownerId);
  if ("expiredBy" in scope)
    return and(isNotNull(cases.pinnedUntil), lte(cases.pinnedUntil, scope.expiredBy));
  // Leave booked ahead keeps the pin until the day it starts; the sweeper lets go then.
  const now = scope.leaveStartedBy;
  const away = sql`(select ${users.id} from ${users} where ${and(
    eq(users.availability, "on_leave"),
    or(isNull(users.leaveFrom), lte(users.leaveFrom, now)),
    or(isNull(users.leaveUntil), gt(users.leaveUntil, now)),
  )})`;
  return inArray(cases.ownerId, away);
}

/**
 * Unpins cases whose pin has run out, every case pinned to a given agent who is now away, or
 * every case pinned to anyone whose leave has begun: a pin must not hold a case for someone who
 * is away.
 */
export async function releasePins(
  tx: Db,
  scope: PinScope,
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
    .where(and(eq(cases.pinned, true), scopeWhere(scope)))
    .returning({ id: cases.id, number: cases.number, workspaceId: cases.workspaceId });
  for (const c of released)
    await emit(tx, {
      name: "case.updated",
      actorId,
      workspaceId: c.workspaceId,
      caseId: c.id,
      caseNumber: c.number,
      subjectId: String(c.number),
      data: {
        changes: { pinned: { from: true, to: false } },
        why: WHY[scopeKey(scope)],
      },
    });
  return released.length;
}

function scopeKey(scope: PinScope): keyof typeof WHY {
  if ("ownerId" in scope) return "ownerId";
  return "expiredBy" in scope ? "expiredBy" : "leaveStartedBy";
}
