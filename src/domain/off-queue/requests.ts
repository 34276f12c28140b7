import type { RoleId } from "../permissions.ts";
import type { OffQueuePolicy } from "./policy.ts";

export const OFF_QUEUE_STATES = ["pending", "approved", "declined", "withdrawn", "ended"] as const;
export type OffQueueState = (typeof OFF_QUEUE_STATES)[number];

/** What someone may do with an off-queue request now. */
export const OFF_QUEUE_ACTIONS = ["approve", "decline", "withdraw", "end"] as const;
export type OffQueueAction = (typeof OFF_QUEUE_ACTIONS)[number];

export interface OffQueueRequestFacts {
  userId: string;
  state: OffQueueState;
}

export interface OffQueueActor {
  userId: string;
  role: RoleId | null;
}

/** Whether this person decides others' requests (and sees them all). */
export const mayApproveOffQueue = (policy: OffQueuePolicy, actor: OffQueueActor) =>
  actor.role !== null && policy.approverRoles.includes(actor.role);

/**
 * Who may do what with a request: an approver (not the requester) approves or declines a pending
 * one; the requester withdraws it while pending; once approved, the requester or an approver
 * ends it early. The one place this is decided; the API answers it as `actions`.
 */
export function offQueueAbilities(
  policy: OffQueuePolicy,
  actor: OffQueueActor,
  request: OffQueueRequestFacts,
): Record<OffQueueAction, boolean> {
  const own = actor.userId === request.userId;
  const approver = mayApproveOffQueue(policy, actor);
  return {
    approve: request.state === "pending" && approver && !own,
    decline: request.state === "pending" && approver && !own,
    withdraw: request.state === "pending" && own,
    end: request.state === "approved" && (own || approver),
  };
}

/** Whether this person goes off queue at once or must ask (S4.6). */
export function offQueueNeedsRequest(policy: OffQueuePolicy, actor: OffQueueActor): boolean {
  return policy.needsApproval && !mayApproveOffQueue(policy, actor);
}

/**
 * Why an action is refused: the request is no longer where the action needs it (a conflict: it
 * moved on meanwhile), or this person may not take it.
 */
export function offQueueRefusal(
  action: OffQueueAction,
  request: OffQueueRequestFacts,
): { kind: "state" | "who"; message: string } {
  const needs: Record<OffQueueAction, OffQueueState> = {
    approve: "pending",
    decline: "pending",
    withdraw: "pending",
    end: "approved",
  };
  if (request.state !== needs[action])
    return { kind: "state", message: `Cannot ${action}: this request is ${request.state}` };
  const who: Record<OffQueueAction, string> = {
    approve: "Only an approver other than the requester decides an off-queue request",
    decline: "Only an approver other than the requester decides an off-queue request",
    withdraw: "Only the requester withdraws an off-queue request",
    end: "Only the requester or an approver ends time off queue early",
  };
  return { kind: "who", message: who[action] };
}
