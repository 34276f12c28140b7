import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, customers, memberships, users } from "../db/schema.ts";
import type { CaseStatus } from "../domain/case-status.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { CaseClocks } from "../domain/sla/clocks.ts";
import type { SlaFacts } from "../domain/sla/terms.ts";

type CaseRow = typeof cases.$inferSelect;

export const clockColumns = {
  openedAt: cases.createdAt,
  responseClockFrom: cases.responseClockFrom,
  firstResponseDueAt: cases.firstResponseDueAt,
  firstRespondedAt: cases.firstRespondedAt,
  lastPublicReplyAt: cases.lastPublicReplyAt,
  nextUpdateDueAt: cases.nextUpdateDueAt,
  resolutionDueAt: cases.resolutionDueAt,
  idleSince: cases.idleSince,
  customerWaitingSince: cases.customerWaitingSince,
  pausedAt: cases.slaPausedAt,
  returnDueAt: cases.returnDueAt,
  pausedResponseMinutes: cases.pausedResponseMinutes,
  pausedUpdateMinutes: cases.pausedUpdateMinutes,
  pausedResolutionMinutes: cases.pausedResolutionMinutes,
};

export interface ClockedCase {
  id: string;
  number: number;
  subject: string;
  workspaceId: string;
  ownerId: string | null;
  queue: string;
  status: CaseStatus;
  clocks: CaseClocks;
  facts: SlaFacts;
  slaDueAt: Date | null;
  slaAlarmAt: Date | null;
}

/**
 * A case's clocks and what its SLA terms depend on, its row locked until the transaction ends:
 * two changes to one case's clocks (a note and a status change at once) take turns.
 */
export async function lockClockedCase(tx: Db, caseId: string): Promise<ClockedCase | undefined> {
  return (await clockedCases(tx, [caseId], true))[0];
}

/** Several cases' clocks, their rows locked (a batch of assignments moves them together). */
export async function lockClockedCases(tx: Db, caseIds: readonly string[]): Promise<ClockedCase[]> {
  return caseIds.length ? clockedCases(tx, caseIds, true) : [];
}

/** The same, read without a lock (for showing the clocks). */
export async function readClockedCase(db: Db, caseId: string): Promise<ClockedCase | undefined> {
  return (await clockedCases(db, [caseId], false))[0];
}

async function clockedCases(
  tx: Db,
  caseIds: readonly string[],
  lock: boolean,
): Promise<ClockedCase[]> {
  const query = tx
    .select({
      id: cases.id,
      number: cases.number,
      subject: cases.subject,
      workspaceId: cases.workspaceId,
      ownerId: cases.ownerId,
      status: cases.status,
      severity: cases.severity,
      plan: cases.plan,
      is24x7: cases.is24x7,
      region: cases.region,
      queue: cases.queue,
      slaDueAt: cases.slaDueAt,
      slaAlarmAt: cases.slaAlarmAt,
      ownerRegion: memberships.region,
      customerZone: customers.timeZone,
      customerRegion: customers.region,
      ...clockColumns,
    })
    .from(cases)
    .leftJoin(
      memberships,
      and(eq(memberships.userId, cases.ownerId), eq(memberships.workspaceId, cases.workspaceId)),
    )
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .where(caseIds.length === 1 ? eq(cases.id, caseIds[0]!) : inArray(cases.id, [...caseIds]))
    // In id order, so two batches locking overlapping cases take them in the same order.
    .orderBy(cases.id)
    .$dynamic();
  // NO KEY UPDATE, not UPDATE: a note's insert has already taken KEY SHARE on its case (the
  // foreign key), and two notes on one case at once would each wait for the other's KEY SHARE
  // to go: a deadlock on PostgreSQL, found by the kill drill (bench/faults). The clocks never
  // change the case's key, so this lock is enough to make such changes take turns.
  const rows = lock ? await query.for("no key update", { of: cases }) : await query;
  return rows.map((row) =>
    clockedCaseOf(
      { ...row, region: row.region, createdAt: row.openedAt, slaPausedAt: row.pausedAt },
      row.customerZone ? { timeZone: row.customerZone, region: row.customerRegion } : null,
      row.ownerRegion,
    ),
  );
}

