import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { membershipIn } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { activities, cases, transfers } from "../db/schema.ts";
import { caseWorkspaceWebhooks } from "../db/workspace-webhooks.ts";
import { conflict, DomainError, forbidden, ruleBroken } from "../domain/errors.ts";
import {
  type TransferAction,
  transferAbilities,
  type Verdict,
} from "../domain/transfer/abilities.ts";
import type { AlignmentMember } from "../domain/transfer/alignment.ts";
import type { TransferStep } from "../domain/transfer/kind-schema.ts";
import { nextStep, type StepRecord, type TransferState } from "../domain/transfer/machine.ts";
import type { Payload } from "../events/catalogue.ts";
import type { LoadedTransfer } from "../loaders/transfer.ts";
import { type TransferRow, transferFacts } from "../loaders/transfer-facts.ts";
import { completeTransfer } from "./complete-transfer.ts";
import { emit } from "./emit.ts";

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
export function mayAct(
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
export async function apply(db: Db, actor: Actor, t: LoadedTransfer, change: Change) {
  const now = new Date();
  const timeout = t.kind.acceptance.timeoutMinutes;
  const entersAcceptance =
    change.state === "awaiting_acceptance" && t.transfer.state !== "awaiting_acceptance";
  // Its events' audit rows and mail are written together before COMMIT (emit.transaction).
  return emit.transaction(db, async (tx) => {
    // Lock the case first, in the same order as requestTransfer: otherwise a request waiting on
    // this transfer's row (the one-open-transfer index) and this decision waiting on the case
    // (the note's foreign key, the reassignment) deadlock. The workspace's webhook subscriptions
    // come with it, for the decision's events.
    const [locked] = await tx
      .select({ webhooks: caseWorkspaceWebhooks })
      .from(cases)
      .where(eq(cases.id, t.loaded.row.id))
      .for("update");
    if (locked) emit.knowWebhooks(tx, t.loaded.row.workspaceId, locked.webhooks);
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

export function record(
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
