// Reading transfers for display: labels, the step checklist, who a transfer waits on, the actions
// the caller may take, the inboxes, agent and region choices, and which queries a live event
// makes stale. Pure, so it is tested without a DOM.

import { t } from "i18next";
import { ApiError } from "../api/errors.ts";
import type {
  Agent,
  GuardFinding,
  GuardOutcome,
  ManualTransferStep,
  PolicyView,
  TransferKindOption,
  TransferPreview,
  TransferState,
  TransferStep,
  TransferStepRecord,
  TransferView,
} from "../api/types.ts";
import { activeLocale } from "../i18n/locale.ts";
import { listText } from "./format.ts";
import type { CaseEvent } from "./liveEvents.ts";

export const OPEN_STATES: readonly TransferState[] = [
  "awaiting_steps",
  "awaiting_approval",
  "awaiting_acceptance",
];

export function isOpenTransfer(state: string): boolean {
  return (OPEN_STATES as readonly string[]).includes(state);
}

const STATE_LABELS: Record<TransferState, string> = {
  awaiting_steps: "transfers.awaitingSteps",
  awaiting_approval: "transfers.awaitingApproval",
  awaiting_acceptance: "transfers.awaitingAcceptance",
  completed: "transfers.completed",
  rejected: "transfers.rejected",
  declined: "transfers.declined",
  withdrawn: "transfers.withdrawn",
  expired: "transfers.expired",
};

export function transferStateLabel(state: string): string {
  const key = STATE_LABELS[state as TransferState];
  return key ? t(key) : state.replaceAll("_", " ");
}

/** Badge colour of a state (the badge-* classes). */
export function transferStateTone(state: string): string {
  switch (state) {
    case "awaiting_approval":
      return "purple";
    case "awaiting_acceptance":
    case "awaiting_steps":
      return "blue";
    case "completed":
      return "green";
    case "rejected":
    case "declined":
    case "expired":
      return "red";
    default:
      return "gray";
  }
}

const STEP_LABELS: Record<TransferStep, string> = {
  notes_updated: "transfers.stepNotesUpdated",
  approval: "transfers.stepApproval",
  receiver_acceptance: "transfers.stepReceiverAcceptance",
  customer_notified: "transfers.stepCustomerNotified",
  handover_aligned: "transfers.stepHandoverAligned",
};

/** A transfer step done, in words: "Customer told". */
export function stepLabel(step: string): string {
  const key = STEP_LABELS[step as TransferStep];
  return key ? t(key) : step;
}

/** A step still to do, as the checklist names it: "Approval". */
const NEXT_STEP: Record<TransferStep, string> = {
  notes_updated: "transfers.checkNote",
  approval: "transfers.checkApproval",
  receiver_acceptance: "transfers.checkReceiver",
  customer_notified: "transfers.checkCustomerTold",
  handover_aligned: "transfers.checkAligned",
};

/** A step by the checklist's name for it ("Approval"), done or not; an unknown id as it is. */
export function stepName(step: string): string {
  const key = NEXT_STEP[step as TransferStep];
  return key ? t(key) : step;
}

/** How the customer was told; `label` is a message key. */
export const HOW_OPTIONS = [
  { value: "email", label: "transfers.howEmail" },
  { value: "phone", label: "transfers.howPhone" },
  { value: "chat", label: "transfers.howChat" },
  { value: "meeting", label: "transfers.howMeeting" },
  { value: "other", label: "transfers.howOther" },
] as const;

const roleName = (roles: PolicyView["roles"] | undefined, id: string) =>
  roles?.find((r) => r.id === id)?.name ?? id.replaceAll("_", " ");

/** "a supervisor", "a shift lead or a supervisor". */
export function approverText(
  approverRoles: readonly string[],
  roles?: PolicyView["roles"],
): string {
  if (approverRoles.length === 0) return t("transfers.anApprover");
  // The role names are the policy's. English says "a supervisor" (lower case, "a" or "an" by the
  // first letter); German names the role as it is.
  const people = approverRoles.map((r) => {
    const role = roleName(roles, r);
    const context = /^[aeiou]/i.test(role) ? "vowel" : "";
    return t("transfers.someoneWithRole", { role, roleLower: role.toLowerCase(), context });
  });
  return listText(people, "disjunction");
}

