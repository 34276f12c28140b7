import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { jsonRowFrom, rowAsJson } from "../db/json-row.ts";
import { param, prepared } from "../db/prepared.ts";
import { cases, contacts, customers, transfers } from "../db/schema.ts";
import { conflict } from "../domain/errors.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { transferredLine } from "../domain/transfer/line.ts";
import type { CompletedCase } from "../events/catalogue.ts";
import type { ClockedCase } from "../loaders/case-clocks.ts";
import type { TransferRow } from "../loaders/transfer-facts.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { caseFactsColumns } from "../notify/transfer-notifications.ts";
import { CLOCK_COLUMNS, clockColumnValues, transferClockMove } from "../reactions/clocks.ts";
import { addActivity, transferActivityInsert } from "./activity.ts";
import { emit } from "./emit.ts";
import { handoverNoteCte, insertTransfer, transferValues } from "./transfer-insert.ts";

type CaseRow = typeof cases.$inferSelect;

interface Artifacts {
  internalTitle: string | null;
  targetLabel?: string;
}

/** Keep a value the receiving workspace knows; otherwise fall back to its default. */
const known = (list: { code: string }[], value: string | null, fallback: string | null) =>
  value && list.some((i) => i.code === value) ? value : fallback;

/** What completing a transfer reads of the case, in the transaction that completes it. */
const completionColumns = {
  id: cases.id,
  workspaceId: cases.workspaceId,
  number: cases.number,
  subject: cases.subject,
  version: cases.version,
  ownerId: cases.ownerId,
  queue: cases.queue,
  region: cases.region,
  priority: cases.priority,
  brand: cases.brand,
  internalTitle: cases.internalTitle,
  severity: cases.severity,
  customerId: cases.customerId,
  contactId: cases.contactId,
  plan: cases.plan,
  product: cases.product,
  is24x7: cases.is24x7,
};

export type CompletionCase = Pick<CaseRow, keyof typeof completionColumns>;

const caseForCompletion = prepared("baton_completion_case", (db) =>
  db
    .select(completionColumns)
    .from(cases)
    .where(eq(cases.id, sql.placeholder("id"))),
);

// The reassignment within a workspace, the usual one, as a fixed statement; a move to another
// workspace changes more columns and is built for the occasion. A transfer that locked the whole
// case row moves its clocks in the same UPDATE (the second form): one new row version, one set of
// index entries, instead of a second UPDATE from the clocks' reaction (src/reactions/clocks.ts).
const reassignSet = {
  ownerId: param("ownerId"),
  queue: param("queue"),
  region: param("region"),
  priority: param("priority"),
  brand: param("brand"),
  status: param("status"),
  pinned: param("pinned"),
  pinnedUntil: param("pinnedUntil"),
  internalTitle: param("internalTitle"),
  handoffCount: sql`${cases.handoffCount} + 1`,
  version: sql`${cases.version} + 1`,
  updatedAt: param("now"),
};
const sameVersion = and(
  eq(cases.id, sql.placeholder("id")),
  eq(cases.version, sql.placeholder("version")),
);
// The system line ("Transferred … to …") rides in the reassignment as a CTE (values lineBody,
// lineAuthorId, lineData): PostgreSQL runs it whether or not the UPDATE finds the version it
// expects, and a stale version's conflict rolls the line back with everything else.
const systemLineCte = (db: Db) => db.$with("line").as(transferActivityInsert(db, "system", "id"));
// It returns the case as it leaves it, with the people the transfer's messages go to (placeholder
// previousOwnerId): their subscribers need no read of their own (transfer-notifications.ts).
const reassigned = { version: cases.version, ...caseFactsColumns };
const reassign = prepared("baton_reassign_case", (db) =>
  db
    .with(systemLineCte(db))
    .update(cases)
    .set(reassignSet)
    .where(sameVersion)
    .returning(reassigned),
);
const clockSet = Object.fromEntries(
  Object.entries(getTableColumns(cases))
    .filter(([, column]) => (CLOCK_COLUMNS as readonly string[]).includes(column.name))
    .map(([key, column]) => [key, param(column.name)]),
);
/** The reassignment that also moves the clocks, after the CTEs `db.with(…)` gave it. */
const reassignWithClocksAfter = (ctes: ReturnType<Db["with"]>) =>
  ctes
    .update(cases)
    .set({ ...reassignSet, ...clockSet })
    .where(sameVersion);
