import type { RoleId } from "../permissions.ts";
import { CHECK_WORDS, type LeaveCheck, type LeavePolicy } from "./policy.ts";

export const LEAVE_PLAN_STATES = ["draft", "submitted", "approved", "cancelled"] as const;
export type LeavePlanState = (typeof LEAVE_PLAN_STATES)[number];

export const LEAVE_ITEM_STATES = ["open", "requested", "handed_off", "kept"] as const;
export type LeaveItemState = (typeof LEAVE_ITEM_STATES)[number];

export const LEAVE_PLAN_ACTIONS = ["edit", "check", "submit", "cancel"] as const;
export type LeavePlanAction = (typeof LEAVE_PLAN_ACTIONS)[number];

export const LEAVE_ITEM_ACTIONS = ["edit", "approve", "keep"] as const;
export type LeaveItemAction = (typeof LEAVE_ITEM_ACTIONS)[number];

export interface LeaveActor {
  userId: string;
  role: RoleId | null;
}

export interface LeavePlanFacts {
  userId: string;
  state: LeavePlanState;
  leaveFrom: Date;
  leaveUntil: Date;
}

export interface LeaveItemFacts {
  state: LeaveItemState;
  /** Whether the item's transfer waits for an approver's word. */
  awaitingApproval: boolean;
}

/** Whether this person decides others' leave hand-offs (and sees every plan). */
export const mayApproveLeave = (policy: LeavePolicy, actor: LeaveActor) =>
  actor.role !== null && policy.approverRoles.includes(actor.role);

/**
 * What someone may do with a plan now. The one whose leave it is prepares it while it is a
 * draft (what each case needs, who should take it) and submits it; both they and an approver
 * cancel it before the leave starts; the checks (out-of-office, call diversion) are the
 * absent agent's to record until the leave ends.
 */
export function leavePlanAbilities(
  policy: LeavePolicy,
  actor: LeaveActor,
  plan: LeavePlanFacts,
  now: Date,
): Record<LeavePlanAction, boolean> {
  const own = actor.userId === plan.userId;
  const approver = mayApproveLeave(policy, actor);
  const live = plan.state !== "cancelled";
  return {
    edit: own && plan.state === "draft",
    check: own && live && now < plan.leaveUntil,
    submit: own && plan.state === "draft",
    cancel: live && (own || approver) && now < plan.leaveFrom,
  };
}

/**
 * What someone may do with one case of a plan: its owner describes it while the plan is a draft;
 * an approver other than the absent agent decides it once submitted, while its transfer waits.
 */
export function leaveItemAbilities(
  policy: LeavePolicy,
  actor: LeaveActor,
  plan: LeavePlanFacts,
  item: LeaveItemFacts,
): Record<LeaveItemAction, boolean> {
  const own = actor.userId === plan.userId;
  const deciding =
    plan.state === "submitted" &&
    item.state === "requested" &&
    item.awaitingApproval &&
    !own &&
    mayApproveLeave(policy, actor);
  return {
    edit: own && plan.state === "draft" && item.state === "open",
    approve: deciding,
    keep: deciding,
  };
}

/** Why an action on a plan is refused: the plan moved on (a conflict), or not this person's. */
export function leavePlanRefusal(
  action: LeavePlanAction | LeaveItemAction,
  plan: LeavePlanFacts,
): { kind: "state" | "who"; message: string } {
  const who: Record<LeavePlanAction | LeaveItemAction, string> = {
    edit: "Only the person going on leave prepares their plan",
    check: "Only the person going on leave records what they set up",
    submit: "Only the person going on leave submits their plan",
    cancel: "Only the person going on leave or an approver cancels a leave plan",
    approve: "Only an approver other than the person going on leave decides their hand-off",
    keep: "Only an approver other than the person going on leave decides their hand-off",
  };
  const needs: Partial<Record<LeavePlanAction | LeaveItemAction, LeavePlanState>> = {
    edit: "draft",
    submit: "draft",
    approve: "submitted",
    keep: "submitted",
  };
  const wanted = needs[action];
  if (plan.state === "cancelled" || (wanted && plan.state !== wanted))
    return { kind: "state", message: `Cannot ${action}: this leave plan is ${plan.state}` };
  return { kind: "who", message: who[action] };
}

/** The checks the policy asks for and whether each is done, as the plan and the lead see them. */
export function leaveChecks(
  policy: LeavePolicy,
  done: Record<LeaveCheck, Date | null>,
): { check: LeaveCheck; label: string; required: boolean; doneAt: Date | null }[] {
  return (Object.keys(CHECK_WORDS) as LeaveCheck[]).map((check) => ({
    check,
    label: CHECK_WORDS[check],
    required: policy.requires.includes(check),
    doneAt: done[check],
  }));
}

/** The required checks not done: what the lead hears of when the leave starts. */
export const missingChecks = (policy: LeavePolicy, done: Record<LeaveCheck, Date | null>) =>
  policy.requires.filter((c) => !done[c]).map((c) => CHECK_WORDS[c]);

/** Plain-language state of a plan's case, for the planner and the team email. */
export const ITEM_WORDS: Record<LeaveItemState, string> = {
  open: "to hand off",
  requested: "waiting for the shift lead",
  handed_off: "handed off",
  kept: "kept by its owner",
};