/** Who the open transfer waits on, in a sentence fragment: "Kenji Watanabe to accept". */
export function waitingOn(
  transfer: Pick<TransferView, "nextStep" | "target" | "requestedBy" | "state" | "from">,
  approverRoles: readonly string[],
  roles?: PolicyView["roles"],
): string | null {
  if (!isOpenTransfer(transfer.state)) return null;
  const requester = transfer.requestedBy?.name ?? t("transfers.theRequester");
  switch (transfer.nextStep) {
    case "approval":
      return t("transfers.waitingOnApproval", { who: approverText(approverRoles, roles) });
    case "receiver_acceptance":
      return t("transfers.waitingOnAcceptance", {
        who: transfer.target.agent?.name ?? t("transfers.theReceiver"),
      });
    case "customer_notified":
      return t("transfers.waitingOnCustomerNotified", { who: requester });
    case "notes_updated":
      return t("transfers.waitingOnNotes", { who: requester });
    case "handover_aligned":
      return t("transfers.waitingOnAlignment", {
        owner: transfer.from.owner?.name ?? t("transfers.theCaseOwner"),
        region: transfer.target.region ?? t("transfers.theReceivingRegion"),
      });
    default:
      return null;
  }
}

export interface StepProgress {
  step: TransferStep;
  label: string;
  done: TransferStepRecord | null;
  /** The first step not done yet: the one the transfer waits on. */
  current: boolean;
}

/** The required steps of a transfer in order, each done (by whom, when) or still to do. */
export function stepProgress(
  t: Pick<TransferView, "requiredSteps" | "steps" | "nextStep" | "state">,
): StepProgress[] {
  const open = isOpenTransfer(t.state);
  return t.requiredSteps.map((step) => ({
    step,
    label: stepLabel(step),
    done: t.steps.find((s) => s.step === step) ?? null,
    current: open && t.nextStep === step,
  }));
}

export type TransferAction = "approve" | "reject" | "accept" | "decline" | "withdraw";

export interface ActionSet {
  decisions: TransferAction[];
  /** Manual steps the caller may record now. */
  steps: ManualTransferStep[];
}

// Listed in the order the buttons show.
const MANUAL_STEPS: readonly ManualTransferStep[] = [
  "customer_notified",
  "notes_updated",
  "handover_aligned",
];

const DECISIONS: readonly TransferAction[] = ["approve", "reject", "accept", "decline", "withdraw"];

/** The server's `actions` as buttons, in a stable order (the way forward first). */
export function actionSet(actions: readonly string[]): ActionSet {
  const steps = MANUAL_STEPS.filter((s) => actions.includes(`step:${s}`));
  return { decisions: DECISIONS.filter((d) => actions.includes(d)), steps };
}

/** What the case page says once a transfer request went through. */
export function transferOutcome(
  transfer: Pick<TransferView, "caseNumber" | "state" | "target" | "nextStep">,
): string {
  if (transfer.state === "completed")
    return t("transfers.outcomeCompleted", {
      number: transfer.caseNumber,
      target: transfer.target.label,
    });
  return t("transfers.outcomeRequested", {
    target: transfer.target.label,
    next: transfer.nextStep ? t(NEXT_STEP[transfer.nextStep]) : t("transfers.nothing"),
  });
}

/** The case's open transfer (at most one) and the finished ones, newest first. */
export function openAndPast(items: readonly TransferView[]): {
  open: TransferView | null;
  past: TransferView[];
} {
  const open = items.find((t) => isOpenTransfer(t.state)) ?? null;
  return {
    open,
    past: items.filter((t) => t !== open).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  };
}

