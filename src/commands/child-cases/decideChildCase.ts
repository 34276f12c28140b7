import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { activities } from "../../db/schema.ts";
import {
  type ChildCaseAction,
  type ChildCaseReason,
  type ChildCaseState,
  childCaseAbilities,
  childCaseRefusal,
} from "../../domain/child-cases/requests.ts";
import { refusedMove, ruleBroken } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { safeText, slug } from "../../domain/text.ts";
import { type ChildCaseRecord, lockChildCaseRequest } from "../../loaders/child-cases.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import type { WorkspaceWithPolicy } from "../../loaders/workspaces.ts";
import { presentChildCase } from "../../presenters/child-cases.ts";
import { moveChildCase, staleRequest } from "../../writes/child-case.ts";
import { emit } from "../../writes/emit.ts";
import { caseDraft, openCase } from "../../writes/open-case.ts";

export const decideChildCaseInput = z.strictObject({
  workspace: slug,
  id: z.uuid(),
  version: rowVersion,
  note: safeText(2_000, 0)
    .optional()
    .describe("The approver's note: on approval it lands on the new case as a private note"),
});

const TO: Record<ChildCaseAction, Exclude<ChildCaseState, "pending">> = {
  approve: "approved",
  decline: "declined",
  withdraw: "withdrawn",
};

/**
 * Opens the approved case, owned by the asker and linked to its parent, with the approver's
 * private note on it (seed 004, rule 10: every approved ticket carries the shift lead's note).
 */
async function openApproved(
  tx: Db,
  ws: WorkspaceWithPolicy,
  r: ChildCaseRecord,
  approver: Actor,
  note: string | null,
) {
  const draft = caseDraft.parse(r.row.draft);
  const child = await openCase(tx, ws, r.row.requestedBy, draft, {
    id: r.row.parentCaseId,
    number: r.parent.number,
    reason: r.row.reason as ChildCaseReason,
    openedByName: r.requestedByName,
  });
  const body =
    note ?? `Approved as a new case from #${r.parent.number} for ${r.requestedByName} to own.`;
  const [activity] = await tx
    .insert(activities)
    .values({
      caseId: child.id,
      kind: "note",
      visibility: "private",
      body,
      authorId: approver.userId,
    })
    .returning({ id: activities.id });
  if (!activity) throw new Error("activity insert returned nothing");
  await emit(tx, {
    name: "case.note_added",
    actorId: approver.userId,
    workspaceId: ws.id,
    caseId: child.id,
    subjectId: String(activity.id),
    caseNumber: child.number,
    data: { number: child.number, visibility: "private", mentions: [] },
    facts: {
      activityId: activity.id,
      activity: "note",
      visibility: "private",
      body,
      caseSubject: child.subject,
      authorName: approver.name,
      mentions: [],
      language: ws.policy.defaults.language,
    },
  });
  return child;
}

/**
 * Moves a request for a new case on (S4.9): an approver approves it (the case opens now, in this
 * transaction) or declines it with a note; the asker withdraws it. Who may is decided by
 * `childCaseAbilities`; a request that no longer waits is a conflict.
 */
export async function decideChildCase(
  db: Db,
  actor: Actor,
  action: ChildCaseAction,
  input: z.infer<typeof decideChildCaseInput>,
) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const viewer = { userId: actor.userId, role: membershipIn(actor, ws.id)?.role ?? null };
  const rules = ws.policy.childCases;
  const note = input.note?.trim() || null;
  if (action === "decline" && !note)
    throw ruleBroken("note_required", "note: say why the new case is declined", "note");
  return db.transaction(async (tx) => {
    const r = await lockChildCaseRequest(tx, ws.id, input.id);
    const facts = { requestedBy: r.row.requestedBy, state: r.row.state as ChildCaseState };
    if (!childCaseAbilities(rules, viewer, facts)[action]) {
      throw refusedMove(childCaseRefusal(action, facts));
    }
    if (input.version !== r.row.version) throw staleRequest(r.row.version);
    const child = action === "approve" ? await openApproved(tx, ws, r, actor, note) : null;
    const moved = await moveChildCase(tx, r, {
      to: TO[action],
      actorId: actor.userId,
      note: action === "withdraw" ? null : note,
      child,
    });
    const decidedByName = action === "withdraw" ? moved.decidedByName : actor.name;
    return presentChildCase({ ...moved, decidedByName }, rules, viewer);
  });
}
