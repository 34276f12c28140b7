import { DateTime } from "luxon";
import type { Policy } from "../policy/schema.ts";
import type { TransferKind } from "../transfer/kind-schema.ts";

/** What the absent agent wrote of one case: what the transfer's template is filled from. */
export interface LeaveItemText {
  handedOff: string;
  validated: string;
  followUps: string;
  customerTold: boolean;
}

export interface LeavePlanText {
  leaveUntil: Date;
  timeZone: string;
  outOfOfficeSet: boolean;
  callDiversionSet: boolean;
}

/**
 * The workspace's transfer kind for leave (one with a leave reason) and the reason that fits the
 * length of the absence: a "week" reason from five days on, else the first leave reason.
 */
export function leaveKindOf(
  policy: Policy,
  from: Date,
  until: Date,
): { kind: TransferKind; reason: string } | null {
  const kind = policy.transferKinds.find((k) => k.reasons.some((r) => r.isLeave));
  if (!kind) return null;
  const reasons = kind.reasons.filter((r) => r.isLeave);
  const long = until.getTime() - from.getTime() >= 5 * 86_400_000;
  const pick = reasons.find((r) => r.code.includes(long ? "week" : "day")) ?? reasons[0];
  return pick ? { kind, reason: pick.code } : null;
}

/**
 * The answers to the leave kind's template, from what the agent wrote in the plan: the handed-off
 * items, the validation done so far, the follow-ups, the day they are back, whether calls are
 * diverted and the out-of-office reply set. A free-text field the planner has no answer for gets
 * the whole account of the case; a yes/no it cannot answer is left for the transfer to refuse.
 */
export function leaveTransferFields(
  kind: TransferKind,
  item: LeaveItemText,
  plan: LeavePlanText,
): Record<string, string> {
  const yes = (b: boolean) => (b ? "Yes" : "No");
  const known: Record<string, string> = {
    handed_off_items: item.handedOff,
    validation_done: item.validated,
    follow_ups: item.followUps,
    back_on: DateTime.fromJSDate(plan.leaveUntil, { zone: plan.timeZone }).toFormat(
      "ccc d LLL yyyy",
    ),
    call_diversion_set: yes(plan.callDiversionSet),
    out_of_office_set: yes(plan.outOfOfficeSet),
    customer_told: yes(item.customerTold),
  };
  const account = [
    `Handed off: ${item.handedOff}`,
    `Validated so far: ${item.validated}`,
    item.followUps ? `Follow-ups: ${item.followUps}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  const fields: Record<string, string> = {};
  for (const f of kind.template) {
    const answer = known[f.key];
    if (answer !== undefined) fields[f.key] = answer;
    else if (f.required && !f.prefill && f.kind !== "yesno" && f.kind !== "choice")
      fields[f.key] = account;
  }
  return fields;
}