export interface Inbox {
  /** Requests for me to approve. */
  approvals: TransferView[];
  /** Transfers addressed to me to accept. */
  incoming: TransferView[];
  /** My own transfers waiting on a step I do (e.g. telling the customer). */
  myStepsToDo: TransferView[];
}

/** Splits GET /transfers?waiting=me into the approvals inbox and the incoming list. */
export function splitWaiting(items: readonly TransferView[]): Inbox {
  return {
    approvals: items.filter((t) => t.state === "awaiting_approval"),
    incoming: items.filter((t) => t.state === "awaiting_acceptance"),
    myStepsToDo: items.filter((t) => t.state === "awaiting_steps"),
  };
}

export function inboxCounts(items: readonly TransferView[]): {
  approvals: number;
  incoming: number;
} {
  const inbox = splitWaiting(items);
  return {
    approvals: inbox.approvals.length,
    incoming: inbox.incoming.length + inbox.myStepsToDo.length,
  };
}

/** Query keys a batch of live events makes stale beyond the case's own: the inboxes. */
export function transferKeysToInvalidate(events: readonly CaseEvent[]): (readonly unknown[])[] {
  return events.some((e) => e.action.startsWith("transfer.")) ? [["transfers"]] : [];
}

export type RegionRule = "same" | "other" | "any";

export interface AgentChoice {
  id: string;
  name: string;
  region: string | null;
  availability: Agent["availability"]["status"];
  /** "APAC · available", "EMEA · on leave until 12 May · other region". */
  label: string;
  /** Fits the kind and is available: listed first. */
  fits: boolean;
}

function dayMonth(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toLocaleDateString(activeLocale(), { day: "numeric", month: "short", timeZone: "UTC" });
}

/**
 * Agents to pick as receiver, with their region and availability, the owner left out. Those who
 * fit (available, right region for the kind) come first; the others stay pickable, since the
 * guards explain why Baton refuses them.
 */
export function agentChoices(
  agents: readonly Agent[],
  opts: { ownerId: string | null; ownerRegion: string | null; regionRule: RegionRule },
): AgentChoice[] {
  return agents
    .filter((a) => a.id !== opts.ownerId)
    .map((a) => {
      const status = a.availability.status;
      const until = status === "on_leave" ? dayMonth(a.availability.leaveUntil) : null;
      const regionFits =
        !opts.ownerRegion ||
        !a.region ||
        opts.regionRule === "any" ||
        (opts.regionRule === "same"
          ? a.region === opts.ownerRegion
          : a.region !== opts.ownerRegion);
      const parts = [
        a.region ?? t("transfers.noRegion"),
        status === "available"
          ? t("transfers.available")
          : status === "on_leave"
            ? until
              ? t("transfers.onLeaveUntil", { until })
              : t("transfers.onLeave")
            : t("transfers.offQueue"),
      ];
      if (!regionFits)
        parts.push(
          opts.regionRule === "same" ? t("transfers.otherRegion") : t("transfers.sameRegion"),
        );
      return {
        id: a.id,
        name: a.name,
        region: a.region,
        availability: status,
        label: `${a.name} — ${parts.join(" · ")}`,
        fits: status === "available" && regionFits,
      };
    })
    .sort((a, b) => Number(b.fits) - Number(a.fits) || a.name.localeCompare(b.name));
}

export interface RegionChoice {
  code: string;
  name: string;
  fits: boolean;
  note: string | null;
}

/** Regions for a queue target, marking the owner's own where the kind goes elsewhere. */
export function regionChoices(
  regions: readonly { code: string; name: string }[],
  rule: RegionRule,
  ownerRegion: string | null,
): RegionChoice[] {
  return regions.map((r) => {
    const mine = ownerRegion !== null && r.code === ownerRegion;
    const fits = !ownerRegion || rule === "any" || (rule === "same" ? mine : !mine);
    return {
      code: r.code,
      name: r.name,
      fits,
      note: mine ? t("transfers.yourRegion") : fits ? null : t("transfers.anotherRegion"),
    };
  });
}

