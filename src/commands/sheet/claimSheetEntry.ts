import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { said } from "../../domain/said.ts";
import { sheetWorkspace } from "../../loaders/sheet.ts";
import { presentSheetEntry } from "../../presenters/sheet.ts";
import { emit } from "../../writes/emit.ts";
import { moveSheetEntry, sheetEnvelope } from "../../writes/sheet.ts";

export const sheetVersionInput = z.strictObject({
  version: rowVersion.describe("The entry's version as you last read it"),
});

/** Takes an open entry: it is mine to work until I release or finish it. */
export async function claimSheetEntry(
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
    { id, move: "claim", version: input.version },
    () => ({
      set: { state: "claimed", claimedBy: actor.userId, claimedAt: new Date() },
      line: `Hand-off sheet: claimed by ${actor.name}`,
      said: said("sheetClaimed", { by: actor.name }),
    }),
    (tx, entry, updated) =>
      emit(tx, {
        name: "sheet.entry_claimed",
        ...sheetEnvelope(actor, updated, entry.caseNumber),
        data: { number: entry.caseNumber, version: updated.version },
      }),
  );
  return presentSheetEntry(db, actor, ws, id);
}
