import { DateTime } from "luxon";
import type { CaseStatus } from "../case-status.ts";
import type { Policy } from "../policy/schema.ts";
import type { ScheduleAgent, ScheduleCase } from "../schedule/facts.ts";
import { handoverTargetProblem } from "../schedule/handover-target.ts";
import type { GuardId, Reason, TargetType, TransferKind } from "./kind-schema.ts";
import { onLeave } from "./leave.ts";

export { onLeave };

export interface GuardCase {
  status: CaseStatus;
  is24x7: boolean;
  queue: string;
  product: string | null;
  stepsToReproduce: string;
  idleSince: Date;
}

export interface GuardAgent {
  availability: string;
  leaveFrom: Date | null;
  leaveUntil: Date | null;
  /** Who backs them up while on leave (the leave's backup), to suggest instead. */
  backupName?: string | null;
}

/** What `next-region-on-shift` reads: the case and the workspace's people as the schedule sees them. */
export interface GuardSchedule {
  kase: ScheduleCase;
  agents: readonly ScheduleAgent[];
}

export interface GuardContext {
  policy: Policy;
  kind: TransferKind;
  kase: GuardCase;
  targetType: TargetType;
  targetQueue: string | undefined;
  /** The region the case goes to (the agent's, or the one named with the queue). */
  targetRegion?: string | undefined;
  /** Loaded only when a kind switches on `next-region-on-shift`. */
  schedule?: GuardSchedule | undefined;
  reason: Reason | undefined;
  requesterMayAssign: boolean;
  receiver: GuardAgent | undefined;
  customerNeedsNextShift: boolean | undefined;
  /** Completed hand-offs of this case within the kind's ping-pong period. */
  recentHandoffs: number;
  now: Date;
}

export type GuardOutcome = "block" | "warn" | "require_approval";

export interface GuardFinding {
  id: GuardId;
  outcome: GuardOutcome;
  message: string;
}

type Guard = (ctx: GuardContext) => Omit<GuardFinding, "id"> | undefined;

const toQueue = (ctx: GuardContext) => ctx.targetType === "queue";

// Each guard returns undefined when it has nothing to say. Messages speak to the person asking.
const GUARDS: Record<GuardId, Guard> = {
  "not-awaiting-customer-confirmation": (ctx) =>
    toQueue(ctx) && ctx.kase.status === "solution_delivered"
      ? {
          outcome: "block",
          message:
            "The solution is delivered and only the customer's confirmation is awaited: keep the " +
            "case and close it when they confirm, rather than sending it back to the queue.",
        }
      : undefined,
  "no-back-to-queue-for-leave": (ctx) =>
    toQueue(ctx) && ctx.reason?.isLeave
      ? {
          outcome: "block",
          message:
            "Leave is not a reason to send a case back to the queue: ask a colleague in your " +
            "region to back you up, hand it to them, and set your out-of-office reply.",
        }
      : undefined,
  // Enforced by requiredSteps (the receiver's acceptance is added); nothing to refuse up front.
  "receiver-must-agree": () => undefined,
  "receiver-available": (ctx) => {
    const r = ctx.receiver;
    if (!r) return undefined;
    if (onLeave(r, ctx.now))
      return {
        outcome: "block",
        message: r.backupName
          ? `The receiver is on leave; ${r.backupName} backs them up: hand it to them instead.`
          : "The receiver is on leave; pick someone available.",
      };
    if (r.availability === "off_queue")
      return {
        outcome: "block",
        message: "The receiver is off queue right now; pick someone available or ask them first.",
      };
    return undefined;
  },
  "only-assigners-pick-agents": (ctx) =>
    ctx.targetType === "agent" && !ctx.requesterMayAssign
      ? {
          outcome: "block",
          message:
            "Only the shift lead assigns a case to a colleague: hand it to the queue with your " +
            "notes and the shift lead will pick who takes it.",
        }
      : undefined,
  // Applies to the decline action, not to the request.
  "decline-needs-approval": () => undefined,
  "confirm-next-shift-needed": (ctx) =>
    ctx.kase.is24x7 && ctx.customerNeedsNextShift !== true
      ? {
          outcome: "block",
          message:
            "Confirm with the customer that they need the next shift to keep working on this. If " +
            "not, lower the severity or clear 24x7 and keep the case.",
        }
      : undefined,
  "development-only-via-triage": (ctx) => {
    const g = ctx.policy.guardOptions;
    if (!toQueue(ctx) || !ctx.targetQueue || !g.developmentQueues.includes(ctx.targetQueue))
      return undefined;
    // Coming from triage is not enough: the kind itself must be triage's hand-off, or a generic
    // kind would skip the steps that keep the customer informed.
    const viaTriage =
      g.triageQueue !== undefined &&
      ctx.kase.queue === g.triageQueue &&
      ctx.kind.fromQueues.includes(g.triageQueue);
    return viaTriage
      ? undefined
      : {
          outcome: "block",
          message:
            "Cases reach development only through triage, so the customer keeps getting their " +
            "notifications: transfer it to triage first.",
        };
  },
  "triage-ready": (ctx) => {
    const triage = ctx.policy.guardOptions.triageQueue;
    if (!toQueue(ctx) || !triage || ctx.targetQueue !== triage) return undefined;
    const missing = [
      ctx.kase.product ? undefined : "the product",
      ctx.kase.stepsToReproduce.trim() ? undefined : "the steps to reproduce",
    ].filter(Boolean);
    return missing.length
      ? {
          outcome: "block",
          message: `Before triage, fill in ${missing.join(" and ")} from the bug submission template.`,
        }
      : undefined;
  },
  "idle-warning": (ctx) => {
    const hours = ctx.kind.idleWarningHours;
    if (hours === undefined) return undefined;
    const idle = DateTime.fromJSDate(ctx.now).diff(
      DateTime.fromJSDate(ctx.kase.idleSince),
      "hours",
    ).hours;
    return idle > hours
      ? {
          outcome: "warn",
          message: `The case has been idle for ${Math.floor(idle)} hours; transfer early next time rather than after it idles.`,
        }
      : undefined;
  },
  // S1.2: the next region of the owner's pair that is on shift when the owner's shift ends.
  "next-region-on-shift": (ctx) => {
    if (!ctx.schedule || !ctx.targetRegion || ctx.reason?.customerChoosesRegion) return undefined;
    const problem = handoverTargetProblem(
      ctx.policy,
      ctx.schedule.kase,
      ctx.schedule.agents,
      ctx.targetRegion,
      ctx.now,
    );
    return problem ? { outcome: "block", message: problem.message } : undefined;
  },
  "ping-pong": (ctx) => {
    const rule = ctx.kind.pingPong;
    if (!rule || ctx.recentHandoffs < rule.maxHandoffs) return undefined;
    const message = `This case has changed hands ${ctx.recentHandoffs} times in the last ${rule.periodHours} hours.`;
    return rule.action === "warn"
      ? { outcome: "warn", message }
      : {
          outcome: "require_approval",
          message: `${message} A lead must approve another hand-off.`,
        };
  },
};

/** The guards the kind switches on, plus ping-pong whenever the kind sets a limit. */
export function evaluateGuards(ctx: GuardContext): GuardFinding[] {
  const ids = new Set<GuardId>(ctx.kind.guards);
  if (ctx.kind.pingPong) ids.add("ping-pong");
  const findings: GuardFinding[] = [];
  for (const id of ids) {
    const found = GUARDS[id](ctx);
    if (found) findings.push({ id, ...found });
  }
  return findings;
}