const OUTCOME_RANK: Record<GuardOutcome, number> = { block: 0, require_approval: 1, warn: 2 };

/** A guard's outcome in words; the values are message keys. */
export const OUTCOME_LABELS: Record<GuardOutcome, string> = {
  block: "transfers.outcomeBlock",
  require_approval: "transfers.outcomeRequireApproval",
  warn: "transfers.outcomeWarn",
};

/** Guard findings, the most serious first (blocks, then approvals, then warnings). */
export function sortFindings(findings: readonly GuardFinding[]): GuardFinding[] {
  return [...findings].sort(
    (a, b) => (OUTCOME_RANK[a.outcome] ?? 3) - (OUTCOME_RANK[b.outcome] ?? 3),
  );
}

/**
 * The guard messages to show for the form as it stands: the preview's when there is one for
 * the current input, else what the options say blocks this kind and target type up front.
 */
export function guardsToShow(
  preview: Pick<TransferPreview, "guards"> | undefined,
  kind: Pick<TransferKindOption, "blockers"> | undefined,
  targetType: string,
): GuardFinding[] {
  if (preview) return sortFindings(preview.guards);
  return sortFindings(kind?.blockers.find((b) => b.targetType === targetType)?.guards ?? []);
}

export type CheckStatus = "done" | "missing" | "blocked" | "warn" | "later";

export interface CheckItem {
  id: string;
  label: string;
  status: CheckStatus;
  detail?: string;
}

export interface ChecklistInput {
  kind: Pick<TransferKindOption, "steps" | "approverRoles" | "asks24x7Confirmation"> | undefined;
  /** What the form still lacks, from formGaps. */
  gaps: readonly { field: string; message: string }[];
  /** The preview of the current input, if it came back. */
  preview: TransferPreview | undefined;
  /** A refusal of the preview (e.g. a region the kind does not go to). */
  previewError: string | null;
  confirmNextShift: boolean;
  myRole: string | undefined;
  receiverName: string | null;
  roles?: PolicyView["roles"];
}

/**
 * The transfer panel's checklist: what must be in order before submitting (done or still
 * missing), then the steps that follow in the kind's order and who does them.
 */
