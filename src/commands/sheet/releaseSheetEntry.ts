import type { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { said } from "../../domain/said.ts";
import { sheetWorkspace } from "../../loaders/sheet.ts";
import { presentSheetEntry } from "../../presenters/sheet.ts";
import { emit } from "../../writes/emit.ts";
import { moveSheetEntry, sheetEnvelope } from "../../writes/sheet.ts";
import type { sheetVersionInput } from "./claimSheetEntry.ts";

/** Gives a claimed entry back to the sheet: its holder, or a lead for someone who is away. */
export async function releaseSheetEntry(
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
    { id, move: "release", version: input.version },
    (held) => ({
      set: { state: "open", claimedBy: null, claimedAt: null },
      line:
        held.claimedBy === actor.userId
          ? `Hand-off sheet: released by ${actor.name}`
          : `Hand-off sheet: released by ${actor.name} for ${held.claimedByName ?? "its holder"}`,
      said: said("sheetReleased", {
        by: actor.name,
        for: held.claimedBy === actor.userId ? null : (held.claimedByName ?? ""),
      }),
    }),
    (tx, entry, updated) =>
      emit(tx, {
        name: "sheet.entry_released",
        ...sheetEnvelope(actor, updated, entry.caseNumber),
        data: { number: entry.caseNumber, version: updated.version, from: entry.claimedBy ?? "" },
      }),
  );
  return presentSheetEntry(db, actor, ws, id);
}
