import type { Actor } from "../../auth/actor.ts";
import { type AlignmentMember, mayRecordAlignment } from "../../domain/transfer/alignment.ts";
import { needsSecondApprover } from "../../domain/transfer/guards.ts";
import type { TransferStep } from "../../domain/transfer/kind-schema.ts";
import { isOpen, pendingSteps, type StepRecord } from "../../domain/transfer/machine.ts";
import type { PersonRef } from "../present.ts";
import type { WorkspaceWithPolicy } from "../workspaces.ts";
import type { TransferRow } from "./complete.ts";

/**
 * A transfer as the API shows it to this actor, from rows already read: `ws` is the transfer's
 * workspace and `people` names everyone the transfer mentions (missing ones show as unknown).
 */
export function transferView(
  actor: Actor,
  t: TransferRow,
  kase: { number: number; subject: string; severity: string },
  ws: WorkspaceWithPolicy,
  people: Map<string, PersonRef>,
  /** The viewer's region and SME flag; needed only while the alignment step is next. */
  member?: AlignmentMember,
) {
  const steps = t.steps as StepRecord[];
  const kind = ws.policy.transferKinds.find((k) => k.code === t.kind);
  const role = actor.memberships.find((m) => m.workspaceId === t.workspaceId)?.role;
  const ownRequest =
    t.requestedBy === actor.userId &&
    needsSecondApprover(t.warnings as { id: string; outcome: string }[]);
  const approver = Boolean(role && kind?.approverRoles.includes(role));
  const open = isOpen(t.state);
  const next = open ? (pendingSteps(t.requiredSteps as TransferStep[], steps)[0] ?? null) : null;
  const actions: string[] = [];
  if (open && t.state === "awaiting_approval" && approver && !ownRequest)
    actions.push("approve", "reject");
  if (open && t.state === "awaiting_acceptance" && t.targetAgentId === actor.userId)
    actions.push("accept", "decline");
  else if (open && t.state === "awaiting_acceptance" && approver) actions.push("decline");
  if (open && (t.requestedBy === actor.userId || approver)) actions.push("withdraw");
  if (open && (next === "customer_notified" || next === "notes_updated"))
    actions.push(`step:${next}`);
  if (open && next === "handover_aligned" && mayRecordAlignment(actor.userId, t, member))
    actions.push("step:handover_aligned");
  const person = (id: string | null) => (id ? (people.get(id) ?? { id, name: "(unknown)" }) : null);
  return {
    id: t.id,
    caseNumber: kase.number,
    caseSubject: kase.subject,
    caseSeverity: kase.severity,
    workspace: ws.slug,
    kind: t.kind,
    kindName: kind?.name ?? t.kind,
    state: t.state,
    requestedBy: person(t.requestedBy),
    from: { owner: person(t.fromOwnerId), queue: t.fromQueue },
    target: {
      type: t.targetType,
      agent: person(t.targetAgentId),
      queue: t.targetQueue,
      region: t.targetRegion,
      label: (t.artifacts as { targetLabel?: string }).targetLabel ?? t.targetType,
    },
    reason: t.reason,
    reasonLabel: kind?.reasons.find((r) => r.code === t.reason)?.label ?? t.reason,
    reasonText: t.reasonText,
    fields: t.template as Record<string, string>,
    requiredSteps: t.requiredSteps,
    steps: steps.map((s) => ({ ...s, by: person(s.by) })),
    nextStep: next,
    warnings: t.warnings as { id: string; outcome: string; message: string }[],
    artifacts: t.artifacts as Record<string, string | null>,
    newPriority: t.newPriority,
    newBrand: t.newBrand,
    newStatus: t.newStatus,
    pin: t.pin,
    pinUntil: t.pinUntil?.toISOString() ?? null,
    comment: t.comment,
    decidedBy: person(t.decidedBy),
    decisionNote: t.decisionNote,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    completedAt: t.completedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    version: t.version,
    actions,
  };
}

export type TransferView = ReturnType<typeof transferView>;
