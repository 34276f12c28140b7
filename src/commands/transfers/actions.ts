import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { membershipIn } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { activities, cases, memberships, transfers, users } from "../../db/schema.ts";
import { conflict, DomainError, forbidden, notFound, ruleBroken } from "../../domain/errors.ts";
import type { TransferKind } from "../../domain/policy/schema.ts";
import { isoDateTime, safeText, toDate } from "../../domain/text.ts";
import {
  MANUAL_STEPS,
  type ManualStep,
  type TransferAction,
  transferAbilities,
  type Verdict,
} from "../../domain/transfer/abilities.ts";
import type { AlignmentMember } from "../../domain/transfer/alignment.ts";
import { onLeave } from "../../domain/transfer/guards.ts";
import type { TargetType, TransferStep } from "../../domain/transfer/kind-schema.ts";
import {
  nextStep,
  requiredSteps,
  type StepRecord,
  stateFor,
  stepTimeProblem,
  type TransferState,
} from "../../domain/transfer/machine.ts";
import type { Payload } from "../../events/catalogue.ts";
import type { LoadedCase } from "../../loaders/cases.ts";
import { type TransferRow, transferFacts } from "../../loaders/transfer-facts.ts";
import { ownerRegion } from "../../loaders/transfer-plan.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { completeTransfer } from "../../writes/complete-transfer.ts";
import { emit } from "../../writes/emit.ts";

const version = z
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .describe("The transfer version you read");

export const approveInput = z.strictObject({
  version,
  note: safeText(5_000).optional().describe("Lands on the case as a private note"),
  assignTo: z.uuid().optional().describe("An approver who may assign picks the receiving agent"),
});
export const decideInput = z.strictObject({ version, note: safeText(5_000).optional() });
export const stepInput = z.strictObject({
  version,
  how: z.enum(["email", "phone", "chat", "meeting", "other"]).optional(),
  at: isoDateTime.optional().describe("When it happened; defaults to now"),
  note: safeText(2_000).optional(),
});

export type ApproveInput = z.infer<typeof approveInput>;
export type DecideInput = z.infer<typeof decideInput>;
export type StepInput = z.infer<typeof stepInput>;

export interface LoadedTransfer {
  transfer: TransferRow;
  loaded: LoadedCase;
  kind: TransferKind;
}

/** A transfer in a workspace the actor does not belong to is reported as missing. */
export async function loadTransfer(db: Db, actor: Actor, id: string): Promise<LoadedTransfer> {
  const [transfer] = await db.select().from(transfers).where(eq(transfers.id, id));
  if (!transfer || !membershipIn(actor, transfer.workspaceId)) throw notFound("Transfer");
  const [row] = await db.select().from(cases).where(eq(cases.id, transfer.caseId));
  if (!row) throw notFound("Transfer");
  const workspace = await workspaceById(db, transfer.workspaceId);
  const kind = workspace.policy.transferKinds.find((k) => k.code === transfer.kind);
  if (!kind) throw new Error(`transfer kind ${transfer.kind} is no longer in the policy`);
  return { transfer, loaded: { row, workspace }, kind };
}

function refusal(verdict: Exclude<Verdict, { ok: true }>): DomainError {
  if (verdict.status === "forbidden") return forbidden(verdict.message);
  return new DomainError("rule", verdict.code, verdict.message, {
    details: verdict.code === "decline-needs-approval" ? { guard: verdict.code } : {},
  });
}

/**
 * Asks the domain whether the actor may take this action, and refuses in the order a person
 * expects: not theirs to do (403), then a stale read (409), then the transfer's state (422).
 */
