import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { activities, cases } from "../db/schema.ts";
import { describeChanges } from "../domain/case-changes.ts";
import { conflict } from "../domain/errors.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { CaseFieldUpdates } from "../domain/transfer/case-fields.ts";
import type { CaseRow } from "../loaders/cases.ts";
import { diff } from "./changes.ts";
import { emit } from "./emit.ts";

/**
 * Writes the case fields a transfer's answers filled (steps to reproduce, product) in the
 * request's transaction, with the timeline line and the audit event an edit of the case would
 * write. Returns the case as it now stands, its version bumped, for the rest of the request.
 */
export async function fillCaseFields(
  tx: Db,
  input: { actorId: string; row: CaseRow; updates: CaseFieldUpdates; policy: Policy; now: Date },
): Promise<CaseRow> {
  const { row, updates } = input;
  const changed = diff(row, { ...updates });
  if (Object.keys(changed).length === 0) return row;
  const [updated] = await tx
    .update(cases)
    .set({ ...updates, version: sql`${cases.version} + 1`, updatedAt: input.now })
    .where(and(eq(cases.id, row.id), eq(cases.version, row.version)))
    .returning({ version: cases.version });
  if (!updated) throw conflict(`Case ${row.number} changed meanwhile; try again`);
  await tx.insert(activities).values({
    caseId: row.id,
    kind: "system",
    visibility: "private",
    body: describeChanges(changed, { policy: input.policy, people: new Map() }),
    authorId: input.actorId,
    data: { event: "case.updated", changes: changed, source: "transfer" },
  });
  await emit(tx, {
    name: "case.updated",
    actorId: input.actorId,
    workspaceId: row.workspaceId,
    caseId: row.id,
    subjectId: String(row.number),
    caseNumber: row.number,
    data: { changes: changed, version: updated.version, source: "transfer" },
  });
  return { ...row, ...updates, version: updated.version, updatedAt: input.now };
}
