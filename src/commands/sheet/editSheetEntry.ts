import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { said as coded } from "../../domain/said.ts";
import { toDate } from "../../domain/text.ts";
import { sheetWorkspace } from "../../loaders/sheet.ts";
import { presentSheetEntry } from "../../presenters/sheet.ts";
import { emit } from "../../writes/emit.ts";
import { moveSheetEntry, sheetEnvelope } from "../../writes/sheet.ts";
import { sheetEntryFields } from "./addSheetEntry.ts";

export const editSheetEntryInput = z
  .strictObject({
    version: rowVersion.describe("The entry's version as you last read it"),
    needs: sheetEntryFields.needs.optional(),
    dueAt: sheetEntryFields.dueAt.optional(),
    note: sheetEntryFields.note.optional(),
  })
  .refine((v) => v.needs !== undefined || v.dueAt !== undefined || v.note !== undefined, {
    message: "name at least one of needs, dueAt and note",
    path: ["needs"],
  });

const FIELD_WORDS = { needs: "what it needs", dueAt: "the due date", note: "the note" } as const;

/** Changes what an entry needs, by when, or its note: whoever added or holds it, or a lead. */
export async function editSheetEntry(
  db: Db,
  actor: Actor,
  slug: string,
  id: string,
  input: z.infer<typeof editSheetEntryInput>,
) {
  const ws = await sheetWorkspace(db, actor, slug);
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  await moveSheetEntry(
    db,
    actor,
    ws,
    { id, move: "edit", version: input.version },
    (before) => {
      const dueAt =
        input.dueAt === undefined ? undefined : input.dueAt === null ? null : toDate(input.dueAt);
      const from = {
        needs: before.needs,
        dueAt: before.dueAt?.toISOString() ?? null,
        note: before.note,
      };
      const to = {
        needs: input.needs,
        dueAt: dueAt === undefined ? undefined : (dueAt?.toISOString() ?? null),
        note: input.note,
      };
      for (const key of ["needs", "dueAt", "note"] as const)
        if (to[key] !== undefined && to[key] !== from[key])
          changes[key] = { from: from[key], to: to[key] };
      const said = Object.keys(changes).map((k) => FIELD_WORDS[k as keyof typeof FIELD_WORDS]);
      return {
        set: {
          ...(input.needs === undefined ? {} : { needs: input.needs }),
          ...(dueAt === undefined ? {} : { dueAt }),
          ...(input.note === undefined ? {} : { note: input.note }),
        },
        line: said.length ? `Hand-off sheet: ${actor.name} changed ${said.join(", ")}` : null,
        // The fields as codes, in the order the English names them.
        said: coded("sheetChanged", { by: actor.name, fields: Object.keys(changes).join(",") }),
      };
    },
    (tx, entry, updated) =>
      emit(tx, {
        name: "sheet.entry_changed",
        ...sheetEnvelope(actor, updated, entry.caseNumber),
        data: { number: entry.caseNumber, version: updated.version, changes },
      }),
  );
  return presentSheetEntry(db, actor, ws, id);
}
