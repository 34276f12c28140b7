import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import {
  cases,
  contacts,
  customers,
  leavePlanItems,
  leavePlans,
  transfers,
  users,
} from "../db/schema.ts";
import { OPEN_STATUSES } from "../domain/case-status.ts";
import { notFound } from "../domain/errors.ts";
import type { LeaveCase } from "../domain/leave/proposal.ts";
import type { Policy } from "../domain/policy/schema.ts";

export type LeavePlanRow = typeof leavePlans.$inferSelect;
export type LeaveItemRow = typeof leavePlanItems.$inferSelect;

/** A plan with the names people read it by. */
export interface LeavePlanRecord {
  row: LeavePlanRow;
  userName: string;
  userTimeZone: string;
  backupName: string | null;
}

const backup = alias(users, "backup");

const plansWithNames = (db: Db) =>
  db
    .select({
      row: leavePlans,
      userName: users.name,
      userTimeZone: users.timeZone,
      backupName: backup.name,
    })
    .from(leavePlans)
    .innerJoin(users, eq(users.id, leavePlans.userId))
    .leftJoin(backup, eq(backup.id, leavePlans.backupUserId))
    .$dynamic();

/** One plan of a workspace; `lock` holds its row for the change being made. */
export async function leavePlanIn(
  db: Db,
  workspaceId: string,
  id: string,
  lock = false,
): Promise<LeavePlanRecord> {
  const q = plansWithNames(db).where(
    and(eq(leavePlans.id, id), eq(leavePlans.workspaceId, workspaceId)),
  );
  const [found] = lock ? await q.for("update", { of: leavePlans }) : await q;
  if (!found) throw notFound("Leave plan");
  return found;
}

/** A workspace's plans, the coming and current ones first; `userId` narrows to one person's. */
export async function listLeavePlans(
  db: Db,
  workspaceId: string,
  userId: string | null,
): Promise<LeavePlanRecord[]> {
  return plansWithNames(db)
    .where(
      and(
        eq(leavePlans.workspaceId, workspaceId),
        userId ? eq(leavePlans.userId, userId) : undefined,
      ),
    )
    .orderBy(
      sql`case when ${leavePlans.state} = 'cancelled' or ${leavePlans.leaveUntil} < now() then 1 else 0 end`,
      asc(leavePlans.leaveFrom),
      desc(leavePlans.createdAt),
    )
    .limit(100);
}

const proposed = alias(users, "proposed");
const holder = alias(users, "holder");
const owner = alias(users, "owner");

/** A plan's cases with what each needs, who was proposed, who holds it now, and its transfer. */
export async function leaveItemsOf(db: Db, planIds: readonly string[]) {
  if (!planIds.length) return [];
  return db
    .select({
      item: leavePlanItems,
      kase: {
        number: cases.number,
        subject: cases.subject,
        severity: cases.severity,
        status: cases.status,
        queue: cases.queue,
        is24x7: cases.is24x7,
        version: cases.version,
        ownerId: cases.ownerId,
        nextUpdateDueAt: cases.nextUpdateDueAt,
        nextContactAt: cases.nextContactAt,
        resolutionDueAt: cases.resolutionDueAt,
        customerWaitingSince: cases.customerWaitingSince,
      },
      customerName: customers.name,
      ownerName: owner.name,
      proposedName: proposed.name,
      holderName: holder.name,
      transfer: { id: transfers.id, state: transfers.state, version: transfers.version },
    })
    .from(leavePlanItems)
    .innerJoin(cases, eq(cases.id, leavePlanItems.caseId))
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(owner, eq(owner.id, cases.ownerId))
    .leftJoin(proposed, eq(proposed.id, leavePlanItems.proposedHolderId))
    .leftJoin(holder, eq(holder.id, leavePlanItems.holderId))
    .leftJoin(transfers, eq(transfers.id, leavePlanItems.transferId))
    .where(inArray(leavePlanItems.planId, [...planIds]))
    .orderBy(asc(cases.nextUpdateDueAt), asc(cases.number));
}
export type LeaveItemRecord = Awaited<ReturnType<typeof leaveItemsOf>>[number];

/** One item of a plan, its row locked. */
export async function lockLeaveItem(tx: Db, planId: string, itemId: string) {
  const [found] = await tx
    .select()
    .from(leavePlanItems)
    .where(and(eq(leavePlanItems.id, itemId), eq(leavePlanItems.planId, planId)))
    .for("update");
  if (!found) throw notFound("Case of this leave plan");
  return found;
}

/** The open cases this person owns in the workspace, with what routing weighs of each. */
export async function openCasesForLeave(
  db: Db,
  policy: Policy,
  workspaceId: string,
  userId: string,
): Promise<LeaveCase[]> {
  const rows = await db
    .select({
      id: cases.id,
      queue: cases.queue,
      product: cases.product,
      customerLanguage: customers.language,
      contactLanguage: contacts.language,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .where(
      and(
        eq(cases.workspaceId, workspaceId),
        eq(cases.ownerId, userId),
        inArray(cases.status, [...OPEN_STATUSES]),
      ),
    )
    .orderBy(asc(cases.nextUpdateDueAt), asc(cases.number))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    skill: r.product ? (policy.products.find((p) => p.code === r.product)?.skill ?? null) : null,
    language: r.contactLanguage ?? r.customerLanguage ?? null,
  }));
}

/** Plans whose leave has begun and whose leftovers nobody raised yet, claimed for this sweep. */
export async function claimStartedLeave(tx: Db, now: Date): Promise<LeavePlanRow[]> {
  return tx
    .update(leavePlans)
    .set({ raisedAt: now, version: sql`${leavePlans.version} + 1`, updatedAt: now })
    .where(
      and(
        sql`${leavePlans.raisedAt} is null`,
        ne(leavePlans.state, "cancelled"),
        sql`${leavePlans.leaveFrom} <= ${now}`,
        sql`${leavePlans.leaveUntil} > ${now}`,
      ),
    )
    .returning();
}

/** How many cases a plan hands off, for its events. */
export async function leaveItemCount(db: Db, planId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(leavePlanItems)
    .where(eq(leavePlanItems.planId, planId));
  return Number(row?.n ?? 0);
}