/** The clock columns of a case row and what its SLA terms depend on. */
type ClockRow = Pick<
  CaseRow,
  | "id"
  | "number"
  | "subject"
  | "workspaceId"
  | "ownerId"
  | "queue"
  | "status"
  | "severity"
  | "plan"
  | "is24x7"
  | "region"
  | "slaDueAt"
  | "slaAlarmAt"
  | "createdAt"
  | "responseClockFrom"
  | "firstResponseDueAt"
  | "firstRespondedAt"
  | "lastPublicReplyAt"
  | "nextUpdateDueAt"
  | "resolutionDueAt"
  | "idleSince"
  | "customerWaitingSince"
  | "slaPausedAt"
  | "returnDueAt"
  | "pausedResponseMinutes"
  | "pausedUpdateMinutes"
  | "pausedResolutionMinutes"
>;

/**
 * A case's clocks from a row read already (a transfer locks the whole row first), with its
 * customer's zone and region and its owner's region in the workspace.
 */
export function clockedCaseOf(
  row: ClockRow,
  customer: { timeZone: string; region: string | null } | null,
  ownerRegion: string | null,
): ClockedCase {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    workspaceId: row.workspaceId,
    ownerId: row.ownerId,
    queue: row.queue,
    status: row.status as CaseStatus,
    slaDueAt: row.slaDueAt,
    slaAlarmAt: row.slaAlarmAt,
    clocks: {
      openedAt: row.createdAt,
      responseClockFrom: row.responseClockFrom,
      firstResponseDueAt: row.firstResponseDueAt,
      firstRespondedAt: row.firstRespondedAt,
      lastPublicReplyAt: row.lastPublicReplyAt,
      nextUpdateDueAt: row.nextUpdateDueAt,
      resolutionDueAt: row.resolutionDueAt,
      idleSince: row.idleSince,
      customerWaitingSince: row.customerWaitingSince,
      pausedAt: row.slaPausedAt,
      returnDueAt: row.returnDueAt,
      pausedMinutes: {
        firstResponse: row.pausedResponseMinutes,
        nextUpdate: row.pausedUpdateMinutes,
        resolution: row.pausedResolutionMinutes,
      },
    },
    facts: {
      severity: row.severity,
      plan: row.plan,
      is24x7: row.is24x7,
      ownerRegion,
      caseRegion: row.region,
      customer,
    },
  };
}

/** The case's region for its SLA calendar: its own, else its queue's. */
export function withQueueRegion(facts: SlaFacts, policy: Policy, queue: string): SlaFacts {
  if (facts.caseRegion) return facts;
  return { ...facts, caseRegion: policy.queues.find((q) => q.code === queue)?.region ?? null };
}

/** Cases whose clocks call for the alarm job by `now`, locked, skipping those another process holds. */
export async function lockDueAlarmCases(
  tx: Db,
  now: Date,
  limit: number,
  caseIds?: readonly string[],
): Promise<string[]> {
  const due = sql`${cases.slaAlarmAt} <= ${now.toISOString()}`;
  const rows = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(caseIds ? and(due, inArray(cases.id, [...caseIds])) : due)
    .orderBy(cases.slaAlarmAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return rows.map((r) => r.id);
}

/** The people holding any of these roles in a workspace, with their zone. */
export async function membersInRoles(
  db: Db,
  workspaceId: string,
  roles: readonly string[],
): Promise<{ id: string; name: string; role: string; timeZone: string }[]> {
  if (!roles.length) return [];
  return db
    .select({ id: users.id, name: users.name, role: memberships.role, timeZone: users.timeZone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.role, [...roles])));
}

/** One person's name and zone. */
export async function personById(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; timeZone: string } | undefined> {
  const [p] = await db
    .select({ id: users.id, name: users.name, timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, id));
  return p;
}
