import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../domain/errors.ts";
import { mayApproveLeave } from "../../domain/leave/plan.ts";
import { leaveItemsOf, leavePlanIn } from "../../loaders/leave.ts";
import { leaveWorkspace, viewerOf } from "../../loaders/leave-access.ts";
import { presentLeavePlan } from "../../presenters/leave.ts";

/** One plan with its cases: the absent agent's own, or anyone's for an approver. */
export async function getLeavePlan(db: Db, actor: Actor, input: { workspace: string; id: string }) {
  const ws = await leaveWorkspace(db, actor, input.workspace);
  const viewer = viewerOf(actor, ws.id);
  const plan = await leavePlanIn(db, ws.id, input.id);
  // Someone else's plan lists their customers' cases: only approvers see it.
  if (plan.row.userId !== actor.userId && !mayApproveLeave(ws.policy.leave, viewer))
    throw notFound("Leave plan");
  const items = await leaveItemsOf(db, [plan.row.id]);
  return presentLeavePlan(plan, items, ws.policy, viewer, new Date());
}
