import { aliasedTable, and, asc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { caseCalls, cases, contacts, customers, users } from "../db/schema.ts";
import {
  type CallAction,
  type CallState,
  callAbilities,
  callRefusal,
} from "../domain/calls/calls.ts";
import { conflict, forbidden, notFound } from "../domain/errors.ts";
import type { Policy } from "../domain/policy/schema.ts";

export type CallRow = typeof caseCalls.$inferSelect;

/** A call with what showing it needs: its case, its people, and the customer's zone. */
export interface CallRecord {
  row: CallRow;
  caseNumber: number;
  caseSubject: string;
  caseOwnerId: string | null;
  caseStatus: string;
  runner: { id: string; name: string; timeZone: string };
  scheduledByName: string;
  /** The contact's zone, else the customer's; null for a case without either. */
  customerZone: string | null;
}

const runner = aliasedTable(users, "call_runner");
const scheduler = aliasedTable(users, "call_scheduler");

const withContext = (db: Db) =>
  db
    .select({
      row: caseCalls,
      caseNumber: cases.number,
      caseSubject: cases.subject,
      caseOwnerId: cases.ownerId,
      caseStatus: cases.status,
      runner: { id: runner.id, name: runner.name, timeZone: runner.timeZone },
      scheduledByName: scheduler.name,
      customerZone: sql<string | null>`coalesce(${contacts.timeZone}, ${customers.timeZone})`,
    })
    .from(caseCalls)
    .innerJoin(cases, eq(cases.id, caseCalls.caseId))
    .innerJoin(runner, eq(runner.id, caseCalls.runnerId))
    .innerJoin(scheduler, eq(scheduler.id, caseCalls.scheduledBy))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .$dynamic();

/** One call of a workspace, its row locked; another workspace's is reported missing. */
export async function lockCall(tx: Db, workspaceId: string, id: string): Promise<CallRecord> {
  const [found] = await withContext(tx)
    .where(and(eq(caseCalls.id, id), eq(caseCalls.workspaceId, workspaceId)))
    .for("update", { of: caseCalls });
  if (!found) throw notFound("Call");
  return found;
}

/** One call by id, as just written. */
export async function callById(db: Db, id: string): Promise<CallRecord> {
  const [found] = await withContext(db).where(eq(caseCalls.id, id));
  if (!found) throw notFound("Call");
  return found;
}

/** A case's calls, soonest first. */
export async function callsOfCase(db: Db, caseId: string): Promise<CallRecord[]> {
  return withContext(db)
    .where(eq(caseCalls.caseId, caseId))
    .orderBy(asc(caseCalls.startsAt))
    .limit(200);
}

/** The calls someone runs between two instants (a day, a calendar feed's range), soonest first. */
export async function callsOfRunner(
  db: Db,
  workspaceId: string,
  runnerId: string,
  range: { from: Date; to: Date; states?: readonly string[] },
): Promise<CallRecord[]> {
  return withContext(db)
    .where(
      and(
        eq(caseCalls.workspaceId, workspaceId),
        eq(caseCalls.runnerId, runnerId),
        gte(caseCalls.startsAt, range.from),
        lt(caseCalls.startsAt, range.to),
        range.states ? inArray(caseCalls.state, [...range.states]) : undefined,
      ),
    )
    .orderBy(asc(caseCalls.startsAt))
    .limit(500);
}

/** Who is looking, as the call rules need them: a lead may change any case's calls. */
export const callViewer = (
  actor: Actor,
  ws: { id: string; policy: Policy },
): { userId: string; managesAnyCase: boolean } => ({
  userId: actor.userId,
  managesAnyCase: can(actor, "case.update", { workspaceId: ws.id, caseOwners: [] }, ws.policy),
});

/**
 * A call of a workspace the actor is in, locked, that they may take `action` on now: a call that
 * moved on meanwhile is a conflict, someone not involved is refused.
 */
export async function lockCallFor(
  tx: Db,
  actor: Actor,
  ws: { id: string; policy: Policy },
  id: string,
  action: CallAction,
): Promise<CallRecord> {
  const r = await lockCall(tx, ws.id, id);
  const facts = {
    state: r.row.state as CallState,
    runnerId: r.row.runnerId,
    scheduledBy: r.row.scheduledBy,
    caseOwnerId: r.caseOwnerId,
  };
  if (!callAbilities(callViewer(actor, ws), facts)[action]) {
    const why = callRefusal(action, facts);
    throw why.kind === "state" ? conflict(why.message) : forbidden(why.message);
  }
  return r;
}