function mayAct(
  actor: Actor,
  t: LoadedTransfer,
  action: TransferAction,
  input: { version: number },
  member?: AlignmentMember,
) {
  const role = membershipIn(actor, t.transfer.workspaceId)?.role;
  const verdict = transferAbilities(
    { userId: actor.userId, role, member },
    transferFacts(t.transfer, t.loaded.row.ownerId),
    t.kind,
  )[action];
  if (!verdict.ok && verdict.stage === "who") throw refusal(verdict);
  if (t.transfer.version !== input.version)
    throw conflict("This transfer changed since you read it; reload it", {
      currentVersion: t.transfer.version,
      state: t.transfer.state,
    });
  if (!verdict.ok) throw refusal(verdict);
}

type Decision =
  | "transfer.step_done"
  | "transfer.approved"
  | "transfer.rejected"
  | "transfer.accepted"
  | "transfer.declined"
  | "transfer.withdrawn";

/** The event a decision ends in, with its payload but the state, which `apply` adds. */
type DecisionEvent = {
  [N in Decision]: { name: N; data: Omit<Payload<N>, "state"> };
}[Decision];

interface Change {
  state: TransferState;
  steps?: StepRecord[];
  required?: TransferStep[];
  extra?: Partial<TransferRow>;
  event: DecisionEvent;
  caseNote?: string | undefined;
}

/**
 * Writes one decision: the transfer row (guarded by its version AND its state, so two approvers
 * cannot both approve), the note, the audit event, and the reassignment when nothing is left.
 */
async function apply(db: Db, actor: Actor, t: LoadedTransfer, change: Change) {
  const now = new Date();
  const timeout = t.kind.acceptance.timeoutMinutes;
  const entersAcceptance =
    change.state === "awaiting_acceptance" && t.transfer.state !== "awaiting_acceptance";
  return db.transaction(async (tx) => {
    // Lock the case first, in the same order as requestTransfer: otherwise a request waiting on
    // this transfer's row (the one-open-transfer index) and this decision waiting on the case
    // (the note's foreign key, the reassignment) deadlock.
    await tx
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.id, t.loaded.row.id))
      .for("update");
    const [updated] = await tx
      .update(transfers)
      .set({
        state: change.state === "completed" ? t.transfer.state : change.state,
        ...(change.steps ? { steps: change.steps } : {}),
        ...(change.required ? { requiredSteps: change.required } : {}),
        ...(entersAcceptance && timeout
          ? { expiresAt: new Date(now.getTime() + timeout * 60_000) }
          : {}),
        // The deadline is the receiver's; once they have answered, or it closed, it is gone.
        ...(change.state === "awaiting_acceptance" ? {} : { expiresAt: null }),
        ...change.extra,
        version: t.transfer.version + 1,
        updatedAt: now,
      })
      .where(
        and(
          eq(transfers.id, t.transfer.id),
          eq(transfers.version, t.transfer.version),
          eq(transfers.state, t.transfer.state),
        ),
      )
      .returning();
    if (!updated) {
      const [now] = await tx
        .select({ version: transfers.version, state: transfers.state })
        .from(transfers)
        .where(eq(transfers.id, t.transfer.id));
      throw conflict("Someone else acted on this transfer first; reload it", {
        currentVersion: now?.version,
        state: now?.state,
      });
    }
    if (change.caseNote?.trim())
      await tx.insert(activities).values({
        caseId: t.loaded.row.id,
        kind: "note",
        visibility: "private",
        body: change.caseNote.trim(),
        authorId: actor.userId,
        data: { event: change.event.name, transferId: t.transfer.id },
      });
    // Calls to action this answers are marked read; a new wait asks its approvers or receiver.
    await emit(tx, {
      name: change.event.name,
      actorId: actor.userId,
      workspaceId: t.transfer.workspaceId,
      caseId: t.loaded.row.id,
      caseNumber: t.loaded.row.number,
      subjectId: t.transfer.id,
      data: { state: change.state, ...change.event.data },
      facts: {
        transfer: updated,
        from: t.transfer.state,
        to: change.state,
        kase: { id: t.loaded.row.id, number: t.loaded.row.number, subject: t.loaded.row.subject },
        policy: t.loaded.workspace.policy,
        actorName: actor.name,
      },
    });
    if (change.state === "completed")
      await completeTransfer(tx, updated, actor.userId, t.loaded.workspace.policy, now);
    return { id: updated.id, state: change.state, version: updated.version };
  });
}

