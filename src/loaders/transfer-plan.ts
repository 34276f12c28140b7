import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { membershipIn } from "../auth/actor.ts";
import { can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { memberships, transfers, users } from "../db/schema.ts";
import type { CaseStatus } from "../domain/case-status.ts";
import { DomainError, type FieldIssue, invalid, ruleBroken } from "../domain/errors.ts";
import type { Policy, TransferKind } from "../domain/policy/schema.ts";
import { checkAnswers } from "../domain/transfer/answers.ts";
import { type CaseFieldUpdates, caseFieldsFromAnswers } from "../domain/transfer/case-fields.ts";
import {
  evaluateGuards,
  type GuardCase,
  type GuardFinding,
  type GuardSchedule,
} from "../domain/transfer/guards.ts";
import type { RequestTransferInput } from "../domain/transfer/inputs.ts";
import { kindMismatch } from "../domain/transfer/kind-applies.ts";
import type { Reason, TargetType, TransferStep } from "../domain/transfer/kind-schema.ts";
import { onLeave } from "../domain/transfer/leave.ts";
import { requiredSteps } from "../domain/transfer/machine.ts";
import {
  type Artifacts,
  missingFields,
  prefill,
  renderArtifacts,
  renderNote,
} from "../domain/transfer/render.ts";
import { personById } from "./case-clocks.ts";
import { type CaseContext, caseContext } from "./case-context.ts";
import type { LoadedCase } from "./cases.ts";
import { scheduleAgents, scheduleCases } from "./schedule.ts";
import { type WorkspaceWithPolicy, workspaceBySlug } from "./workspaces.ts";

export interface ResolvedTarget {
  type: TargetType;
  agentId: string | null;
  agentName: string | null;
  /** The agent's region in the workspace (their membership): their SLA calendar. */
  agentRegion: string | null;
  queue: string | null;
  region: string | null;
  workspace: WorkspaceWithPolicy | null;
  label: string;
  /** The queue's distribution method picks the agent once the transfer completes. */
  autoAssign: boolean;
}

export interface TransferPlan {
  kind: TransferKind;
  target: ResolvedTarget;
  reason: Reason;
  values: Record<string, string>;
  findings: GuardFinding[];
  required: TransferStep[];
  note: string;
  artifacts: Artifacts;
  newStatus: CaseStatus;
  /** The case owner's name, for the view of the transfer this plan creates. */
  ownerName: string | null;
  /** Case fields the answers fill (steps to reproduce, product), written with the request. */
  caseUpdates: CaseFieldUpdates;
}

export function kindOf(policy: Policy, kindCode: string): TransferKind {
  const kind = policy.transferKinds.find((k) => k.code === kindCode);
  if (!kind)
    throw ruleBroken("unknown_transfer_kind", `kind: no transfer kind "${kindCode}" here`, "kind");
  return kind;
}

/** What the guards look at in a case. */
export const guardCase = (row: LoadedCase["row"]): GuardCase => ({
  status: row.status as CaseStatus,
  is24x7: row.is24x7,
  queue: row.queue,
  product: row.product,
  stepsToReproduce: row.stepsToReproduce,
  idleSince: row.idleSince,
});

async function agentInWorkspace(db: Db, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ user: users, m: memberships })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.id, userId), eq(memberships.workspaceId, workspaceId)));
  return row;
}

export async function ownerRegion(db: Db, loaded: LoadedCase): Promise<string | null> {
  const ownerId = loaded.row.ownerId;
  if (!ownerId) return loaded.row.region;
  const owner = await agentInWorkspace(db, loaded.row.workspaceId, ownerId);
  return owner?.m.region ?? loaded.row.region;
}

/**
 * Everything Baton decides about a proposed transfer, without writing anything: used by the
 * preview, by the create command and by the options list. Input errors throw; guard findings
 * are returned so the caller decides whether they block.
 */
