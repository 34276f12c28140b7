import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rowAsJson } from "../db/json-row.ts";
import { param, prepared } from "../db/prepared.ts";
import { activities, transfers } from "../db/schema.ts";
import { transferActivityInsert } from "./activity.ts";

/**
 * The handover note's insert, as the CTE `note` that a transfer's insert reads its
 * handover_note_id from (values noteBody, noteAuthorId, noteData; the case is `caseId`).
 */
export const handoverNoteCte = (db: Db) =>
  db.$with("note").as(transferActivityInsert(db, "note").returning({ id: activities.id }));

/**
 * A transfer's columns as placeholders, its id (`transferId`) named by the caller, so that the
 * statements beside it (the system line of a transfer completed at once) can quote it before it
 * is stored. The handover note's id is read from `note` (handoverNoteCte).
 */
export const transferValues = (note: ReturnType<typeof handoverNoteCte>) => ({
  id: sql.placeholder("transferId"),
  workspaceId: sql.placeholder("workspaceId"),
  caseId: sql.placeholder("caseId"),
  kind: sql.placeholder("kind"),
  state: sql.placeholder("state"),
  requestedBy: sql.placeholder("requestedBy"),
  fromOwnerId: sql.placeholder("fromOwnerId"),
  fromQueue: sql.placeholder("fromQueue"),
  targetType: sql.placeholder("targetType"),
  targetAgentId: sql.placeholder("targetAgentId"),
  targetQueue: sql.placeholder("targetQueue"),
  targetRegion: sql.placeholder("targetRegion"),
  targetWorkspaceId: sql.placeholder("targetWorkspaceId"),
  reason: sql.placeholder("reason"),
  reasonText: sql.placeholder("reasonText"),
  template: sql.placeholder("template"),
  requiredSteps: sql.placeholder("requiredSteps"),
  steps: sql.placeholder("steps"),
  warnings: sql.placeholder("warnings"),
  artifacts: sql.placeholder("artifacts"),
  newPriority: sql.placeholder("newPriority"),
  newBrand: sql.placeholder("newBrand"),
  newStatus: sql.placeholder("newStatus"),
  pin: sql.placeholder("pin"),
  pinUntil: param("pinUntil"),
  autoAssign: sql.placeholder("autoAssign"),
  comment: sql.placeholder("comment"),
  completedAt: param("completedAt"),
  // Not `version`: the reassignment beside it checks the case's version under that name.
  version: sql.placeholder("transferVersion"),
  handoverNoteId: sql`(select ${note.id} from ${note})`,
  expiresAt: param("expiresAt"),
  createdAt: sql.placeholder("now"),
  updatedAt: sql.placeholder("now"),
});

// The statements every transfer sends, built once (see src/db/prepared.ts); exported so the
// benchmark's bare-SQL floor sends exactly this statement. The handover note is inserted by the
// same statement, as a CTE the transfer's handover_note_id reads. If the one-open-per-case index
// refuses the transfer, the note stays until the caller's conflict rolls the transaction back,
// as it did when it was sent apart.
export const insertTransferStatement = (db: Db) => {
  const note = handoverNoteCte(db);
  return (
    db
      .with(note)
      .insert(transfers)
      .values(transferValues(note))
      .onConflictDoNothing()
      // The row as one JSON value: its 37 columns cost the drivers more one by one (json-row.ts).
      .returning({ row: rowAsJson(transfers) })
  );
};
const insertTransferRow = prepared("baton_insert_transfer", insertTransferStatement);

/** The transfer as inserted, or none when the one-open-per-case index refused it. */
export async function insertTransfer(
  db: Db,
  values: Record<string, unknown>,
): Promise<(typeof transfers.$inferSelect)[]> {
  return (await insertTransferRow(db, values)).map((r) => r.row);
}
