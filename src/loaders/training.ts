import { and, desc, eq, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import { cases, customers, trainingRequests, users } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";

export type TrainingRow = typeof trainingRequests.$inferSelect;

/**
 * A request with what the shift lead weighs (seed 004: which customer, which plan, critical or
 * not, how severe the case) and the names of the people in it.
 */
export interface TrainingRecord {
  row: TrainingRow;
  kase: {
    number: number;
    subject: string;
    severity: string;
    plan: string | null;
    ownerId: string | null;
    ownerName: string | null;
  };
  customer: { id: string; name: string; plan: string | null; critical: boolean } | null;
  recordedByName: string;
  runnerName: string | null;
  decidedByName: string | null;
}

const recorder = alias(users, "recorder");
const runner = alias(users, "runner");
const decider = alias(users, "decider");
const owner = alias(users, "owner");

const withFacts = (db: Db) =>
  db
    .select({
      row: trainingRequests,
      number: cases.number,
      subject: cases.subject,
      severity: cases.severity,
      casePlan: cases.plan,
      ownerId: cases.ownerId,
      ownerName: owner.name,
      customerId: customers.id,
      customerName: customers.name,
      customerPlan: customers.plan,
      critical: customers.critical,
      recordedByName: recorder.name,
      runnerName: runner.name,
      decidedByName: decider.name,
    })
    .from(trainingRequests)
    .innerJoin(cases, eq(cases.id, trainingRequests.caseId))
    .innerJoin(recorder, eq(recorder.id, trainingRequests.recordedBy))
    .leftJoin(owner, eq(owner.id, cases.ownerId))
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(runner, eq(runner.id, trainingRequests.runnerId))
    .leftJoin(decider, eq(decider.id, trainingRequests.decidedBy))
    .$dynamic();

type Joined = Awaited<ReturnType<ReturnType<typeof withFacts>["execute"]>>[number];

const recordOf = (j: Joined): TrainingRecord => ({
  row: j.row,
  kase: {
    number: j.number,
    subject: j.subject,
    severity: j.severity,
    plan: j.casePlan ?? j.customerPlan,
    ownerId: j.ownerId,
    ownerName: j.ownerName,
  },
  customer:
    j.customerId && j.customerName !== null
      ? {
          id: j.customerId,
          name: j.customerName,
          plan: j.customerPlan,
          critical: j.critical ?? false,
        }
      : null,
  recordedByName: j.recordedByName,
  runnerName: j.runnerName,
  decidedByName: j.decidedByName,
});

/** One request of a workspace, its row locked; another workspace's is reported missing. */
export async function lockTrainingRequest(
  tx: Db,
  workspaceId: string,
  id: string,
): Promise<TrainingRecord> {
  const [found] = await withFacts(tx)
    .where(and(eq(trainingRequests.id, id), eq(trainingRequests.workspaceId, workspaceId)))
    .for("update", { of: trainingRequests });
  if (!found) throw notFound("Session request");
  return recordOf(found);
}

/** One request as it now stands, read after a write in the same transaction. */
export async function trainingRecord(tx: Db, id: string): Promise<TrainingRecord> {
  const [found] = await withFacts(tx).where(eq(trainingRequests.id, id));
  if (!found) throw notFound("Session request");
  return recordOf(found);
}

/**
 * Requests waiting first, then the latest decided: a workspace's (the desk), narrowed to one
 * case, or to the requests one person recorded or runs.
 */
export async function listTraining(
  db: Db,
  filter: { workspaceId: string; caseId?: string; personId?: string; limit: number },
): Promise<TrainingRecord[]> {
  const rows = await withFacts(db)
    .where(
      and(
        eq(trainingRequests.workspaceId, filter.workspaceId),
        filter.caseId ? eq(trainingRequests.caseId, filter.caseId) : undefined,
        filter.personId
          ? or(
              eq(trainingRequests.recordedBy, filter.personId),
              eq(trainingRequests.runnerId, filter.personId),
            )
          : undefined,
      ),
    )
    .orderBy(
      sql`case ${trainingRequests.state} when 'pending' then 0 else 1 end`,
      desc(trainingRequests.createdAt),
    )
    .limit(filter.limit);
  return rows.map(recordOf);
}