export async function planTransfer(
  db: Db,
  actor: Actor,
  loaded: LoadedCase,
  input: RequestTransferInput,
  now: Date,
  context?: CaseContext,
): Promise<TransferPlan> {
  const { row, workspace } = loaded;
  const policy = workspace.policy;
  const kind = kindOf(policy, input.kind);
  const mismatch = kindMismatch(kind, row);
  if (mismatch) throw ruleBroken("kind_not_applicable", `kind: ${kind.name} ${mismatch}`, "kind");

  const reason = kind.reasons.find((r) => r.code === input.reason);
  if (!reason)
    throw ruleBroken(
      "reason-fits-kind",
      `reason: "${input.reason}" is not a reason for ${kind.name}; choose one of ${kind.reasons.map((r) => r.code).join(", ")}`,
      "reason",
    );
  if (reason.requiresText && !input.reasonText?.trim())
    throw ruleBroken(
      "reason_text_required",
      "reasonText: this reason needs a few words of why",
      "reasonText",
    );

  const target = await resolveTarget(db, loaded, kind, input.target);
  const issues: FieldIssue[] = [];
  // A queue has no region of its own in some policies; then the requester names the region,
  // also where the artifacts name it ("Need {region} SE", S1.3).
  const artifactsNameRegion = Object.values(kind.artifacts).some((a) => a?.includes("{region}"));
  if ((kind.region !== "any" || artifactsNameRegion) && target.type === "queue" && !target.region)
    issues.push({ field: "target.region", message: "name the region that should take the case" });
  if (target.type === "agent" && target.agentId === row.ownerId)
    issues.push({ field: "target.agentId", message: "already owns the case" });
  if (kind.region !== "any" && target.region) {
    const from = await ownerRegion(db, loaded);
    if (from && kind.region === "same" && target.region !== from)
      issues.push({ field: "target", message: `${kind.name} stays within ${from}` });
    if (from && kind.region === "other" && target.region === from)
      issues.push({ field: "target", message: `${kind.name} goes to another region than ${from}` });
  }
  if (input.newPriority && !policy.priorities.some((p) => p.code === input.newPriority))
    issues.push({ field: "newPriority", message: `unknown priority ${input.newPriority}` });
  if (
    input.newBrand &&
    !(target.workspace?.policy ?? policy).brands.some((b) => b.code === input.newBrand)
  )
    issues.push({ field: "newBrand", message: `unknown brand ${input.newBrand}` });
  if (input.pin && target.type !== "agent")
    issues.push({ field: "pin", message: "only a transfer to an agent can pin the case" });
  if (issues.length)
    throw new DomainError(
      "rule",
      "invalid_target",
      issues.map((i) => `${i.field}: ${i.message}`).join("; "),
      { issues },
    );

  const unknownFields = Object.keys(input.fields).filter(
    (k) => !kind.template.some((f) => f.key === k),
  );
  if (unknownFields.length)
    throw invalid(`fields.${unknownFields[0]}`, `is not a field of the ${kind.name} template`);

  const answers = checkAnswers(kind, input.fields);
  if (answers.issues.length)
    throw new DomainError(
      "rule",
      "invalid_answer",
      answers.issues.map((i) => `${i.field}: ${i.message}`).join("; "),
      { issues: answers.issues },
    );

  const { facts, ownerName } = context ?? (await caseContext(db, loaded));
  const values = {
    ...prefill(kind, facts, { region: target.region ?? undefined, label: target.label }),
  };
  for (const [key, value] of Object.entries(answers.values)) values[key] = value;

  const caseUpdates = caseFieldsFromAnswers(kind, answers.values, row, policy);
  const receiver =
    target.type === "agent" && target.agentId
      ? await agentInWorkspace(db, row.workspaceId, target.agentId)
      : undefined;
  const recentHandoffs = kind.pingPong
    ? await recentHandoffCount(db, row.id, kind.pingPong.periodHours, now)
    : 0;
  const member = membershipIn(actor, row.workspaceId);
  const schedule = await guardSchedule(db, kind, row, target.region);
  const findings = evaluateGuards({
    policy,
    kind,
    kase: { ...guardCase(row), ...caseUpdates },
    targetType: target.type,
    targetQueue: target.queue ?? undefined,
    targetRegion: target.region ?? undefined,
    schedule,
    reason,
    requesterMayAssign: member
      ? can(actor, "case.assign", { workspaceId: row.workspaceId }, policy)
      : false,
    receiver: receiver
      ? {
          availability: receiver.user.availability,
          leaveFrom: receiver.user.leaveFrom,
          leaveUntil: receiver.user.leaveUntil,
          // Read only when the refusal will name them.
          backupName:
            receiver.user.backupUserId && onLeave(receiver.user, now)
              ? ((await personById(db, receiver.user.backupUserId))?.name ?? null)
              : null,
        }
      : undefined,
    customerNeedsNextShift: input.confirmations.customerNeedsNextShift,
    recentHandoffs,
    now,
  });
  const required = requiredSteps(kind, target.type, {
    approvalForced: findings.some((f) => f.outcome === "require_approval"),
  });
  const reasonLabel = reason.label;
  const note = renderNote(kind, values, {
    target: target.label,
    reason: reasonLabel,
    reasonText: input.reasonText,
    comment: input.comment,
  });
  return {
    kind,
    target,
    reason,
    values,
    findings,
    required,
    note,
    artifacts: renderArtifacts(kind, policy, facts, target.region ?? undefined),
    newStatus: input.newStatus ?? kind.newStatus,
    ownerName,
    caseUpdates,
  };
}

export function templateProblems(plan: TransferPlan): FieldIssue[] {
  return missingFields(plan.kind, plan.values).map((key) => ({
    field: `fields.${key}`,
    message: `${plan.kind.template.find((f) => f.key === key)?.label ?? key} is required`,
  }));
}

/** The schedule facts `next-region-on-shift` decides on, read only when it has something to judge. */
async function guardSchedule(
  db: Db,
  kind: TransferKind,
  row: LoadedCase["row"],
  targetRegion: string | null,
): Promise<GuardSchedule | undefined> {
  if (!kind.guards.includes("next-region-on-shift") || !row.is24x7 || !row.ownerId)
    return undefined;
  if (!targetRegion) return undefined;
  const [kase] = await scheduleCases(db, row.workspaceId, { numbers: [row.number] });
  if (!kase) return undefined;
  return { kase, agents: await scheduleAgents(db, row.workspaceId) };
}

