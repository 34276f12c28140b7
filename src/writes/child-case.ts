import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { childCaseRequests } from "../db/schema.ts";
import type { ChildCaseReason, ChildCaseState } from "../domain/child-cases/requests.ts";
import { conflict } from "../domain/errors.ts";
import type { ChildCaseRecord } from "../loaders/child-cases.ts";
import { emit } from "./emit.ts";

const EVENT = {
  approved: "child_case.approved",
  declined: "child_case.declined",
  withdrawn: "child_case.withdrawn",
} as const;

/**
 * Moves a request (its row locked by the caller, the version the person saw checked) on; the
 * update also requires it still waits, so of two deciders the second changes nothing. One event
 * tells of it, on the parent case's record.
 */
export async function moveChildCase(
  tx: Db,
  r: ChildCaseRecord,
  input: {
    to: Exclude<ChildCaseState, "pending">;
    actorId: string;
    note: string | null;
    child: { id: string; number: number } | null;
  },
): Promise<ChildCaseRecord> {
  const now = new Date();
  const decides = input.to !== "withdrawn";
  const [row] = await tx
    .update(childCaseRequests)
    .set({
      state: input.to,
      ...(decides ? { decidedBy: input.actorId, decidedAt: now, decisionNote: input.note } : {}),
      childCaseId: input.child?.id ?? null,
      version: sql`${childCaseRequests.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(childCaseRequests.id, r.row.id),
        eq(childCaseRequests.version, r.row.version),
        eq(childCaseRequests.state, "pending"),
      ),
    )
    .returning();
  if (!row) throw staleRequest(r.row.version);
  const moved = { ...r, row, childNumber: input.child?.number ?? null };
  await emit(tx, {
    ...envelopeOf(moved, input.actorId),
    name: EVENT[input.to],
    data: dataOf(moved),
  });
  return moved;
}

export const staleRequest = (currentVersion: number) =>
  conflict("This request was changed by someone else; reload and try again", { currentVersion });

/** Where a request's events go: the parent case's record and live stream. */
export const envelopeOf = (r: ChildCaseRecord, actorId: string) => ({
  actorId,
  workspaceId: r.row.workspaceId,
  caseId: r.row.parentCaseId,
  caseNumber: r.parent.number,
  subjectId: r.row.id,
});

/** What every child-case event carries. */
export const dataOf = (r: ChildCaseRecord) => ({
  parentCaseNumber: r.parent.number,
  reason: r.row.reason as ChildCaseReason,
  subject: r.row.subject,
  requestedBy: r.row.requestedBy,
  requestedByName: r.requestedByName,
  note: r.row.decisionNote,
  childCaseNumber: r.childNumber,
});
