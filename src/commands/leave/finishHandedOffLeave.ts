import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import { loadActor } from "../../auth/load-actor.ts";
import type { Db } from "../../db/client.ts";
import { leavePlanItems, leavePlans } from "../../db/schema.ts";
import { leavePlanIn } from "../../loaders/leave.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { finishLeavePlan } from "./finishLeavePlan.ts";

/**
 * Plans whose every case was settled outside the planner (a receiver accepted its transfer, or
 * it was withdrawn) are approved by the minute's sweep, and the team is mailed in the absent
 * agent's name: the hand-off is theirs (S4.5). Each plan is taken `SKIP LOCKED`, so any number
 * of sweepers finish it once.
 */
export async function finishHandedOffLeave(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const settled = await tx
      .select({ id: leavePlans.id, workspaceId: leavePlans.workspaceId, userId: leavePlans.userId })
      .from(leavePlans)
      .where(
        and(
          eq(leavePlans.state, "submitted"),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(leavePlanItems)
              .where(
                and(
                  eq(leavePlanItems.planId, leavePlans.id),
                  inArray(leavePlanItems.state, ["open", "requested"]),
                ),
              ),
          ),
        ),
      )
      .limit(20)
      .for("update", { skipLocked: true });
    for (const p of settled) {
      const agent = await loadActor(tx, p.userId, "system");
      if (!agent) continue;
      const ws = await workspaceById(tx, p.workspaceId);
      await finishLeavePlan(tx, agent, ws, await leavePlanIn(tx, ws.id, p.id));
    }
    return settled.length;
  });
}