const reassignWithClocks = prepared("baton_reassign_case_clocks", (db) =>
  reassignWithClocksAfter(db.with(systemLineCte(db))).returning(reassigned),
);

/**
 * A transfer completed as it is requested, inserted (with its handover note) by the statement
 * that reassigns the case and moves its clocks: one round trip instead of two. The insert runs
 * whether or not the UPDATE finds the version it expects, as the system line does, and a stale
 * version's conflict rolls it back with everything else. The stored transfer comes back with the
 * case, as one JSON value (`transfer`). Exported so the benchmark's bare-SQL floor sends exactly
 * this statement.
 */
export const insertAndReassignStatement = (db: Db) => {
  const note = handoverNoteCte(db);
  const inserted = db.$with("new_transfer").as(
    db
      .insert(transfers)
      .values(transferValues(note))
      .returning({ row: rowAsJson(transfers).as("row") }),
  );
  return reassignWithClocksAfter(db.with(note, inserted, systemLineCte(db))).returning({
    ...reassigned,
    transfer: jsonRowFrom(transfers, sql`(select ${inserted.row} from ${inserted})`).as("transfer"),
  });
};
const insertAndReassign = prepared("baton_insert_transfer_reassign", insertAndReassignStatement);

const markCompleted = prepared("baton_transfer_completed", (db) =>
  db
    .update(transfers)
    .set({
      state: "completed",
      completedAt: param("now"),
      expiresAt: null,
      updatedAt: param("now"),
      version: sql`${transfers.version} + 1`,
    })
    .where(eq(transfers.id, sql.placeholder("id")))
    .returning(),
);

export interface Completed {
  /** The transfer as stored once completed. */
  transfer: TransferRow;
  /** The case's severity afterwards (a move may map it to the receiving workspace's). */
  severity: string;
}

/** What the transaction that completes a transfer may already hold. */
export interface Holding {
  /** The case row, locked by the transaction already. */
  locked?: CompletionCase;
  /**
   * The case's clocks as locked with it, and the receiving agent's region (their membership):
   * then the clocks move in the reassignment's own UPDATE.
   */
  clocks?: { kase: ClockedCase; ownerRegion: string | null };
  /**
   * The transfer is requested and completed at once, and not stored yet: it is inserted
   * completed by this call (`values`, as insertTransfer takes them), in the reassignment's own
   * statement where it can (insertAndReassignStatement), and `announce` tells of the request
   * with the row as stored before the completion is told.
   */
  request?: {
    values: Record<string, unknown>;
    announce: (stored: TransferRow) => Promise<void>;
  };
}

/**
 * What completing reads of the transfer: all of it is known before a transfer requested and
 * completed at once is stored (Holding.request).
 */
export type CompletionTransfer = Pick<
  TransferRow,
  | "id"
  | "caseId"
  | "kind"
  | "fromOwnerId"
  | "targetType"
  | "targetAgentId"
  | "targetQueue"
  | "targetRegion"
  | "targetWorkspaceId"
  | "newPriority"
  | "newBrand"
  | "newStatus"
  | "pin"
  | "pinUntil"
  | "autoAssign"
  | "artifacts"
>;

/**
 * The reassignment itself (S0.3.5), once every required step is done: owner, queue, priority,
 * status, pin and title change together; the receiver's response clock restarts and the idle
 * clock keeps running (S3.5), in the same UPDATE when the caller holds the clocks, else in the
 * clocks' reaction to the event. Call inside the transaction that finished the last step.
 */
