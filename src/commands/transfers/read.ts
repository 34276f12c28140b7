import { and, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { can, transferRefusal } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cases, transfers } from "../../db/schema.ts";
import { invalid } from "../../domain/errors.ts";
import { slug } from "../../domain/text.ts";
import { evaluateGuards } from "../../domain/transfer/guards.ts";
import { TARGET_TYPES } from "../../domain/transfer/kind-schema.ts";
import { isOpen, type StepRecord, TRANSFER_STATES } from "../../domain/transfer/machine.ts";
import { prefill } from "../../domain/transfer/render.ts";
import { caseFacts } from "../../loaders/case-context.ts";
import { loadCase } from "../../loaders/cases.ts";
import type { TransferRow } from "../../loaders/transfer-facts.ts";
import { guardCase, kindMismatch } from "../../loaders/transfer-plan.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { namesOf } from "../../presenters/cases.ts";
import { type TransferView, transferView } from "../../presenters/transfer-view.ts";
import { alignmentMember, loadTransfer } from "./actions.ts";

export type { TransferView };

export async function presentTransfer(
  db: Db,
  actor: Actor,
  t: TransferRow,
  kase: { number: number; subject: string; severity: string; ownerId: string | null },
): Promise<TransferView> {
  const people = await namesOf(db, [
    t.requestedBy,
    t.targetAgentId,
    t.fromOwnerId,
    t.decidedBy,
    ...(t.steps as StepRecord[]).map((s) => s.by),
  ]);
  const ws = await workspaceById(db, t.workspaceId);
  const aligning = isOpen(t.state) && (t.requiredSteps as string[]).includes("handover_aligned");
  const member = aligning ? await alignmentMember(db, actor.userId, t.workspaceId) : undefined;
  return transferView(actor, t, kase, ws, people, member);
}

export async function getTransfer(db: Db, actor: Actor, id: string) {
  const t = await loadTransfer(db, actor, id);
  return presentTransfer(db, actor, t.transfer, t.loaded.row);
}

export const listTransfersQuery = z.strictObject({
  workspace: slug.optional(),
  state: z
    .string()
    .max(200)
    .refine(
      (v) =>
        v
          .split(",")
          .every((s) => s === "open" || (TRANSFER_STATES as readonly string[]).includes(s)),
      `must be "open" or a comma-separated list of ${TRANSFER_STATES.join(", ")}`,
    )
    .optional(),
  waiting: z
    .literal("me")
    .optional()
    .describe("Transfers waiting on me: to approve, accept or finish"),
  case: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a case number")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listTransfers(db: Db, actor: Actor, q: z.infer<typeof listTransfersQuery>) {
  let mine = actor.memberships;
  if (q.workspace) {
    mine = mine.filter((m) => m.workspaceSlug === q.workspace);
    if (!mine.length) throw invalid("workspace", "is not one of your workspaces");
  }
  if (!mine.length) return { items: [] };
  const where: (SQL | undefined)[] = [
    inArray(
      transfers.workspaceId,
      mine.map((m) => m.workspaceId),
    ),
  ];
  if (q.state) {
    const states = q.state
      .split(",")
      .flatMap((s) =>
        s === "open" ? ["awaiting_steps", "awaiting_approval", "awaiting_acceptance"] : [s],
      );
    where.push(inArray(transfers.state, states));
  }
  if (q.case) where.push(eq(cases.number, Number(q.case)));
  if (q.waiting === "me") {
    // Approvals for the kinds whose approver roles I hold, per workspace; acceptances addressed
    // to me; my own requests still waiting on a step I do.
    const approvals: SQL[] = [];
    for (const m of mine) {
      const ws = await workspaceById(db, m.workspaceId);
      const kinds = ws.policy.transferKinds
        .filter((k) => k.approverRoles.includes(m.role))
        .map((k) => k.code);
      if (kinds.length)
        approvals.push(
          and(
            eq(transfers.workspaceId, m.workspaceId),
            inArray(transfers.kind, kinds),
            eq(transfers.state, "awaiting_approval"),
          )!,
        );
    }
    where.push(
      or(
        ...approvals,
        and(eq(transfers.targetAgentId, actor.userId), eq(transfers.state, "awaiting_acceptance")),
        and(eq(transfers.requestedBy, actor.userId), eq(transfers.state, "awaiting_steps")),
      ),
    );
  }
  const rows = await db
    .select({
      t: transfers,
      kase: {
        number: cases.number,
        subject: cases.subject,
        severity: cases.severity,
        ownerId: cases.ownerId,
      },
    })
    .from(transfers)
    .innerJoin(cases, eq(cases.id, transfers.caseId))
    .where(and(...where))
    .orderBy(desc(transfers.createdAt))
    .limit(q.limit);
  return { items: await Promise.all(rows.map((r) => presentTransfer(db, actor, r.t, r.kase))) };
}

/** The kinds this user may use on this case: fields, steps, and what blocks right now. */
export async function transferOptions(db: Db, actor: Actor, number: number) {
  const loaded = await loadCase(db, actor, number, "case.read");
  const { row, workspace } = loaded;
  const policy = workspace.policy;
  const refusal = transferRefusal(actor, row.workspaceId, policy);
  const mayTransfer = refusal === null;
  const facts = await caseFacts(db, loaded);
  const [open] = await db
    .select({ id: transfers.id })
    .from(transfers)
    .where(
      and(
        eq(transfers.caseId, row.id),
        inArray(transfers.state, ["awaiting_steps", "awaiting_approval", "awaiting_acceptance"]),
      ),
    );
  const mayAssign = can(actor, "case.assign", { workspaceId: row.workspaceId }, policy);
  const kinds = policy.transferKinds.map((kind) => {
    const mismatch = kindMismatch(kind, row);
    const blockers = TARGET_TYPES.filter((type) => kind.targets.includes(type)).map((type) => ({
      targetType: type,
      guards: evaluateGuards({
        policy,
        kind,
        kase: guardCase(row),
        targetType: type,
        targetQueue: kind.toQueues[0],
        reason: undefined,
        requesterMayAssign: mayAssign,
        receiver: undefined,
        customerNeedsNextShift: true,
        recentHandoffs: 0,
        now: new Date(),
      }),
    }));
    return {
      code: kind.code,
      name: kind.name,
      description: kind.description,
      available: mayTransfer && !mismatch && !open && row.status !== "closed",
      unavailableBecause: refusal
        ? refusal
        : mismatch
          ? `${kind.name} ${mismatch}`
          : open
            ? "a transfer of this case is already under way"
            : row.status === "closed"
              ? "the case is closed"
              : null,
      targets: kind.targets,
      toQueues: kind.toQueues.length ? kind.toQueues : policy.queues.map((q) => q.code),
      region: kind.region,
      reasons: kind.reasons,
      template: kind.template.map((f) => ({
        ...f,
        value: prefill(kind, facts, { region: undefined, label: "" })[f.key] ?? "",
      })),
      steps: kind.steps,
      approverRoles: kind.approverRoles,
      guards: kind.guards,
      // Kinds whose queue targets need a region the requester names (their queues have none).
      needsRegion: kind.region !== "any" && kind.targets.includes("queue"),
      asks24x7Confirmation: kind.guards.includes("confirm-next-shift-needed") && row.is24x7,
      blockers,
    };
  });
  return {
    caseNumber: number,
    version: row.version,
    handoffCount: row.handoffCount,
    openTransferId: open?.id ?? null,
    kinds,
  };
}
