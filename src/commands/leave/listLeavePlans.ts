import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { mayApproveLeave } from "../../domain/leave/plan.ts";
import { leaveItemsOf, listLeavePlans as readPlans } from "../../loaders/leave.ts";
import { leaveWorkspace, viewerOf } from "../../loaders/leave-access.ts";
import { presentLeavePlan } from "../../presenters/leave.ts";

/** The leave plans the viewer may see: everyone's for an approver, their own for anyone else. */
export async function listLeavePlans(db: Db, actor: Actor, input: { workspace: string }) {
  const ws = await leaveWorkspace(db, actor, input.workspace);
  const viewer = viewerOf(actor, ws.id);
  const approver = mayApproveLeave(ws.policy.leave, viewer);
  const plans = await readPlans(db, ws.id, approver ? null : actor.userId);
  const items = await leaveItemsOf(
    db,
    plans.map((p) => p.row.id),
  );
  const now = new Date();
  return {
    items: plans.map((p) => presentLeavePlan(p, items, ws.policy, viewer, now)),
    viewer: {
      approver,
      mayPlan: !plans.some(
        (p) => p.row.userId === actor.userId && ["draft", "submitted"].includes(p.row.state),
      ),
      requires: ws.policy.leave.requires,
    },
  };
}
