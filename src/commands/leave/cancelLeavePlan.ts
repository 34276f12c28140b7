import type { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { leavePlanRef } from "../../domain/leave/inputs.ts";
import { leaveItemsOf } from "../../loaders/leave.ts";
import { leaveWorkspace, lockedPlan } from "../../loaders/leave-access.ts";
import { emit } from "../../writes/emit.ts";
import { changePlan, leaveData, unbookLeave } from "../../writes/leave.ts";
import { withdrawTransfer } from "../transfers/withdrawTransfer.ts";
import { getLeavePlan } from "./getLeavePlan.ts";

export const cancelLeavePlanInput = leavePlanRef;

/**
 * The leave is off (before it starts): the hand-offs still waiting are withdrawn, cases already
 * handed off stay with their new holders, and the leave booked by the plan is taken back.
 */
export async function cancelLeavePlan(
  db: Db,
  actor: Actor,
  input: z.infer<typeof cancelLeavePlanInput>,
) {
  const ws = await leaveWorkspace(db, actor, input.workspace);
  await db.transaction(async (tx) => {
    const { plan } = await lockedPlan(tx, actor, ws, input.id, "cancel");
    const updated = await changePlan(tx, plan.row, input.version, { state: "cancelled" });
    const items = await leaveItemsOf(tx, [plan.row.id]);
    for (const i of items)
      if (
        i.transfer?.id &&
        ["awaiting_steps", "awaiting_approval", "awaiting_acceptance"].includes(i.transfer.state)
      )
        await withdrawTransfer(tx, actor, i.transfer.id, {
          version: i.transfer.version,
          note: "The leave was cancelled",
        });
    await unbookLeave(tx, actor.userId, ws.id, plan.row);
    await emit(tx, {
      name: "leave.cancelled",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: plan.row.id,
      data: leaveData(plan, updated, items.length),
    });
  });
  return getLeavePlan(db, actor, { workspace: ws.slug, id: input.id });
}
