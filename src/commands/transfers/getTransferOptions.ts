import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { can, transferRefusal } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { transfers } from "../../db/schema.ts";
import { evaluateGuards } from "../../domain/transfer/guards.ts";
import { kindMismatch } from "../../domain/transfer/kind-applies.ts";
import { TARGET_TYPES } from "../../domain/transfer/kind-schema.ts";
import { prefill } from "../../domain/transfer/render.ts";
import { caseFacts } from "../../loaders/case-context.ts";
import { loadCase } from "../../loaders/cases.ts";
import { guardCase } from "../../loaders/transfer-plan.ts";

/** The kinds this user may use on this case: fields, steps, and what blocks right now. */
export async function getTransferOptions(db: Db, actor: Actor, number: number) {
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