export function checklist(input: ChecklistInput): CheckItem[] {
  const { kind, gaps, preview } = input;
  const items: CheckItem[] = [];
  const gapFor = (prefix: string) => gaps.find((g) => g.field.startsWith(prefix));
  const kindGap = gapFor("kind");
  items.push({
    id: "kind",
    label: t("transfers.checkKind"),
    status: kindGap ? "missing" : "done",
    ...(kindGap ? { detail: kindGap.message } : {}),
  });
  const targetGap = gapFor("target");
  items.push({
    id: "target",
    label: t("transfers.checkTarget"),
    status: targetGap ? "missing" : input.previewError ? "blocked" : "done",
    ...(targetGap
      ? { detail: targetGap.message }
      : input.previewError
        ? { detail: input.previewError }
        : preview
          ? { detail: preview.target }
          : {}),
  });
  const reasonGap = gapFor("reason");
  items.push({
    id: "reason",
    label: t("transfers.checkReason"),
    status: reasonGap ? "missing" : "done",
    ...(reasonGap ? { detail: reasonGap.message } : {}),
  });
  if (kind?.asks24x7Confirmation)
    items.push({
      id: "confirmNextShift",
      label: t("transfers.checkNextShift"),
      status: input.confirmNextShift ? "done" : "missing",
      ...(input.confirmNextShift ? {} : { detail: t("transfers.checkNextShiftDetail") }),
    });
  if (preview) {
    const missing = preview.missingFields;
    items.push({
      id: "template",
      label: t("transfers.checkTemplate"),
      status: missing.length ? "missing" : "done",
      detail: missing.length
        ? t("transfers.stillEmpty", {
            fields: listText(missing.map((m) => m.message.replace(/ is required$/, ""))),
          })
        : t("transfers.everyFieldFilled"),
    });
    const blocks = preview.guards.filter((g) => g.outcome === "block");
    const warnings = preview.guards.filter((g) => g.outcome !== "block");
    items.push({
      id: "guards",
      label: t("transfers.checkGuards"),
      status: blocks.length ? "blocked" : warnings.length ? "warn" : "done",
      detail: blocks.length
        ? t("transfers.refusedBy", { guards: listText(blocks.map((b) => b.id)) })
        : warnings.length
          ? t("transfers.toNote", {
              count: warnings.length,
              guards: listText(warnings.map((w) => w.id)),
            })
          : t("transfers.noneRefuses"),
    });
  } else {
    items.push({
      id: "template",
      label: t("transfers.checkTemplate"),
      status: "missing",
      detail: t("transfers.checkTemplateLater"),
    });
  }
  const steps = preview?.requiredSteps ?? kind?.steps ?? [];
  const selfApproves = Boolean(input.myRole && kind?.approverRoles.includes(input.myRole));
  for (const step of steps) {
    if (step === "notes_updated")
      items.push({
        id: step,
        label: t("transfers.checkNote"),
        status: "later",
        detail: t("transfers.checkNoteDetail"),
      });
    else if (step === "approval")
      items.push({
        id: step,
        label: t("transfers.checkApproval"),
        status: "later",
        detail: selfApproves
          ? t("transfers.youApproveIt")
          : t("transfers.approvedBy", {
              who: approverText(kind?.approverRoles ?? [], input.roles),
            }),
      });
    else if (step === "receiver_acceptance")
      items.push({
        id: step,
        label: t("transfers.checkReceiver"),
        status: "later",
        detail: t("transfers.acceptsOrDeclines", {
          who: input.receiverName ?? t("transfers.theReceiverCapital"),
        }),
      });
    else if (step === "handover_aligned")
      items.push({
        id: step,
        label: t("transfers.checkAligned"),
        status: "later",
        detail: t("transfers.checkAlignedDetail"),
      });
    else if (step === "customer_notified")
      items.push({
        id: step,
        label: t("transfers.checkCustomerTold"),
        status: "later",
        detail: t("transfers.checkCustomerToldDetail"),
      });
  }
  items.push({
    id: "reassign",
    label: t("transfers.checkReassignment"),
    status: "later",
    detail: preview
      ? t("transfers.caseMovesTo", { target: preview.target })
      : t("transfers.caseMoves"),
  });
  return items;
}

/** Whether the panel may submit: complete input, and no fresh preview saying it is refused. */
export function canSubmit(opts: {
  hasBody: boolean;
  previewFresh: boolean;
  preview: Pick<TransferPreview, "blocked"> | undefined;
  previewRefused: boolean;
  submitting: boolean;
}): boolean {
  if (!opts.hasBody || opts.submitting) return false;
  if (opts.previewFresh && (opts.preview?.blocked || opts.previewRefused)) return false;
  return true;
}

/**
 * Places a refused decision's messages beside the decision form's fields (note, assignTo, how,
 * at); the rest, and every 409, goes above the form.
 */
export function placeActionErrors(
  error: unknown,
  known: readonly string[],
): { fields: Record<string, string>; general: string | null; conflict: boolean } {
  const out = {
    fields: {} as Record<string, string>,
    general: null as string | null,
    conflict: false,
  };
  if (!error) return out;
  if (!(error instanceof ApiError)) {
    out.general =
      error instanceof Error && error.message ? error.message : t("apiErrors.somethingWentWrong");
    return out;
  }
  if (error.status === 409) return { ...out, general: error.detail, conflict: true };
  let unplaced = error.fieldErrors.length === 0;
  for (const e of error.fieldErrors) {
    if (!known.includes(e.field)) {
      unplaced = true;
      continue;
    }
    const prefix = `${e.field}: `;
    out.fields[e.field] = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  }
  if (unplaced) out.general = error.detail;
  return out;
}
