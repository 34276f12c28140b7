import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { membershipIn } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { transfers } from "../../db/schema.ts";
import { conflict, DomainError, ruleBroken } from "../../domain/errors.ts";
import { toDate } from "../../domain/text.ts";
import { needsSecondApprover } from "../../domain/transfer/abilities.ts";
import type { RequestTransferInput } from "../../domain/transfer/inputs.ts";
import {
  OPEN_TRANSFER_STATES,
  type StepRecord,
  stateFor,
  type TransferState,
} from "../../domain/transfer/machine.ts";
import { clockedCaseOf } from "../../loaders/case-clocks.ts";
import type { TransferRow } from "../../loaders/transfer-facts.ts";
import { type TransferPlan, templateProblems } from "../../loaders/transfer-plan.ts";
import { prepareTransferRequest } from "../../loaders/transfer-request.ts";
import type { PersonRef } from "../../presenters/cases.ts";
import { type TransferView, transferView } from "../../presenters/transfer-view.ts";
import { fillCaseFields } from "../../writes/case-fields.ts";
import { completeTransfer } from "../../writes/complete-transfer.ts";
import { emit } from "../../writes/emit.ts";
import { insertTransfer } from "../../writes/transfer-insert.ts";

const OPEN_STATES = [...OPEN_TRANSFER_STATES];

export interface RequestedTransfer {
  id: string;
  state: TransferState;
  warnings: TransferPlan["findings"];
  /** The transfer as it stands after this request, as the API shows it to the requester. */
  view: TransferView;
}

/**
 * Creates the transfer and does what the requester can do at once: the handover note is the
 * "notes updated" step (S0.3.1), and a requester who may approve approves their own request.
 * If nothing else is required the case is reassigned in the same transaction.
 */
