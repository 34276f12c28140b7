import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { memberships, users } from "../../db/schema.ts";
import { forbidden, ruleBroken } from "../../domain/errors.ts";
import { safeText } from "../../domain/text.ts";
import { onLeave } from "../../domain/transfer/guards.ts";
import { version } from "../../domain/transfer/inputs.ts";
import type { TargetType, TransferStep } from "../../domain/transfer/kind-schema.ts";
import { requiredSteps, stateFor } from "../../domain/transfer/machine.ts";
import { loadTransfer } from "../../loaders/transfer.ts";
import type { TransferRow } from "../../loaders/transfer-facts.ts";
import { ownerRegion } from "../../loaders/transfer-plan.ts";
import { apply, mayAct, record } from "../../writes/transfer-decision.ts";

export const approveInput = z.strictObject({
  version,
  note: safeText(5_000).optional().describe("Lands on the case as a private note"),
  assignTo: z.uuid().optional().describe("An approver who may assign picks the receiving agent"),
});

export type ApproveInput = z.infer<typeof approveInput>;

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
