import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { membershipIn } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { activities, cases, transfers } from "../../db/schema.ts";
import { conflict, DomainError, ruleBroken } from "../../domain/errors.ts";
import { toDate } from "../../domain/text.ts";
import { OPEN_TRANSFER_STATES, type StepRecord, stateFor } from "../../domain/transfer/machine.ts";
import { recordAudit } from "../audit.ts";
import { loadCase, targetOf } from "../case-access.ts";
import { completeTransfer } from "./complete.ts";
import {
  planTransfer,
  type RequestTransferInput,
  type TransferPlan,
  templateProblems,
} from "./plan.ts";

const OPEN_STATES = [...OPEN_TRANSFER_STATES];

export interface TransferPreview {
  kind: string;
  target: string;
  requiredSteps: string[];
  note: string;
  artifacts: TransferPlan["artifacts"];
  fields: Record<string, string>;
  missingFields: { field: string; message: string }[];
  guards: TransferPlan["findings"];
  blocked: boolean;
}

export function previewOf(plan: TransferPlan): TransferPreview {
  const missing = templateProblems(plan);
  return {
    kind: plan.kind.code,
    target: plan.target.label,
    requiredSteps: plan.required,
    note: plan.note,
    artifacts: plan.artifacts,
    fields: plan.values,
    missingFields: missing,
    guards: plan.findings,
    blocked: missing.length > 0 || plan.findings.some((f) => f.outcome === "block"),
  };
}

async function prepare(
  db: Db,
  actor: Actor,
  number: number,
  input: RequestTransferInput,
  now: Date,
) {
  const loaded = await loadCase(db, actor, number, "case.read");
  authorize(
    actor,
    "case.transfer",
    targetOf(loaded.row),
    loaded.workspace.policy,
    `Case ${number}`,
  );
  const plan = await planTransfer(db, actor, loaded, input, now);
  return { loaded, plan };
}

export async function previewTransfer(
  db: Db,
  actor: Actor,
  number: number,
  input: RequestTransferInput,
): Promise<TransferPreview> {
  const { plan } = await prepare(db, actor, number, input, new Date());
  return previewOf(plan);
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
): Promise<{ id: string; state: string; warnings: TransferPlan["findings"] }> {
  const now = new Date();
  const { loaded, plan } = await prepare(db, actor, number, input, now);
  const { row, workspace } = loaded;
  if (row.version !== input.version)
    throw conflict(`Case ${number} was changed by someone else since you read it`, {
      currentVersion: row.version,
    });
  if (row.status === "closed") throw ruleBroken("case_closed", "A closed case is not transferred");
  const missing = templateProblems(plan);
  if (missing.length)
    throw new DomainError("rule", "template_incomplete", missing.map((m) => m.message).join("; "), {
      issues: missing,
    });
  const block = plan.findings.find((f) => f.outcome === "block");
  if (block)
    throw new DomainError("rule", block.id, block.message, {
      issues: [{ field: "guard", message: block.message }],
      details: { guard: block.id, guards: plan.findings },
    });

  const role = membershipIn(actor, row.workspaceId)?.role;
  const at = now.toISOString();
  const done: StepRecord[] = [];
  for (const step of plan.required) {
    if (step === "notes_updated") done.push({ step, by: actor.userId, at, note: "handover note" });
    else if (step === "approval" && role && plan.kind.approverRoles.includes(role))
      done.push({ step, by: actor.userId, at, note: `requested by an approver (${role})` });
    else break;
  }
  const state = stateFor(plan.required, done);
  const timeout = plan.kind.acceptance.timeoutMinutes;

  return db.transaction(async (tx) => {
    // Decide on the case as the requester saw it: lock it and compare versions, so of two
    // people transferring the same case at once exactly one goes through.
    const [locked] = await tx
      .select({ version: cases.version })
      .from(cases)
      .where(eq(cases.id, row.id))
      .for("update");
    if (locked?.version !== input.version)
      throw conflict(`Case ${number} was changed by someone else since you read it`, {
        currentVersion: locked?.version,
      });
    const [note] = await tx
      .insert(activities)
      .values({
        caseId: row.id,
        kind: "note",
        visibility: "private",
        body: plan.note,
        authorId: actor.userId,
        data: { event: "transfer.handover_note", kind: plan.kind.code },
      })
      .returning({ id: activities.id });
    const inserted = await tx
      .insert(transfers)
      .values({
        workspaceId: row.workspaceId,
        caseId: row.id,
        kind: plan.kind.code,
        state: state === "completed" ? "awaiting_acceptance" : state,
        requestedBy: actor.userId,
        fromOwnerId: row.ownerId,
        fromQueue: row.queue,
        targetType: plan.target.type,
        targetAgentId: plan.target.agentId,
        targetQueue: plan.target.queue,
        targetRegion: plan.target.region,
        targetWorkspaceId: plan.target.workspace?.id ?? null,
        reason: plan.reason.code,
        reasonText: input.reasonText ?? null,
        template: plan.values,
        requiredSteps: plan.required,
        steps: done,
        warnings: plan.findings.filter((f) => f.outcome !== "block"),
        artifacts: { ...plan.artifacts, handoverNote: plan.note, targetLabel: plan.target.label },
        newPriority: input.newPriority ?? null,
        newBrand: input.newBrand ?? null,
        newStatus: plan.newStatus,
        pin: input.pin,
        pinUntil: input.pinUntil ? toDate(input.pinUntil) : null,
        comment: input.comment,
        handoverNoteId: note?.id ?? null,
        expiresAt:
          state === "awaiting_acceptance" && timeout
            ? new Date(now.getTime() + timeout * 60_000)
            : null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    const transfer = inserted[0];
    // The partial unique index allows one open transfer per case; losing that race is a conflict,
    // reported with the transfer that is under way and where it stands.
    if (!transfer) {
      const [open] = await tx
        .select({ id: transfers.id, state: transfers.state })
        .from(transfers)
        .where(and(eq(transfers.caseId, row.id), inArray(transfers.state, OPEN_STATES)));
      throw conflict(
        `Case ${number} already has a transfer under way; finish or withdraw it first`,
        { currentVersion: locked.version, openTransferId: open?.id, state: open?.state },
      );
    }
    await recordAudit(tx, {
      action: "transfer.requested",
      actorId: actor.userId,
      workspaceId: row.workspaceId,
      caseId: row.id,
      caseNumber: number,
      subjectType: "transfer",
      subjectId: transfer.id,
      data: {
        kind: plan.kind.code,
        target: plan.target.label,
        reason: plan.reason.code,
        requiredSteps: plan.required,
        stepsDone: done.map((d) => d.step),
        warnings: plan.findings.map((f) => f.id),
      },
    });
    if (state === "completed") {
      await completeTransfer(tx, transfer, actor.userId, workspace.policy, now);
      return { id: transfer.id, state: "completed", warnings: plan.findings };
    }
    return { id: transfer.id, state, warnings: plan.findings };
  });
}
