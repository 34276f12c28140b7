import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { unknownRefs } from "../../domain/cases.ts";
import { DomainError } from "../../domain/errors.ts";
import { code, isoDateTime, safeText, toDate } from "../../domain/text.ts";
import { refuse } from "../../loaders/case-refs.ts";
import { sheetCase, sheetWorkspace } from "../../loaders/sheet.ts";
import { presentSheetEntry } from "../../presenters/sheet.ts";
import { insertSheetEntry } from "../../writes/sheet.ts";

const needs = safeText(500).refine((v) => v.trim().length > 0, "must not be blank");

export const sheetEntryFields = {
  needs: needs.describe("What the case needs, in a few words"),
  dueAt: isoDateTime.nullable().describe("By when (ISO 8601 with an offset); null for no date"),
  note: safeText(2_000).describe("Anything else the next person should know"),
};

export const addSheetEntryInput = z.strictObject({
  caseNumber: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe("The case's number"),
  needs: sheetEntryFields.needs,
  dueAt: sheetEntryFields.dueAt.optional(),
  queue: code.nullable().optional().describe("The queue (team) it is for, a code of the policy"),
  note: sheetEntryFields.note.default(""),
});
export type AddSheetEntryInput = z.input<typeof addSheetEntryInput>;

/**
 * Puts a case on the workspace's hand-off sheet: what it needs, by when, for which team. Anyone
 * who may see the case may; a case already on the sheet (open or claimed) is refused, 409.
 */
export async function addSheetEntry(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof addSheetEntryInput>,
) {
  const ws = await sheetWorkspace(db, actor, slug);
  const kase = await sheetCase(db, ws.id, input.caseNumber);
  authorize(
    actor,
    "sheet.add",
    { workspaceId: ws.id, caseOwners: [kase.ownerId, kase.secondaryOwnerId] },
    ws.policy,
    `Case ${input.caseNumber}`,
  );
  const issues = unknownRefs(ws.policy, { queue: input.queue ?? undefined });
  if (issues.length) refuse(issues);
  const id = await db.transaction(async (tx) => {
    const row = await insertSheetEntry(tx, actor.userId, {
      workspaceId: ws.id,
      caseId: kase.id,
      caseNumber: kase.number,
      needs: input.needs,
      dueAt: input.dueAt ? toDate(input.dueAt) : null,
      queue: input.queue ?? null,
      note: input.note,
    });
    if (!row)
      throw new DomainError(
        "conflict",
        "already_on_sheet",
        `caseNumber: case ${kase.number} is on the hand-off sheet already; claim or finish that entry`,
        { issues: [{ field: "caseNumber", message: "is on the hand-off sheet already" }] },
      );
    return row.id;
  });
  return presentSheetEntry(db, actor, ws, id);
}