async function recentHandoffCount(db: Db, caseId: string, hours: number, now: Date) {
  const since = new Date(now.getTime() - hours * 3_600_000);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(transfers)
    .where(
      and(
        eq(transfers.caseId, caseId),
        // A receiver's timeout that sent the case back to the queue moved it too.
        inArray(transfers.state, ["completed", "expired"]),
        gt(transfers.completedAt, since),
      ),
    );
  return row?.n ?? 0;
}

async function resolveTarget(
  db: Db,
  loaded: LoadedCase,
  kind: TransferKind,
  t: RequestTransferInput["target"],
): Promise<ResolvedTarget> {
  const { row, workspace } = loaded;
  const policy = workspace.policy;
  const given = [t.agentId, t.workspace].filter(Boolean).length;
  if (given > 1) throw invalid("target", "name an agent or a workspace, not both");
  const type: TargetType = t.agentId ? "agent" : t.workspace ? "workspace" : "queue";
  if (!kind.targets.includes(type))
    throw ruleBroken(
      "target_not_allowed",
      `target: ${kind.name} goes to ${kind.targets.join(" or ")}, not to ${type === "agent" ? "an agent" : `a ${type}`}`,
      "target",
    );
  if (t.autoAssign && type !== "queue")
    throw ruleBroken(
      "target_not_allowed",
      "target.autoAssign: only a transfer to a queue can be auto-assigned",
      "target.autoAssign",
    );
  if (t.region && !policy.regions.some((r) => r.code === t.region))
    throw ruleBroken(
      "unknown_reference",
      `target.region: unknown region ${t.region}`,
      "target.region",
    );

  if (type === "agent" && t.agentId) {
    const agent = await agentInWorkspace(db, row.workspaceId, t.agentId);
    if (!agent)
      throw ruleBroken(
        "unknown_reference",
        "target.agentId: no such agent in this workspace",
        "target.agentId",
      );
    const queue = t.queue ?? row.queue;
    checkQueue(policy, kind, queue, Boolean(t.queue));
    return {
      type,
      agentId: agent.user.id,
      agentName: agent.user.name,
      agentRegion: agent.m.region ?? null,
      queue,
      region: agent.m.region ?? t.region ?? null,
      workspace: null,
      label: `${agent.user.name}${agent.m.region ? ` (${agent.m.region})` : ""}`,
      autoAssign: false,
    };
  }
  if (type === "workspace" && t.workspace) {
    const target = await workspaceBySlug(db, t.workspace).catch(() => undefined);
    if (!target || target.id === row.workspaceId)
      throw ruleBroken(
        "unknown_reference",
        "target.workspace: no such other workspace",
        "target.workspace",
      );
    if (!policy.crossWorkspace.sendTo || !target.policy.crossWorkspace.receiveFrom)
      throw ruleBroken(
        "cross_workspace_not_allowed",
        `target.workspace: transfers between this workspace and ${target.slug} are not enabled in both policies`,
        "target.workspace",
      );
    const queue = t.queue ?? target.policy.defaults.queue;
    if (!target.policy.queues.some((q) => q.code === queue))
      throw ruleBroken(
        "unknown_reference",
        `target.queue: ${target.slug} has no queue ${queue}`,
        "target.queue",
      );
    return {
      type,
      agentId: null,
      agentName: null,
      agentRegion: null,
      queue,
      region: null,
      workspace: target,
      label: `${target.name} — ${queue}`,
      autoAssign: false,
    };
  }
  const queue = t.queue ?? kind.toQueues[0] ?? row.queue;
  checkQueue(policy, kind, queue, true);
  const queueSpec = policy.queues.find((q) => q.code === queue);
  if (t.autoAssign && queueSpec?.distribution === "manual")
    throw ruleBroken(
      "target_not_allowed",
      `target.autoAssign: queue ${queueSpec.name} is assigned by hand, not automatically`,
      "target.autoAssign",
    );
  const queueRegion = queueSpec?.region ?? null;
  const region = t.region ?? queueRegion;
  return {
    type: "queue",
    agentId: null,
    agentName: null,
    agentRegion: null,
    queue,
    region,
    workspace: null,
    label: `queue ${queueSpec?.name ?? queue}${region ? ` (${region})` : ""}${t.autoAssign ? ", auto-assigned" : ""}`,
    autoAssign: t.autoAssign,
  };
}

function checkQueue(policy: Policy, kind: TransferKind, queue: string, named: boolean) {
  if (!policy.queues.some((q) => q.code === queue))
    throw ruleBroken("unknown_reference", `target.queue: unknown queue ${queue}`, "target.queue");
  if (named && kind.toQueues.length && !kind.toQueues.includes(queue))
    throw ruleBroken(
      "target_not_allowed",
      `target.queue: ${kind.name} goes to ${kind.toQueues.join(", ")} only`,
      "target.queue",
    );
}
