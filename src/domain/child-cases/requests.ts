import type { CaseStatus } from "../case-status.ts";
import type { RoleId } from "../permissions.ts";
import type { ChildCasesPolicy } from "./policy.ts";

export const CHILD_CASE_REASONS = ["second-issue", "new-issue-on-old-case"] as const;
export type ChildCaseReason = (typeof CHILD_CASE_REASONS)[number];

/** How a timeline or a notice says why the new case was opened. */
export const REASON_TEXT: Record<ChildCaseReason, string> = {
  "second-issue": "for a second issue",
  "new-issue-on-old-case": "for a new issue on an old case",
};

export const CHILD_CASE_STATES = ["pending", "approved", "declined", "withdrawn"] as const;
export type ChildCaseState = (typeof CHILD_CASE_STATES)[number];

export const CHILD_CASE_ACTIONS = ["approve", "decline", "withdraw"] as const;
export type ChildCaseAction = (typeof CHILD_CASE_ACTIONS)[number];

export interface ChildCaseActor {
  userId: string;
  role: RoleId | null;
}

export interface ChildCaseRequestFacts {
  requestedBy: string;
  state: ChildCaseState;
}

/** Whether this person decides others' requests (and sees them all). */
export const mayApproveChildCases = (policy: ChildCasesPolicy, actor: ChildCaseActor) =>
  actor.role !== null && policy.approverRoles.includes(actor.role);

/** Whether this person opens a new case from an existing one at once or must ask (S4.9). */
export const childCaseNeedsRequest = (policy: ChildCasesPolicy, actor: ChildCaseActor) =>
  policy.needsApproval && !mayApproveChildCases(policy, actor);

/**
 * Who may do what with a request: an approver other than the asker approves or declines a
 * pending one; the asker withdraws it while it waits. The API answers it as `actions`.
 */
export function childCaseAbilities(
  policy: ChildCasesPolicy,
  actor: ChildCaseActor,
  request: ChildCaseRequestFacts,
): Record<ChildCaseAction, boolean> {
  const pending = request.state === "pending";
  const own = actor.userId === request.requestedBy;
  const decides = pending && !own && mayApproveChildCases(policy, actor);
  return { approve: decides, decline: decides, withdraw: pending && own };
}

/** Why an action is refused: the request moved on (a conflict), or this person may not. */
export function childCaseRefusal(
  action: ChildCaseAction,
  request: ChildCaseRequestFacts,
): { kind: "state" | "who"; message: string } {
  if (request.state !== "pending")
    return { kind: "state", message: `Cannot ${action}: this request is ${request.state}` };
  return {
    kind: "who",
    message:
      action === "withdraw"
        ? "Only the asker withdraws a request for a new case"
        : "Only an approver other than the asker decides a request for a new case",
  };
}

const CLOSING: readonly CaseStatus[] = ["resolved", "closed"];

/**
 * Closing a parent while some of its children are still open is asked first: the answer names
 * them, and the caller repeats the change with the confirmation.
 */
export function openChildrenProblem(
  to: CaseStatus | undefined,
  openChildren: readonly number[],
  confirmed: boolean,
): string | null {
  if (!to || !CLOSING.includes(to) || openChildren.length === 0 || confirmed) return null;
  const list = openChildren.map((n) => `#${n}`).join(", ");
  return `status: ${openChildren.length === 1 ? "case" : "cases"} ${list} opened from this case ${openChildren.length === 1 ? "is" : "are"} still open; send confirmOpenChildren: true to ${to === "closed" ? "close" : "resolve"} it anyway`;
}
