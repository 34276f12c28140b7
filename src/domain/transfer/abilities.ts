import { type AlignmentMember, alignmentRefusal, mayRecordAlignment } from "./alignment.ts";
import type { TransferKind, TransferStep } from "./kind-schema.ts";
import { isOpen, pendingSteps, type StepRecord, type TransferState } from "./machine.ts";

/**
 * Everything a person can do to a transfer once it is requested. The API lists the ones the
 * caller may do now as `actions`; the commands refuse the others with the verdict's sentence.
 */
export const TRANSFER_ACTIONS = [
  "approve",
  "reject",
  "accept",
  "decline",
  "withdraw",
  "step:notes_updated",
  "step:customer_notified",
  "step:handover_aligned",
] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];

/** Steps people do outside Baton and record afterwards. */
export const MANUAL_STEPS = [
  "notes_updated",
  "customer_notified",
  "handover_aligned",
] as const satisfies readonly TransferStep[];
export type ManualStep = (typeof MANUAL_STEPS)[number];

/** Who is asking, as far as a transfer cares: their id and their role in its workspace. */
export interface TransferActor {
  userId: string;
  /** Undefined when they are not a member of the transfer's workspace. */
  role: string | undefined;
  /** Their region and handover-SME flag; needed only for the alignment step. */
  member?: AlignmentMember | undefined;
}

/** The facts about a transfer and its case that decide who may act on it. */
export interface TransferFacts {
  state: TransferState;
  requestedBy: string;
  targetAgentId: string | null;
  caseOwnerId: string | null;
  /** The owner when the hand-off was asked for, and the region it goes to (alignment). */
  fromOwnerId: string | null;
  targetRegion: string | null;
  requiredSteps: readonly TransferStep[];
  steps: readonly StepRecord[];
  warnings: readonly { id: string; outcome: string }[];
}

/**
 * Why an action is refused. `stage` orders the checks a command makes: who may act at all (403)
 * comes before the version check (409), then the transfer's state (422), then the rest.
 */
export type Verdict =
  | { ok: true }
  | {
      ok: false;
      stage: "who" | "state" | "after";
      status: "forbidden" | "rule";
      code: string;
      message: string;
    };

const OK: Verdict = { ok: true };

const who = (message: string): Verdict => ({
  ok: false,
  stage: "who",
  status: "forbidden",
  code: "forbidden",
  message,
});

const words = (ids: readonly string[]) => ids.join(" or ").replaceAll("_", " ");

function inState(facts: TransferFacts, wanted: readonly TransferState[]): Verdict {
  if (wanted.includes(facts.state)) return OK;
  return {
    ok: false,
    stage: "state",
    status: "rule",
    code: "transfer_state",
    message: `This transfer is ${facts.state.replaceAll("_", " ")}; that action needs it ${words(wanted)}`,
  };
}

/**
 * A ping-pong limit that requires approval asks for a second pair of eyes: the approver who
 * requested the transfer does not approve it themselves.
 */
export function needsSecondApprover(findings: readonly { id: string; outcome: string }[]): boolean {
  return findings.some((f) => f.id === "ping-pong" && f.outcome === "require_approval");
}

const OPEN: readonly TransferState[] = [
  "awaiting_steps",
  "awaiting_approval",
  "awaiting_acceptance",
];

/** The first refusal wins; checks run in the order given. */
const first = (...checks: (() => Verdict)[]): Verdict => {
  for (const check of checks) {
    const verdict = check();
    if (!verdict.ok) return verdict;
  }
  return OK;
};

/**
 * The one place that decides who may act on a transfer, and when. Pure: the commands use it to
 * refuse, the API to list the caller's `actions`, and the web shows only those.
 */
export function transferAbilities(
  actor: TransferActor,
  facts: TransferFacts,
  kind: Pick<TransferKind, "approverRoles" | "guards">,
): Record<TransferAction, Verdict> {
  const approver = kind.approverRoles.some((r) => r === actor.role);
  const requester = facts.requestedBy === actor.userId;
  const receiver = facts.targetAgentId !== null && facts.targetAgentId === actor.userId;
  const owner = facts.caseOwnerId !== null && facts.caseOwnerId === actor.userId;
  const ownReview = (): Verdict =>
    requester && needsSecondApprover(facts.warnings)
      ? {
          ok: false,
          stage: "after",
          status: "forbidden",
          code: "four_eyes",
          message:
            "This case keeps changing hands, so another approver decides on a transfer you asked for",
        }
      : OK;
  const mustApprove = (): Verdict =>
    approver ? OK : who(`Only ${words(kind.approverRoles)} may approve this transfer`);
  const decide = (verb: string) => (): Verdict =>
    approver ? OK : who(`Only an approver may ${verb} this transfer`);

  const declineNeedsApproval = (): Verdict =>
    receiver && !approver && kind.guards.includes("decline-needs-approval")
      ? {
          ok: false,
          stage: "after",
          status: "rule",
          code: "decline-needs-approval",
          message: `Declining an assignment needs ${words(kind.approverRoles)}'s approval: ask them; they decline it for you`,
        }
      : OK;

  const step = (name: ManualStep) => (): Verdict => {
    if (name === "handover_aligned") {
      if (!mayRecordAlignment(actor.userId, facts, actor.member))
        return who(alignmentRefusal(facts));
    } else if (!requester && !owner && !approver)
      return who("Only the requester, the case owner or an approver records this step");
    const open = inState(facts, OPEN);
    if (!open.ok) return open;
    const next = pendingSteps(facts.requiredSteps, facts.steps)[0];
    if (next === name) return OK;
    return {
      ok: false,
      stage: "after",
      status: "rule",
      code: "step_out_of_order",
      message: next
        ? `Do "${next.replaceAll("_", " ")}" first: the steps go in the policy's order`
        : "Every step of this transfer is already done",
    };
  };

  const verdicts: Record<TransferAction, Verdict> = {
    approve: first(mustApprove, () => inState(facts, ["awaiting_approval"]), ownReview),
    reject: first(decide("reject"), () => inState(facts, ["awaiting_approval"]), ownReview),
    accept: first(
      () => (receiver ? OK : who("Only the receiving agent accepts a transfer")),
      () => inState(facts, ["awaiting_acceptance"]),
    ),
    decline: first(
      () =>
        receiver || approver
          ? OK
          : who("Only the receiving agent or an approver declines a transfer"),
      () => inState(facts, ["awaiting_acceptance"]),
      declineNeedsApproval,
    ),
    withdraw: first(
      () =>
        requester || approver ? OK : who("Only the requester or an approver withdraws a transfer"),
      () => inState(facts, OPEN),
    ),
    "step:notes_updated": first(step("notes_updated")),
    "step:customer_notified": first(step("customer_notified")),
    "step:handover_aligned": first(step("handover_aligned")),
  };
  return verdicts;
}

/** The actions the caller may take now, in a stable order. */
export function allowedTransferActions(
  actor: TransferActor,
  facts: TransferFacts,
  kind: Pick<TransferKind, "approverRoles" | "guards">,
): TransferAction[] {
  if (!isOpen(facts.state)) return [];
  const verdicts = transferAbilities(actor, facts, kind);
  return TRANSFER_ACTIONS.filter((a) => verdicts[a].ok);
}