function record(
  t: LoadedTransfer,
  step: TransferStep,
  actor: Actor,
  extra: Partial<StepRecord> = {},
) {
  const steps = [...(t.transfer.steps as StepRecord[])];
  const expected = nextStep(t.transfer.requiredSteps as TransferStep[], steps);
  if (expected !== step)
    throw ruleBroken(
      "step_out_of_order",
      expected
        ? `Do "${expected.replaceAll("_", " ")}" first: the steps go in the policy's order`
        : "Every step of this transfer is already done",
    );
  steps.push({ step, by: actor.userId, at: new Date().toISOString(), ...extra });
  return steps;
}

export async function approveTransfer(db: Db, actor: Actor, id: string, input: ApproveInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "approve", input);
  let required = t.transfer.requiredSteps as TransferStep[];
  let extra: Partial<TransferRow> = {};
  // Back from a receiver who did not answer, an agent-only kind needs the approver's pick.
  if (!input.assignTo && !t.kind.targets.includes(t.transfer.targetType as TargetType))
    throw ruleBroken(
      "target_not_allowed",
      `assignTo: ${t.kind.name} goes to ${t.kind.targets.join(" or ")}; name who takes the case`,
      "assignTo",
    );
  if (input.assignTo) {
    if (!t.kind.targets.includes("agent"))
      throw ruleBroken(
        "target_not_allowed",
        `assignTo: ${t.kind.name} goes to ${t.kind.targets.join(" or ")}, not to an agent`,
        "assignTo",
      );
    // S4.7: the approver, who may assign, names the colleague who takes the case.
    if (
      !can(actor, "case.assign", { workspaceId: t.transfer.workspaceId }, t.loaded.workspace.policy)
    )
      throw forbidden("Your role may not pick the receiving agent");
    const [agent] = await db
      .select({ user: users, m: memberships })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(
        and(eq(users.id, input.assignTo), eq(memberships.workspaceId, t.transfer.workspaceId)),
      );
    if (!agent)
      throw ruleBroken(
        "unknown_reference",
        "assignTo: no such agent in this workspace",
        "assignTo",
      );
    if (agent.user.id === t.loaded.row.ownerId)
      throw ruleBroken("invalid_target", "assignTo: already owns the case", "assignTo");
    if (onLeave(agent.user, new Date()) || agent.user.availability === "off_queue")
      throw ruleBroken(
        "receiver-available",
        "assignTo: that agent is not available right now",
        "assignTo",
      );
    // The kind's region rule (S0.1 same region, S0.2 another) binds the approver's pick too.
    const from = t.kind.region === "any" ? null : await ownerRegion(db, t.loaded);
    if (from && agent.m.region && t.kind.region === "same" && agent.m.region !== from)
      throw ruleBroken(
        "invalid_target",
        `assignTo: ${t.kind.name} stays within ${from}`,
        "assignTo",
      );
    if (from && agent.m.region && t.kind.region === "other" && agent.m.region === from)
      throw ruleBroken(
        "invalid_target",
        `assignTo: ${t.kind.name} goes to another region than ${from}`,
        "assignTo",
      );
    required = requiredSteps(t.kind, "agent", { approvalForced: required.includes("approval") });
    extra = {
      targetType: "agent",
      targetAgentId: agent.user.id,
      targetRegion: agent.m.region ?? t.transfer.targetRegion,
      artifacts: { ...(t.transfer.artifacts as object), targetLabel: agent.user.name },
    };
  }
  const steps = record(
    { ...t, transfer: { ...t.transfer, requiredSteps: required } },
    "approval",
    actor,
    {
      ...(input.note ? { note: input.note } : {}),
    },
  );
  return apply(db, actor, t, {
    state: stateFor(required, steps),
    steps,
    required,
    extra: { ...extra, decidedBy: actor.userId, decisionNote: input.note ?? null },
    event: {
      name: "transfer.approved",
      data: { note: input.note ?? null, assignTo: input.assignTo ?? null },
    },
    caseNote: input.note ? `Approved: ${input.note}` : undefined,
  });
}

