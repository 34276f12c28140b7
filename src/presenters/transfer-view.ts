import type { Actor } from "../auth/actor.ts";
import { allowedTransferActions } from "../domain/transfer/abilities.ts";
import type { AlignmentMember } from "../domain/transfer/alignment.ts";
import type { GuardFinding } from "../domain/transfer/guards.ts";
import type { TargetType, TransferStep } from "../domain/transfer/kind-schema.ts";
import {
  isOpen,
  pendingSteps,
  type StepRecord,
  type TransferState,
} from "../domain/transfer/machine.ts";
import type { TransferRow } from "../loaders/transfer-facts.ts";
import { transferFacts } from "../loaders/transfer-facts.ts";
import type { WorkspaceWithPolicy } from "../loaders/workspaces.ts";
import type { PersonRef } from "./cases.ts";

/**
 * A transfer as the API shows it to this actor, from rows already read: `ws` is the transfer's
 * workspace and `people` names everyone the transfer mentions (missing ones show as unknown).
 */
export function transferView(
  actor: Actor,
  t: TransferRow,
  kase: { number: number; subject: string; severity: string; ownerId: string | null },
  ws: WorkspaceWithPolicy,
  people: Map<string, PersonRef>,
  /** The viewer's region and SME flag; needed only while the alignment step is next. */
  member?: AlignmentMember,
) {
  const steps = t.steps as StepRecord[];
  const kind = ws.policy.transferKinds.find((k) => k.code === t.kind);
  const role = actor.memberships.find((m) => m.workspaceId === t.workspaceId)?.role;
  const open = isOpen(t.state);
  const next = open ? (pendingSteps(t.requiredSteps as TransferStep[], steps)[0] ?? null) : null;
  const actions = kind
    ? allowedTransferActions(
        { userId: actor.userId, role, member },
        transferFacts(t, kase.ownerId),
        kind,
      )
    : [];
  const person = (id: string | null) => (id ? (people.get(id) ?? { id, name: "(unknown)" }) : null);
  return {
    id: t.id,
    caseNumber: kase.number,
    caseSubject: kase.subject,
    caseSeverity: kase.severity,
    workspace: ws.slug,
    kind: t.kind,
    kindName: kind?.name ?? t.kind,
    // The columns are text; only the commands write them, with these values.
    state: t.state as TransferState,
    requestedBy: person(t.requestedBy),
    from: { owner: person(t.fromOwnerId), queue: t.fromQueue },
    target: {
      type: t.targetType as TargetType,
      agent: person(t.targetAgentId),
      queue: t.targetQueue,
      region: t.targetRegion,
      label: (t.artifacts as { targetLabel?: string }).targetLabel ?? t.targetType,
    },
    reason: t.reason,
    reasonLabel: kind?.reasons.find((r) => r.code === t.reason)?.label ?? t.reason,
    reasonText: t.reasonText,
    fields: t.template as Record<string, string>,
    requiredSteps: t.requiredSteps as TransferStep[],
    steps: steps.map((s) => ({ ...s, by: person(s.by) })),
    nextStep: next,
    warnings: t.warnings as GuardFinding[],
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
