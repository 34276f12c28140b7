import type { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { said } from "../../domain/said.ts";
import { sheetWorkspace } from "../../loaders/sheet.ts";
import { presentSheetEntry } from "../../presenters/sheet.ts";
import { emit } from "../../writes/emit.ts";
import { moveSheetEntry, sheetEnvelope } from "../../writes/sheet.ts";
import type { sheetVersionInput } from "./claimSheetEntry.ts";

/** Marks an entry done: its holder, or a lead (an unclaimed one too). It leaves the open sheet. */
export async function completeSheetEntry(
  db: Db,
  actor: Actor,
  slug: string,
  id: string,
  input: z.infer<typeof sheetVersionInput>,
) {
  const ws = await sheetWorkspace(db, actor, slug);
  await moveSheetEntry(
    db,
    actor,
    ws,
    { id, move: "done", version: input.version },
    () => ({
      set: { state: "done", doneBy: actor.userId, doneAt: new Date() },
      line: `Hand-off sheet: done by ${actor.name}`,
      said: said("sheetDone", { by: actor.name }),
    }),
    (tx, entry, updated) =>
      emit(tx, {
        name: "sheet.entry_done",
        ...sheetEnvelope(actor, updated, entry.caseNumber),
        data: { number: entry.caseNumber, version: updated.version, claimedBy: entry.claimedBy },
      }),
  );
  return presentSheetEntry(db, actor, ws, id);
}
