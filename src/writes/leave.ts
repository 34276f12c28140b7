import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { leavePlanItems, leavePlans, users } from "../db/schema.ts";
import { conflict } from "../domain/errors.ts";
import type { LeaveItemRecord, LeavePlanRecord, LeavePlanRow } from "../loaders/leave.ts";
import type { WorkspaceWithPolicy } from "../loaders/workspaces.ts";
import { diff } from "./changes.ts";
import { emit } from "./emit.ts";
import { releasePins } from "./pins.ts";
import { insertSheetEntry } from "./sheet.ts";

type PlanChanges = Partial<typeof leavePlans.$inferInsert>;
type ItemChanges = Partial<typeof leavePlanItems.$inferInsert>;

const STALE = "This leave plan was changed meanwhile; reload it and try again";

/** Changes a plan and bumps its version; `version` (when given) must be the one read. */
export async function changePlan(
  tx: Db,
  plan: LeavePlanRow,
  version: number | null,
  set: PlanChanges,
): Promise<LeavePlanRow> {
  if (version !== null && plan.version !== version)
    throw conflict(STALE, { currentVersion: plan.version });
  const [updated] = await tx
    .update(leavePlans)
    .set({ ...set, version: sql`${leavePlans.version} + 1`, updatedAt: new Date() })
    .where(and(eq(leavePlans.id, plan.id), eq(leavePlans.version, plan.version)))
    .returning();
  if (!updated) throw conflict(STALE);
  return updated;
}

/** Changes one case of a plan and bumps its version; `version` (when given) must match. */
export async function changeItem(
  tx: Db,
  item: typeof leavePlanItems.$inferSelect,
  version: number | null,
  set: ItemChanges,
): Promise<void> {
  if (version !== null && item.version !== version)
    throw conflict("This case of the leave plan was changed meanwhile; reload it", {
      currentVersion: item.version,
    });
  const [updated] = await tx
    .update(leavePlanItems)
    .set({ ...set, version: sql`${leavePlanItems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(leavePlanItems.id, item.id), eq(leavePlanItems.version, item.version)))
    .returning({ id: leavePlanItems.id });
  if (!updated) throw conflict("This case of the leave plan was changed meanwhile; reload it");
}

/** What every leave event carries. */
export const leaveData = (r: LeavePlanRecord, row: LeavePlanRow, cases: number) => ({
  userId: row.userId,
  userName: r.userName,
  leaveFrom: row.leaveFrom.toISOString(),
  leaveUntil: row.leaveUntil.toISOString(),
  state: row.state,
  cases,
});

/**
 * Books the leave on the person (availability on leave from–until, with the backup), as setting
 * availability does: routing passes them over once it starts, a transfer to them is refused
 * naming the backup, and pins they hold are released when it starts (now, or by the sweep).
 */
export async function bookLeave(
  tx: Db,
  actorId: string,
  workspaceId: string,
  userId: string,
  leave: { from: Date; until: Date; backupUserId: string | null },
): Promise<void> {
  await setLeave(tx, actorId, workspaceId, userId, {
    availability: "on_leave",
    leaveFrom: leave.from,
    leaveUntil: leave.until,
    backupUserId: leave.backupUserId,
  });
  if (leave.from <= new Date()) await releasePins(tx, { ownerId: userId }, actorId);
}

/** Takes back leave booked by a plan that was cancelled, if the person's leave is still that. */
export async function unbookLeave(
  tx: Db,
  actorId: string,
  workspaceId: string,
  plan: LeavePlanRow,
): Promise<void> {
  const [me] = await tx.select().from(users).where(eq(users.id, plan.userId));
  if (
    me?.availability !== "on_leave" ||
    me.leaveFrom?.getTime() !== plan.leaveFrom.getTime() ||
    me.leaveUntil?.getTime() !== plan.leaveUntil.getTime()
  )
    return;
  await setLeave(tx, actorId, workspaceId, plan.userId, {
    availability: "available",
    leaveFrom: null,
    leaveUntil: null,
    backupUserId: null,
  });
}

async function setLeave(
  tx: Db,
  actorId: string,
  workspaceId: string,
  userId: string,
  next: {
    availability: string;
    leaveFrom: Date | null;
    leaveUntil: Date | null;
    backupUserId: string | null;
  },
): Promise<void> {
  const [before] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!before) return;
  await tx
    .update(users)
    .set({ ...next, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
  await emit(tx, {
    name: "agent.availability_changed",
    actorId,
    workspaceId,
    subjectId: userId,
    data: { changes: diff(before, next) },
  });
}

/**
 * A case handed off for leave goes on the hand-off sheet (S4.8), taken by its new holder: what
 * it needs (the follow-ups, else the hand-off), by its next update. On the sheet already: left.
 */
export async function sheetHandedOff(
  tx: Db,
  actorId: string,
  ws: WorkspaceWithPolicy,
  plan: LeavePlanRecord,
  item: LeaveItemRecord,
  holderId: string | null,
): Promise<void> {
  const needs = (item.item.followUps.trim() || item.item.handedOff.trim()).split("\n")[0] ?? "";
  await insertSheetEntry(tx, actorId, {
    workspaceId: ws.id,
    caseId: item.item.caseId,
    caseNumber: item.kase.number,
    needs: `${plan.userName} on leave: ${needs}`.slice(0, 500),
    dueAt: item.kase.nextUpdateDueAt,
    queue: null,
    note: item.item.validated ? `Validated so far: ${item.item.validated}`.slice(0, 2_000) : "",
    claimedBy: holderId,
  });
}