export async function rejectTransfer(db: Db, actor: Actor, id: string, input: DecideInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "reject", input);
  return apply(db, actor, t, {
    state: "rejected",
    extra: { decidedBy: actor.userId, decisionNote: input.note ?? null },
    event: { name: "transfer.rejected", data: { note: input.note ?? null } },
    caseNote: input.note ? `Transfer rejected: ${input.note}` : undefined,
  });
}

export async function acceptTransfer(db: Db, actor: Actor, id: string, input: DecideInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "accept", input);
  const steps = record(t, "receiver_acceptance", actor, input.note ? { note: input.note } : {});
  return apply(db, actor, t, {
    state: stateFor(t.transfer.requiredSteps as TransferStep[], steps),
    steps,
    event: { name: "transfer.accepted", data: {} },
    caseNote: input.note,
  });
}

export async function declineTransfer(db: Db, actor: Actor, id: string, input: DecideInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "decline", input);
  if (!input.note?.trim())
    throw ruleBroken("note_required", "note: say why the transfer is declined", "note");
  return apply(db, actor, t, {
    state: "declined",
    extra: { decidedBy: actor.userId, decisionNote: input.note },
    event: { name: "transfer.declined", data: { note: input.note } },
    caseNote: `Transfer declined: ${input.note}`,
  });
}

export async function withdrawTransfer(db: Db, actor: Actor, id: string, input: DecideInput) {
  const t = await loadTransfer(db, actor, id);
  mayAct(actor, t, "withdraw", input);
  return apply(db, actor, t, {
    state: "withdrawn",
    event: { name: "transfer.withdrawn", data: { note: input.note ?? null } },
    caseNote: input.note ? `Transfer withdrawn: ${input.note}` : undefined,
  });
}

/** The viewer's region and handover SME flag in a workspace, for the alignment step. */
export async function alignmentMember(db: Db, userId: string, workspaceId: string) {
  const [m] = await db
    .select({ region: memberships.region, handoverSme: memberships.handoverSme })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return m;
}

/**
 * Steps people do outside Baton and record here: the notes, telling the customer (S0.3.4), the
 * alignment in the handover meeting (S1.2).
 */
export async function recordStep(db: Db, actor: Actor, id: string, step: string, input: StepInput) {
  if (!(MANUAL_STEPS as readonly string[]).includes(step)) throw notFound(`Step ${step}`);
  const t = await loadTransfer(db, actor, id);
  const member =
    step === "handover_aligned"
      ? await alignmentMember(db, actor.userId, t.transfer.workspaceId)
      : undefined;
  mayAct(actor, t, `step:${step as ManualStep}`, input, member);
  if (step === "customer_notified" && !input.how)
    throw ruleBroken(
      "how_required",
      "how: say how the customer was told (email, phone, chat, meeting, other)",
      "how",
    );
  const when = input.at ? toDate(input.at) : new Date();
  if (when.getTime() > Date.now() + 5 * 60_000)
    throw ruleBroken("in_future", "at: a step cannot have happened in the future", "at");
  const early = stepTimeProblem(t.transfer.steps as StepRecord[], when);
  if (early) throw ruleBroken("out_of_order", `at: ${early}`, "at");
  const steps = record(t, step as TransferStep, actor, {
    at: when.toISOString(),
    ...(input.how ? { how: input.how } : {}),
    ...(input.note ? { note: input.note } : {}),
  });
  return apply(db, actor, t, {
    state: stateFor(t.transfer.requiredSteps as TransferStep[], steps),
    steps,
    event: {
      name: "transfer.step_done",
      data: { step, how: input.how ?? null, at: when.toISOString() },
    },
  });
}
