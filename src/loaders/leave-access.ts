import { type Actor, membershipIn } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { conflict, forbidden, notFound } from "../domain/errors.ts";
import {
  type LeaveActor,
  type LeavePlanAction,
  type LeavePlanState,
  leavePlanAbilities,
  leavePlanRefusal,
  mayApproveLeave,
} from "../domain/leave/plan.ts";
import { type LeavePlanRecord, leavePlanIn } from "./leave.ts";
import { memberWorkspace } from "./member-workspace.ts";
import type { WorkspaceWithPolicy } from "./workspaces.ts";

/** The plan's facts as the leave rules read them. */
export const planFacts = (p: LeavePlanRecord) => ({
  userId: p.row.userId,
  state: p.row.state as LeavePlanState,
  leaveFrom: p.row.leaveFrom,
  leaveUntil: p.row.leaveUntil,
});

/**
 * The plan locked for a change, once the viewer may see it (their own, or any for an approver;
 * else it does not exist for them) and, for a plan action, may take it: a plan that moved on is
 * a conflict, a person who may not is refused with the reason.
 */
export async function lockedPlan(
  tx: Db,
  actor: Actor,
  ws: WorkspaceWithPolicy,
  id: string,
  action: LeavePlanAction | null,
): Promise<{ plan: LeavePlanRecord; viewer: LeaveActor }> {
  const viewer = viewerOf(actor, ws.id);
  const plan = await leavePlanIn(tx, ws.id, id, true);
  if (plan.row.userId !== actor.userId && !mayApproveLeave(ws.policy.leave, viewer))
    throw notFound("Leave plan");
  if (action && !leavePlanAbilities(ws.policy.leave, viewer, planFacts(plan), new Date())[action]) {
    const why = leavePlanRefusal(action, planFacts(plan));
    throw why.kind === "state" ? conflict(why.message) : forbidden(why.message);
  }
  return { plan, viewer };
}

/** The viewer as the leave rules weigh them: who they are and their role here. */
export const viewerOf = (actor: Actor, workspaceId: string): LeaveActor => ({
  userId: actor.userId,
  role: membershipIn(actor, workspaceId)?.role ?? null,
});

/** The workspace a leave use case acts in, when the actor belongs to it. */
export const leaveWorkspace = (db: Db, actor: Actor, slug: string): Promise<WorkspaceWithPolicy> =>
  memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
