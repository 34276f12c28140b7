import { eq, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import {
  activities,
  cases,
  contacts,
  customers,
  transfers,
  users,
  workspaces,
} from "../db/schema.ts";
import { caseWorkspaceWebhooks, type WorkspaceWebhook } from "../db/workspace-webhooks.ts";
import type { CaseFacts } from "../domain/transfer/render.ts";
import { admitCase, caseWithWorkspaceColumns, type LoadedCase } from "./cases.ts";

// What the note and artifacts quote besides the case row (the customer's zone and language, the
// last notes) and the owner's name for the transfer's view.
const contextColumns = {
  customerTimeZone: customers.timeZone,
  customerRegion: customers.region,
  customerLanguage: customers.language,
  contactTimeZone: contacts.timeZone,
  contactLanguage: contacts.language,
  ownerName: users.name,
  lastNotes: sql<
    string[]
  >`array(select ${activities.body} from ${activities} where ${activities.caseId} = ${cases.id} and ${activities.kind} = 'note' order by ${activities.id} desc limit 3)`,
};

interface ContextRow {
  customerTimeZone: string | null;
  customerRegion: string | null;
  customerLanguage: string | null;
  contactTimeZone: string | null;
  contactLanguage: string | null;
  ownerName: string | null;
  lastNotes: string[];
}

export interface CaseContext {
  facts: CaseFacts;
  ownerName: string | null;
  /** The customer's zone and region, which the case's SLA calendar follows. */
  customer: { timeZone: string; region: string | null } | null;
}

const caseContextRow = prepared("baton_case_context", (db) =>
  db
    .select(contextColumns)
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .leftJoin(users, eq(users.id, cases.ownerId))
    .where(eq(cases.id, sql.placeholder("caseId"))),
);

// A transfer reads the case, its workspace and its context in one round trip; the request does
// so inside its transaction and locks the case row with it (`FOR UPDATE OF cases`: the joined
// rows stay unlocked), so the row it plans on is the row it changes.
const caseForTransferStatement = (db: Db) =>
  db
    .select({
      ...caseWithWorkspaceColumns,
      ...contextColumns,
      webhooks: caseWorkspaceWebhooks,
      // The transfer under way, if any (its states as in the one-open-per-case index): a request
      // that completes at once inserts its transfer completed, which that index does not see.
      openTransferId: sql<
        string | null
      >`(select ${transfers.id} from ${transfers} where ${transfers.caseId} = ${cases.id} and ${transfers.state} in ('awaiting_steps', 'awaiting_approval', 'awaiting_acceptance') limit 1)`,
    })
    .from(cases)
    .innerJoin(workspaces, eq(workspaces.id, cases.workspaceId))
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .leftJoin(users, eq(users.id, cases.ownerId))
    .where(eq(cases.number, sql.placeholder("number")))
    .limit(1);
const caseForTransfer = prepared("baton_case_for_transfer", caseForTransferStatement);
/** Exported so the benchmark's bare-SQL floor sends exactly this statement. */
export const lockCaseForTransferStatement = (db: Db) =>
  caseForTransferStatement(db).for("update", { of: cases });
const lockCaseForTransfer = prepared("baton_lock_case_for_transfer", lockCaseForTransferStatement);

/**
 * loadCase for a transfer, with the case's context for planTransfer and its workspace's webhook
 * subscriptions (what the request's events will need). `lock` (inside a transaction) also locks
 * the case row until the transaction ends.
 */
export async function loadCaseForTransfer(
  db: Db,
  actor: Actor,
  number: number,
  options: { lock: boolean },
): Promise<{
  loaded: LoadedCase;
  context: CaseContext;
  openTransferId: string | null;
  webhooks: WorkspaceWebhook[];
}> {
  const [found] = await (options.lock ? lockCaseForTransfer : caseForTransfer)(db, { number });
  const loaded = await admitCase(db, actor, number, "case.read", found);
  return {
    loaded,
    context: contextOf(loaded, found),
    openTransferId: found?.openTransferId ?? null,
    webhooks: found?.webhooks ?? [],
  };
}

function contextOf(loaded: LoadedCase, c: ContextRow | undefined): CaseContext {
  const r = loaded.row;
  const facts: CaseFacts = {
    number: r.number,
    subject: r.subject,
    description: r.description,
    internalTitle: r.internalTitle,
    severity: r.severity,
    plan: r.plan,
    product: r.product,
    queue: r.queue,
    partnerTicket: r.partnerTicket,
    incidentId: r.incidentId,
    stepsToReproduce: r.stepsToReproduce,
    customerTimeZone: c?.contactTimeZone ?? c?.customerTimeZone ?? null,
    customerLanguage: c?.contactLanguage ?? c?.customerLanguage ?? null,
    lastNotes: [...(c?.lastNotes ?? [])].reverse(),
  };
  return {
    facts,
    ownerName: c?.ownerName ?? null,
    customer: c?.customerTimeZone
      ? { timeZone: c.customerTimeZone, region: c.customerRegion }
      : null,
  };
}

export async function caseContext(db: Db, loaded: LoadedCase): Promise<CaseContext> {
  const [c] = await caseContextRow(db, { caseId: loaded.row.id });
  return contextOf(loaded, c);
}

export async function caseFacts(db: Db, loaded: LoadedCase): Promise<CaseFacts> {
  return (await caseContext(db, loaded)).facts;
}