export async function completeTransfer(
  tx: Db,
  transfer: CompletionTransfer,
  actorId: string,
  policy: Policy,
  now: Date,
  holding: Holding = {},
): Promise<Completed> {
  const kase = holding.locked ?? (await caseForCompletion(tx, { id: transfer.caseId }))[0];
  if (!kase) throw new Error("transfer's case vanished");
  const artifacts = transfer.artifacts as Artifacts;
  const kind = policy.transferKinds.find((k) => k.code === transfer.kind);
  const moving = transfer.targetType === "workspace" && transfer.targetWorkspaceId;
  const targetPolicy = moving
    ? (await workspaceById(tx, transfer.targetWorkspaceId!)).policy
    : policy;
  const changes = {
    ownerId: transfer.targetType === "agent" ? transfer.targetAgentId : null,
    queue: transfer.targetQueue ?? kase.queue,
    region: transfer.targetRegion ?? kase.region,
    priority: transfer.newPriority ?? kase.priority,
    brand: transfer.newBrand ?? kase.brand,
    status: transfer.newStatus,
    pinned: transfer.pin,
    pinnedUntil: transfer.pin ? transfer.pinUntil : null,
    internalTitle: artifacts.internalTitle ?? kase.internalTitle,
  };
  const moved = moving
    ? await moveToWorkspace(
        tx,
        { ...kase, priority: changes.priority, brand: changes.brand },
        targetPolicy,
        transfer.targetWorkspaceId!,
      )
    : undefined;
  const clocks =
    holding.clocks && !moved
      ? transferClockMove(
          {
            ...holding.clocks.kase,
            ownerId: changes.ownerId,
            queue: changes.queue,
            status: changes.status as ClockedCase["status"],
            facts: {
              ...holding.clocks.kase.facts,
              caseRegion: changes.region,
              ownerRegion: changes.ownerId ? holding.clocks.ownerRegion : null,
            },
          },
          policy,
          transfer.kind,
          actorId,
          now,
        )
      : undefined;
  const kindName = kind?.name ?? transfer.kind;
  const line = {
    caseId: kase.id,
    kind: "system" as const,
    visibility: "private" as const,
    body: `Transferred (${kindName}) to ${artifacts.targetLabel ?? describeTarget(transfer)}`,
    authorId: actorId,
    data: {
      event: "transfer.completed",
      transferId: transfer.id,
      line: transferredLine(transfer, kindName, artifacts.targetLabel, policy),
    },
  };
  const { request } = holding;
  // Inserted with the reassignment, or first, on its own, where that statement does not serve.
  const together = request && clocks?.write && !moved;
  let stored: TransferRow | undefined;
  if (request && !together) {
    // A completed transfer is outside the one-open-per-case index: nothing refuses it.
    [stored] = await insertTransfer(tx, request.values);
    if (!stored) throw new Error("the completed transfer was not inserted");
    await request.announce(stored);
  }
  const reassignment = {
    ...changes,
    ...(clocks?.write ? clockColumnValues(clocks.kase) : {}),
    id: kase.id,
    version: kase.version,
    now,
    lineBody: line.body,
    lineAuthorId: line.authorId,
    lineData: line.data,
    previousOwnerId: transfer.fromOwnerId,
  };
  let reassigned: (CompletedCase & { version: number }) | undefined;
  if (request && together) {
    const [row] = await insertAndReassign(tx, { ...request.values, ...reassignment });
    if (row) {
      const { transfer: inserted, ...kaseAfter } = row;
      stored = inserted;
      reassigned = kaseAfter;
      await request.announce(inserted);
    }
  } else if (!moved)
    [reassigned] = await (clocks?.write ? reassignWithClocks : reassign)(tx, reassignment);
  const [movedRow] = moved
    ? await tx
        .update(cases)
        .set({
          ...changes,
          ...moved,
          handoffCount: sql`${cases.handoffCount} + 1`,
          version: sql`${cases.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(cases.id, kase.id), eq(cases.version, kase.version)))
        .returning({ version: cases.version })
    : [];
  const after = reassigned ?? movedRow;
  if (!after) throw conflict(`Case ${kase.number} changed meanwhile; try again`);
  const [completed] = request ? [stored] : await markCompleted(tx, { id: transfer.id, now });
  if (!completed) throw new Error("transfer vanished while completing it");
  // A move to another workspace writes its line apart; the usual reassignment wrote it above.
  if (moved) await addActivity(tx, line);
  await emit(tx, {
    name: "transfer.completed",
    actorId,
    workspaceId: kase.workspaceId,
    caseId: kase.id,
    caseNumber: kase.number,
    subjectId: transfer.id,
    data: {
      kind: transfer.kind,
      from: { ownerId: kase.ownerId, queue: kase.queue, workspaceId: kase.workspaceId },
      to: {
        ownerId: changes.ownerId,
        queue: changes.queue,
        region: changes.region,
        workspaceId: moved?.workspaceId ?? kase.workspaceId,
      },
      // What a webhook receiver shows without asking back: the case as the transfer left it.
      subject: kase.subject,
      status: changes.status,
      version: after.version,
    },
    // The customer, the new owner and the dispatch desk are told with the change, or not at all.
    facts: {
      transfer: completed,
      policy,
      status: changes.status,
      requestedNow: request !== undefined,
      ...(clocks ? { clocksMoved: { event: clocks.event } } : {}),
      ...(reassigned ? { kase: completedCase(reassigned) } : {}),
    },
  });
  return { transfer: completed, severity: moved?.severity ?? kase.severity };
}

/** The case facts the reassignment returned, without its version. */
function completedCase({
  version: _,
  ...kase
}: CompletedCase & { version: number }): CompletedCase {
  return kase;
}

function describeTarget(t: CompletionTransfer): string {
  if (t.targetType === "agent") return `agent ${t.targetAgentId}`;
  if (t.targetType === "workspace") return `another workspace (queue ${t.targetQueue})`;
  return `queue ${t.targetQueue}${t.targetRegion ? ` (${t.targetRegion})` : ""}`;
}

/**
 * S3.3 "instance": the case moves with copies of its customer and contact, so the receiving
 * workspace holds everything it shows; codes it does not know fall back to its defaults.
 */
async function moveToWorkspace(tx: Db, kase: CompletionCase, target: Policy, workspaceId: string) {
  let customerId: string | null = null;
  let contactId: string | null = null;
  if (kase.customerId) {
    const [c] = await tx.select().from(customers).where(eq(customers.id, kase.customerId));
    if (c) {
      const [copy] = await tx
        .insert(customers)
        .values({ workspaceId, name: c.name, timeZone: c.timeZone, language: c.language })
        .returning({ id: customers.id });
      customerId = copy?.id ?? null;
    }
  }
  if (kase.contactId && customerId) {
    const [p] = await tx.select().from(contacts).where(eq(contacts.id, kase.contactId));
    if (p) {
      const [copy] = await tx
        .insert(contacts)
        .values({
          customerId,
          name: p.name,
          email: p.email,
          phone: p.phone,
          timeZone: p.timeZone,
          language: p.language,
        })
        .returning({ id: contacts.id });
      contactId = copy?.id ?? null;
    }
  }
  return {
    workspaceId,
    customerId,
    contactId,
    secondaryOwnerId: null,
    parentCaseId: null,
    severity: known(target.severities, kase.severity, target.defaults.severity)!,
    priority: known(target.priorities, kase.priority, target.defaults.priority)!,
    plan: known(target.plans, kase.plan, null),
    brand: known(target.brands, kase.brand, target.defaults.brand)!,
    product: known(target.products, kase.product, null),
    // Sub-products are the sending workspace's; the receiving one names its own if it wants.
    subProduct: null,
    region: null,
    is24x7: kase.is24x7 && target.plans.some((p) => p.code === kase.plan && p.allows24x7),
  };
}
