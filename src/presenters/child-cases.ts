import type { ChildCasesPolicy } from "../domain/child-cases/policy.ts";
import {
  type ChildCaseActor,
  type ChildCaseReason,
  type ChildCaseState,
  childCaseAbilities,
} from "../domain/child-cases/requests.ts";
import type { ChildCaseRecord } from "../loaders/child-cases.ts";

/** A request for a new case as the API answers it, with what the viewer may do with it. */
export function presentChildCase(
  r: ChildCaseRecord,
  policy: ChildCasesPolicy,
  viewer: ChildCaseActor,
) {
  const state = r.row.state as ChildCaseState;
  return {
    id: r.row.id,
    parent: r.parent,
    reason: r.row.reason as ChildCaseReason,
    subject: r.row.subject,
    requestedBy: { id: r.row.requestedBy, name: r.requestedByName },
    state,
    childCaseNumber: r.childNumber,
    decidedBy: r.row.decidedBy ? { id: r.row.decidedBy, name: r.decidedByName ?? "" } : null,
    decidedAt: r.row.decidedAt ? r.row.decidedAt.toISOString() : null,
    decisionNote: r.row.decisionNote,
    version: r.row.version,
    createdAt: r.row.createdAt.toISOString(),
    actions: childCaseAbilities(policy, viewer, { requestedBy: r.row.requestedBy, state }),
  };
}
