import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { handoffSheetEntries } from "../db/schema.ts";
import { conflict } from "../domain/errors.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { type Said, said } from "../domain/said.ts";
import { assertMove, assertVersion, type SheetMove } from "../domain/sheet.ts";
import { authorizeMove, lockSheetEntry } from "../loaders/sheet.ts";
import { addActivity } from "./activity.ts";
import { emit } from "./emit.ts";

type Changes = Partial<
  Pick<
    typeof handoffSheetEntries.$inferInsert,
    "state" | "claimedBy" | "claimedAt" | "doneBy" | "doneAt" | "needs" | "dueAt" | "note"
  >
>;

type Locked = Awaited<ReturnType<typeof lockSheetEntry>>;

/** The entry's new values and the timeline's line, in English and as a code (null: no line). */
interface SheetChange {
  set: Changes;
  line: string | null;
  said?: Said;
}

/**
 * A claim, release, completion or edit of a hand-off sheet entry, in one transaction: the entry
 * locked, its state checked before the actor's right (so that claiming an entry someone holds
 * says who), the version compared, the row changed and bumped, the line on the case's private
 * timeline, then `announce` emits the use case's event.
 */
export function moveSheetEntry(
  db: Db,
  actor: Actor,
  ws: { id: string; policy: Policy },
  move: { id: string; move: SheetMove; version: number },
  change: (entry: Locked) => SheetChange,
  announce: (
    tx: Db,
    entry: Locked,
    updated: typeof handoffSheetEntries.$inferSelect,
  ) => Promise<number>,
): Promise<void> {
  return db.transaction(async (tx) => {
    const { entry, updated } = await changeEntry(tx, actor, ws, move, change);
    await announce(tx, entry, updated);
  });
}

async function changeEntry(
  tx: Db,
  actor: Actor,
  ws: { id: string; policy: Policy },
  { id, move, version }: { id: string; move: SheetMove; version: number },
  change: (entry: Locked) => SheetChange,
) {
  const entry = await lockSheetEntry(tx, ws.id, id);
  assertMove(entry, move, actor.userId);
  authorizeMove(actor, move, entry, ws.policy);
  assertVersion(entry, version);
  const { set, line, said: coded } = change(entry);
  const [updated] = await tx
    .update(handoffSheetEntries)
    .set({ ...set, version: sql`${handoffSheetEntries.version} + 1`, updatedAt: new Date() })
    .where(and(eq(handoffSheetEntries.id, id), eq(handoffSheetEntries.version, version)))
    .returning();
  if (!updated) throw conflict("This hand-off sheet entry changed meanwhile; reload it");
  if (line)
    await addActivity(tx, {
      caseId: entry.caseId,
      kind: "system",
      visibility: "private",
      body: line,
      authorId: actor.userId,
      data: { event: "sheet", entryId: id, line: coded ?? null },
    });
  return { entry, updated };
}

/** Who, where and about what, for a hand-off sheet event. */
export const sheetEnvelope = (
  actor: Actor,
  entry: { id: string; workspaceId: string; caseId: string },
  caseNumber: number,
) => ({
  actorId: actor.userId,
  workspaceId: entry.workspaceId,
  caseId: entry.caseId,
  caseNumber,
  subjectId: entry.id,
});

/**
 * Puts a case on the sheet with its line on the case's private timeline and its event; null when
 * the case is on the sheet already (open or claimed). `claimedBy` puts it there already taken.
 */
export async function insertSheetEntry(
  tx: Db,
  actorId: string,
  entry: {
    workspaceId: string;
    caseId: string;
    caseNumber: number;
    needs: string;
    dueAt: Date | null;
    queue: string | null;
    note: string;
    claimedBy?: string | null;
  },
): Promise<typeof handoffSheetEntries.$inferSelect | null> {
  const claimed = entry.claimedBy
    ? { state: "claimed", claimedBy: entry.claimedBy, claimedAt: new Date() }
    : {};
  const [row] = await tx
    .insert(handoffSheetEntries)
    .values({
      workspaceId: entry.workspaceId,
      caseId: entry.caseId,
      needs: entry.needs,
      dueAt: entry.dueAt,
      queue: entry.queue,
      note: entry.note,
      addedBy: actorId,
      ...claimed,
    })
    // The one-open-entry-per-case index: a second add while one is open or claimed.
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await addActivity(tx, {
    caseId: entry.caseId,
    kind: "system",
    visibility: "private",
    body: `Added to the hand-off sheet: ${row.needs}`,
    authorId: actorId,
    data: { event: "sheet", entryId: row.id, line: said("sheetAdded", { needs: row.needs }) },
  });
  await emit(tx, {
    name: "sheet.entry_added",
    actorId,
    workspaceId: row.workspaceId,
    caseId: row.caseId,
    caseNumber: entry.caseNumber,
    subjectId: row.id,
    data: {
      number: entry.caseNumber,
      version: row.version,
      needs: row.needs,
      dueAt: row.dueAt?.toISOString() ?? null,
      queue: row.queue,
      note: row.note,
    },
  });
  return row;
}
