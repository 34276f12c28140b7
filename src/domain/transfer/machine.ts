import type { TargetType, TransferKind, TransferStep } from "./kind-schema.ts";

export const TRANSFER_STATES = [
  "awaiting_steps",
  "awaiting_approval",
  "awaiting_acceptance",
  "completed",
  "rejected",
  "declined",
  "withdrawn",
  "expired",
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

export const OPEN_TRANSFER_STATES: readonly TransferState[] = [
  "awaiting_steps",
  "awaiting_approval",
  "awaiting_acceptance",
];

export interface StepRecord {
  step: TransferStep;
  by: string;
  at: string;
  note?: string;
  how?: string;
}

/**
 * The steps this transfer needs, in order. A named receiver always agrees first where the kind
 * says so (S0.5); a queue has no single receiver to agree; a ping-pong case needs approval.
 */
export function requiredSteps(
  kind: TransferKind,
  targetType: TargetType,
  options: { approvalForced?: boolean } = {},
): TransferStep[] {
  let steps = [...kind.steps];
  if (targetType !== "agent") steps = steps.filter((s) => s !== "receiver_acceptance");
  if (
    targetType === "agent" &&
    kind.guards.includes("receiver-must-agree") &&
    !steps.includes("receiver_acceptance")
  ) {
    const at = steps.indexOf("customer_notified");
    steps.splice(at < 0 ? steps.length : at, 0, "receiver_acceptance");
  }
  // S1.2: the case goes back to the queue once aligned in the handover meeting.
  if (kind.alignmentBeforeQueue && targetType === "queue" && !steps.includes("handover_aligned"))
    steps.splice(steps.indexOf("notes_updated") + 1, 0, "handover_aligned");
  if (options.approvalForced && !steps.includes("approval")) {
    const at = steps.indexOf("notes_updated") + 1;
    steps.splice(at, 0, "approval");
  }
  return steps;
}

export function pendingSteps(required: readonly TransferStep[], done: readonly StepRecord[]) {
  const finished = new Set(done.map((d) => d.step));
  return required.filter((s) => !finished.has(s));
}

/** Open transfers wait on their first pending step; none pending means it can complete. */
export function stateFor(
  required: readonly TransferStep[],
  done: readonly StepRecord[],
): TransferState {
  const next = pendingSteps(required, done)[0];
  if (!next) return "completed";
  if (next === "approval") return "awaiting_approval";
  if (next === "receiver_acceptance") return "awaiting_acceptance";
  return "awaiting_steps";
}

/** Steps happen in the policy's order (S0.3): a step waits for every step before it. */
export function nextStep(
  required: readonly TransferStep[],
  done: readonly StepRecord[],
): TransferStep | undefined {
  return pendingSteps(required, done)[0];
}

const MINUTE_MS = 60_000;

/**
 * A step recorded after the fact must not claim to precede the steps before it (S0.3's order:
 * the customer is told after the receiver agreed, not before). Returns the problem, if any.
 */
export function stepTimeProblem(done: readonly StepRecord[], at: Date): string | undefined {
  const latest = done.reduce<StepRecord | undefined>(
    (last, d) => (!last || Date.parse(d.at) > Date.parse(last.at) ? d : last),
    undefined,
  );
  // People enter times to the minute, so a step stamped within the minute before is in order.
  if (!latest || Date.parse(latest.at) - at.getTime() < MINUTE_MS) return undefined;
  const step = latest.step.replaceAll("_", " ");
  return `cannot be before the previous step (${step}, at ${latest.at}); steps happen in order`;
}

export const isOpen = (state: string): boolean =>
  (OPEN_TRANSFER_STATES as readonly string[]).includes(state);
