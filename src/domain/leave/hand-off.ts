import { DateTime } from "luxon";
import type { FieldIssue } from "../errors.ts";
import type { Policy } from "../policy/schema.ts";
import { kindMismatch } from "../transfer/kind-applies.ts";
import type { TransferKind } from "../transfer/kind-schema.ts";

/** What the absent agent wrote of one case: what the transfer's template is filled from. */
export interface LeaveItemText {
  handedOff: string;
  validated: string;
  followUps: string;
  customerTold: boolean;
  /** The agent's answers to the kind's other questions, by field key. */
  answers: Record<string, string>;
}

export interface LeavePlanText {
  leaveUntil: Date;
  timeZone: string;
  outOfOfficeSet: boolean;
  callDiversionSet: boolean;
}

/**
 * The workspace's transfer kind for leave that applies to this case (one with a leave reason, in
 * the case's queue, 24x7 or not as the kind says; one made for leave first) and the reason that fits the length of the
 * absence: a "week" reason from five days on, else the first leave reason.
 */
export function leaveKindOf(
  policy: Policy,
  kase: { queue: string; is24x7: boolean },
  from: Date,
  until: Date,
): { kind: TransferKind; reason: string } | null {
  const fits = policy.transferKinds.filter(
    (k) => k.reasons.some((r) => r.isLeave) && !kindMismatch(k, kase),
  );
  // A kind made for leave (every reason a leave reason) before one that merely offers leave as
  // a reason, which its guards may refuse (S1.6: not back to the queue for leave).
  const kind = fits.find((k) => k.reasons.every((r) => r.isLeave)) ?? fits[0];
  if (!kind) return null;
  const reasons = kind.reasons.filter((r) => r.isLeave);
  const long = until.getTime() - from.getTime() >= 5 * 86_400_000;
  const pick = reasons.find((r) => r.code.includes(long ? "week" : "day")) ?? reasons[0];
  return pick ? { kind, reason: pick.code } : null;
}

/**
 * The answers to the leave kind's template, from what the agent wrote in the plan: the handed-off
 * items, the validation done so far, the follow-ups, the day they are back, whether calls are
 * diverted and the out-of-office reply set. A required free-text field the planner has no
 * answer for gets the whole account of the case (a prefill could be empty); a yes/no it cannot
 * answer is left for the transfer to refuse.
 */
export function leaveTransferFields(
  kind: TransferKind,
  item: LeaveItemText,
  plan: LeavePlanText,
): Record<string, string> {
  const yes = (b: boolean) => (b ? "Yes" : "No");
  const known: Record<string, string> = {
    ...item.answers,
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
    else if (f.required && f.kind !== "yesno" && f.kind !== "choice") fields[f.key] = account;
  }
  return fields;
}

/** The keys the planner answers from the plan itself; the kind's other questions are the agent's. */
const ANSWERED_BY_PLAN = new Set([
  "handed_off_items",
  "validation_done",
  "follow_ups",
  "back_on",
  "call_diversion_set",
  "out_of_office_set",
  "customer_told",
]);

/**
 * The questions of the leave kind's template the agent answers per case: the required ones the
 * plan cannot answer itself (a yes/no, a choice), and any optional ones. Free text that is
 * required is filled from the account of the case unless the agent answers it.
 */
export function leaveQuestions(kind: TransferKind) {
  return kind.template
    .filter((f) => !ANSWERED_BY_PLAN.has(f.key))
    .map((f) => ({
      key: f.key,
      label: f.label,
      kind: f.kind,
      choices: f.kind === "yesno" ? ["Yes", "No"] : (f.choices ?? []),
      required: f.required && (f.kind === "yesno" || f.kind === "choice"),
    }));
}

/** Answers that name no question of the kind, or give a yes/no or choice it does not offer. */
export function answerProblems(
  questions: ReturnType<typeof leaveQuestions>,
  answers: Record<string, string>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const q = questions.find((x) => x.key === key);
    if (!q)
      issues.push({ field: `answers.${key}`, message: "is not a question of this leave hand-off" });
    else if (q.choices.length && value !== "" && !q.choices.includes(value))
      issues.push({ field: `answers.${key}`, message: `answer one of ${q.choices.join(", ")}` });
  }
  return issues;
}