export async function requestTransfer(
  db: Db,
  actor: Actor,
  number: number,
  input: RequestTransferInput,
): Promise<RequestedTransfer> {
  const now = new Date();
  // Plan on the case as locked, so of two people transferring the same case at once exactly
  // one goes through and the other is told the version it missed. A caller who may not see
  // the case holds the lock only until the refusal rolls back.
  // Its events' audit rows are written together before COMMIT (emit.transaction).
  const done = await emit.transaction(db, async (tx) => {
    const { loaded, plan, context, openTransferId, webhooks } = await prepareTransferRequest(
      tx,
      actor,
      number,
      input,
      now,
      true,
    );
    const { workspace } = loaded;
    emit.knowWebhooks(tx, loaded.row.workspaceId, webhooks);
    let row = loaded.row;
    if (row.version !== input.version)
      throw conflict(`Case ${number} was changed by someone else since you read it`, {
        currentVersion: row.version,
      });
    if (row.status === "closed")
      throw ruleBroken("case_closed", "A closed case is not transferred");
    const missing = templateProblems(plan);
    if (missing.length)
      throw new DomainError(
        "rule",
        "template_incomplete",
        missing.map((m) => m.message).join("; "),
        { issues: missing },
      );
    const block = plan.findings.find((f) => f.outcome === "block");
    if (block)
      throw new DomainError("rule", block.id, block.message, {
        issues: [{ field: "guard", message: block.message }],
        details: { guard: block.id, guards: plan.findings },
      });

    // What the answers filled in (S2.5 steps to reproduce, product) lands on the case first.
    row = await fillCaseFields(tx, {
      actorId: actor.userId,
      row,
      updates: plan.caseUpdates,
      policy: workspace.policy,
      now,
    });
    const role = membershipIn(actor, row.workspaceId)?.role;
    const at = now.toISOString();
    const steps: StepRecord[] = [];
    for (const step of plan.required) {
      if (step === "notes_updated")
        steps.push({ step, by: actor.userId, at, note: "handover note" });
      else if (
        step === "approval" &&
        role &&
        plan.kind.approverRoles.includes(role) &&
        !needsSecondApprover(plan.findings)
      )
        steps.push({ step, by: actor.userId, at, note: `requested by an approver (${role})` });
      else break;
    }
    const state = stateFor(plan.required, steps);
    const timeout = plan.kind.acceptance.timeoutMinutes;

    // The partial unique index allows one open transfer per case; a transfer under way, read
    // with the case's lock, or losing the race to the index, is a conflict, reported with the
    // transfer that is under way and where it stands.
    const underWay = async () => {
      const [open] = await tx
        .select({ id: transfers.id, state: transfers.state })
        .from(transfers)
        .where(and(eq(transfers.caseId, row.id), inArray(transfers.state, OPEN_STATES)));
      return conflict(
        `Case ${number} already has a transfer under way; finish or withdraw it first`,
        { currentVersion: row.version, openTransferId: open?.id, state: open?.state },
      );
    };
    if (openTransferId) throw await underWay();

    // A transfer that completes at once is inserted completed, as it would stand after its
    // completion's UPDATE (version 2: requested, then completed), by the statement that
    // reassigns the case. The one-open-per-case index does not see a completed row, so the
    // transfer under way (above) is what refuses it; the index still stops any other.
    const completing = state === "completed";
    const transfer = {
      // Named here, so that the case's system line can quote it in the same statement.
      id: randomUUID(),
      caseId: row.id,
      kind: plan.kind.code,
      fromOwnerId: row.ownerId,
      targetType: plan.target.type,
      targetAgentId: plan.target.agentId,
      targetQueue: plan.target.queue,
      targetRegion: plan.target.region,
      targetWorkspaceId: plan.target.workspace?.id ?? null,
      newPriority: input.newPriority ?? null,
      newBrand: input.newBrand ?? null,
      newStatus: plan.newStatus,
      pin: input.pin,
      pinUntil: input.pinUntil ? toDate(input.pinUntil) : null,
      autoAssign: plan.target.autoAssign,
      artifacts: { ...plan.artifacts, handoverNote: plan.note, targetLabel: plan.target.label },
    };
    const values = {
      ...transfer,
      transferId: transfer.id,
      workspaceId: row.workspaceId,
      state,
      requestedBy: actor.userId,
      fromQueue: row.queue,
      reason: plan.reason.code,
      reasonText: input.reasonText ?? null,
      template: plan.values,
      requiredSteps: plan.required,
      steps,
      warnings: plan.findings.filter((f) => f.outcome !== "block"),
      comment: input.comment,
      // The handover note, inserted by the same statement.
      noteBody: plan.note,
      noteAuthorId: actor.userId,
      noteData: { event: "transfer.handover_note", kind: plan.kind.code },
      expiresAt:
        state === "awaiting_acceptance" && timeout
          ? new Date(now.getTime() + timeout * 60_000)
          : null,
      completedAt: completing ? now : null,
      transferVersion: completing ? 2 : 1,
      now,
    };
    const announce = async (stored: TransferRow) => {
      await emit(tx, {
        name: "transfer.requested",
        actorId: actor.userId,
        workspaceId: row.workspaceId,
        caseId: row.id,
        caseNumber: number,
        subjectId: stored.id,
        data: {
          kind: plan.kind.code,
          target: plan.target.label,
          reason: plan.reason.code,
          requiredSteps: plan.required,
          stepsDone: steps.map((d) => d.step),
          warnings: plan.findings.map((f) => f.id),
          fromRegion: row.region,
        },
        // Approvers, or the named receiver, are asked with the request (nobody else: no
        // statement).
        facts: {
          transfer: stored,
          from: null,
          to: state,
          kase: { id: row.id, number, subject: row.subject },
          policy: workspace.policy,
          actorName: actor.name,
        },
      });
    };
    if (completing) {
      const stored = await completeTransfer(tx, transfer, actor.userId, workspace.policy, now, {
        locked: row,
        // The owner's region is the receiver's, which completeTransfer puts in.
        clocks: {
          kase: clockedCaseOf(row, context.customer, null),
          ownerRegion: plan.target.agentRegion,
        },
        request: { values, announce },
      });
      return { loaded, plan, stored };
    }
    const [inserted] = await insertTransfer(tx, values);
    if (!inserted) throw await underWay();
    await announce(inserted);
    const stored = { transfer: inserted, severity: row.severity };
    return { loaded, plan, stored };
  });

  // The response is made of what this request has read and written; reading it all back after
  // the commit cost seven statements.
  const { loaded, plan, stored } = done;
  const { row, workspace } = loaded;
  const people = new Map<string, PersonRef>([
    [actor.userId, { id: actor.userId, name: actor.name }],
  ]);
  if (row.ownerId && plan.ownerName)
    people.set(row.ownerId, { id: row.ownerId, name: plan.ownerName });
  if (plan.target.agentId && plan.target.agentName)
    people.set(plan.target.agentId, { id: plan.target.agentId, name: plan.target.agentName });
  const t = stored.transfer;
  const view = transferView(
    actor,
    t,
    { number, subject: row.subject, severity: stored.severity, ownerId: row.ownerId },
    workspace,
    people,
  );
  return {
    id: t.id,
    state: view.state,
    warnings: plan.findings,
    view,
  };
}
