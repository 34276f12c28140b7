import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { type Action, authorize, can, type Target } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { cases, handoffSheetEntries, users } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { isSheetState, movesFrom, type SheetMove, type SheetState } from "../domain/sheet.ts";
import { memberWorkspace } from "./member-workspace.ts";

export type SheetRow = typeof handoffSheetEntries.$inferSelect;

/** The workspace whose sheet the actor reads or writes; 404 for one they are not in. */
export async function sheetWorkspace(db: Db, actor: Actor, slug: string) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "sheet.read", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return ws;
}

/** A case of the workspace by number; one elsewhere is as unknown as one that does not exist. */
export async function sheetCase(db: Db, workspaceId: string, number: number) {
  const [row] = await db
    .select({
      id: cases.id,
      number: cases.number,
      workspaceId: cases.workspaceId,
      ownerId: cases.ownerId,
      secondaryOwnerId: cases.secondaryOwnerId,
    })
    .from(cases)
    .where(and(eq(cases.workspaceId, workspaceId), eq(cases.number, number)));
  if (!row) throw notFound(`Case ${number}`);
  return row;
}

const stateOf = (row: { state: string }): SheetState =>
  isSheetState(row.state) ? row.state : "done";

/** The entry of this workspace, locked for the change, with its case's number and its holder. */
export async function lockSheetEntry(tx: Db, workspaceId: string, id: string) {
  const [found] = await tx
    .select({ entry: handoffSheetEntries, caseNumber: cases.number, holderName: users.name })
    .from(handoffSheetEntries)
    .innerJoin(cases, eq(cases.id, handoffSheetEntries.caseId))
    .leftJoin(users, eq(users.id, handoffSheetEntries.claimedBy))
    .where(and(eq(handoffSheetEntries.id, id), eq(handoffSheetEntries.workspaceId, workspaceId)))
    .for("update", { of: handoffSheetEntries });
  if (!found) throw notFound("Hand-off sheet entry");
  return {
    ...found.entry,
    state: stateOf(found.entry),
    caseNumber: found.caseNumber,
    claimedByName: found.holderName,
  };
}

const MOVE_ACTIONS: Record<SheetMove, Action> = {
  claim: "sheet.claim",
  release: "sheet.release",
  done: "sheet.complete",
  edit: "sheet.edit",
};

/** Whose entry it is for a move: its holder; for an edit also whoever added it. */
function moveTarget(
  move: SheetMove,
  entry: { workspaceId: string; addedBy: string; claimedBy: string | null },
): Target {
  const people = move === "edit" ? [entry.addedBy, entry.claimedBy] : [entry.claimedBy];
  return { workspaceId: entry.workspaceId, sheetPeople: people };
}

export function authorizeMove(
  actor: Actor,
  move: SheetMove,
  entry: { workspaceId: string; addedBy: string; claimedBy: string | null },
  policy: Policy,
): void {
  authorize(actor, MOVE_ACTIONS[move], moveTarget(move, entry), policy, "Hand-off sheet entry");
}

/** The moves this actor may make now: the state allows them and so do their rights. */
export function movesFor(
  actor: Actor,
  entry: { state: string; workspaceId: string; addedBy: string; claimedBy: string | null },
  policy: Policy,
): SheetMove[] {
  return movesFrom(stateOf(entry)).filter((m) =>
    can(actor, MOVE_ACTIONS[m], moveTarget(m, entry), policy),
  );
}

export interface SheetFilter {
  /** active: open or claimed (the default); all: done ones too. */
  state: "active" | "open" | "claimed" | "done" | "all";
  queue?: string | undefined;
  /** Only entries the actor holds. */
  mine?: boolean | undefined;
  ids?: readonly string[];
}

const STATES: Record<SheetFilter["state"], readonly SheetState[] | null> = {
  active: ["open", "claimed"],
  open: ["open"],
  claimed: ["claimed"],
  done: ["done"],
  all: null,
};

/** A workspace's entries with their cases, due soonest first, undated last, then oldest first. */
export async function sheetRows(
  db: Db,
  actor: Actor,
  workspaceId: string,
  filter: SheetFilter,
  limit: number,
) {
  const states = STATES[filter.state];
  const where: (SQL | undefined)[] = [
    eq(handoffSheetEntries.workspaceId, workspaceId),
    states ? inArray(handoffSheetEntries.state, [...states]) : undefined,
    filter.queue === undefined ? undefined : eq(handoffSheetEntries.queue, filter.queue),
    filter.mine ? eq(handoffSheetEntries.claimedBy, actor.userId) : undefined,
    filter.ids ? inArray(handoffSheetEntries.id, [...filter.ids]) : undefined,
  ];
  return db
    .select({
      entry: handoffSheetEntries,
      kase: {
        number: cases.number,
        subject: cases.subject,
        severity: cases.severity,
        status: cases.status,
        queue: cases.queue,
        ownerId: cases.ownerId,
      },
    })
    .from(handoffSheetEntries)
    .innerJoin(cases, eq(cases.id, handoffSheetEntries.caseId))
    .where(and(...where))
    .orderBy(
      sql`${handoffSheetEntries.dueAt} asc nulls last`,
      asc(handoffSheetEntries.createdAt),
      asc(handoffSheetEntries.id),
    )
    .limit(limit);
}

export type SheetListRow = Awaited<ReturnType<typeof sheetRows>>[number];
