import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { isSheetState } from "../domain/sheet.ts";
import { movesFor, type SheetListRow, sheetRows } from "../loaders/sheet.ts";
import { namesOf, type PersonRef } from "./cases.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Entries as the API answers them, each with what this actor may do to it now. */
export async function presentSheetEntries(
  db: Db,
  actor: Actor,
  policy: Policy,
  rows: readonly SheetListRow[],
) {
  const people = await namesOf(
    db,
    rows.flatMap((r) => [r.kase.ownerId, r.entry.addedBy, r.entry.claimedBy, r.entry.doneBy]),
  );
  const person = (id: string | null): PersonRef | null =>
    id ? (people.get(id) ?? { id, name: "(unknown)" }) : null;
  return rows.map(({ entry, kase }) => ({
    id: entry.id,
    version: entry.version,
    state: isSheetState(entry.state) ? entry.state : ("done" as const),
    needs: entry.needs,
    dueAt: iso(entry.dueAt),
    queue: entry.queue,
    note: entry.note,
    case: {
      number: kase.number,
      subject: kase.subject,
      severity: kase.severity,
      status: kase.status,
      queue: kase.queue,
      owner: person(kase.ownerId),
    },
    addedBy: person(entry.addedBy),
    claimedBy: person(entry.claimedBy),
    claimedAt: iso(entry.claimedAt),
    doneBy: person(entry.doneBy),
    doneAt: iso(entry.doneAt),
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    actions: movesFor(actor, entry, policy),
  }));
}

export type SheetEntryView = Awaited<ReturnType<typeof presentSheetEntries>>[number];

/** One entry as the API answers it, read after the change that made it so. */
export async function presentSheetEntry(
  db: Db,
  actor: Actor,
  ws: { id: string; policy: Policy },
  id: string,
): Promise<SheetEntryView> {
  const rows = await sheetRows(db, actor, ws.id, { state: "all", ids: [id] }, 1);
  const [view] = await presentSheetEntries(db, actor, ws.policy, rows);
  if (!view) throw new Error("the hand-off sheet entry vanished after its change");
  return view;
}
