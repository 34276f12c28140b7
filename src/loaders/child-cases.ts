import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.ts";
import { cases, childCaseRequests, users } from "../db/schema.ts";
import { OPEN_STATUSES } from "../domain/case-status.ts";
import { notFound } from "../domain/errors.ts";

export type ChildCaseRow = typeof childCaseRequests.$inferSelect;

/** A request with the names and numbers people read it by. */
export interface ChildCaseRecord {
  row: ChildCaseRow;
  requestedByName: string;
  decidedByName: string | null;
  parent: { number: number; subject: string };
  childNumber: number | null;
}

const decider = alias(users, "decider");
const parentCase = alias(cases, "parent_case");
const childCase = alias(cases, "child_case");

const withNames = (db: Db) =>
  db
    .select({
      row: childCaseRequests,
      requestedByName: users.name,
      decidedByName: decider.name,
      parent: { number: parentCase.number, subject: parentCase.subject },
      childNumber: childCase.number,
    })
    .from(childCaseRequests)
    .innerJoin(users, eq(users.id, childCaseRequests.requestedBy))
    .innerJoin(parentCase, eq(parentCase.id, childCaseRequests.parentCaseId))
    .leftJoin(decider, eq(decider.id, childCaseRequests.decidedBy))
    .leftJoin(childCase, eq(childCase.id, childCaseRequests.childCaseId))
    .$dynamic();

/** One request of a workspace, its row locked; another workspace's is reported missing. */
export async function lockChildCaseRequest(
  tx: Db,
  workspaceId: string,
  id: string,
): Promise<ChildCaseRecord> {
  const [found] = await withNames(tx)
    .where(and(eq(childCaseRequests.id, id), eq(childCaseRequests.workspaceId, workspaceId)))
    .for("update", { of: childCaseRequests });
  if (!found) throw notFound("Request for a new case");
  return found;
}

/** A workspace's requests, waiting first, then the latest; `requestedBy` narrows to one asker's. */
export async function listChildCases(
  db: Db,
  workspaceId: string,
  filter: { requestedBy?: string; limit: number },
): Promise<ChildCaseRecord[]> {
  return withNames(db)
    .where(
      and(
        eq(childCaseRequests.workspaceId, workspaceId),
        filter.requestedBy ? eq(childCaseRequests.requestedBy, filter.requestedBy) : undefined,
      ),
    )
    .orderBy(
      sql`case ${childCaseRequests.state} when 'pending' then 0 else 1 end`,
      desc(childCaseRequests.createdAt),
    )
    .limit(filter.limit);
}

/** The cases opened from a case, oldest first. */
export async function childrenOf(db: Db, caseId: string) {
  return db
    .select({
      number: cases.number,
      subject: cases.subject,
      status: cases.status,
      ownerId: cases.ownerId,
    })
    .from(cases)
    .where(eq(cases.parentCaseId, caseId))
    .orderBy(asc(cases.number));
}

/** The numbers of a case's children that are still open. */
export async function openChildNumbers(db: Db, caseId: string): Promise<number[]> {
  const rows = await db
    .select({ number: cases.number })
    .from(cases)
    .where(and(eq(cases.parentCaseId, caseId), inArray(cases.status, [...OPEN_STATUSES])))
    .orderBy(asc(cases.number));
  return rows.map((r) => r.number);
}
