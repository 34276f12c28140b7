import { DateTime } from "luxon";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import type { LeaveItemState } from "../../domain/leave/plan.ts";
import { type LeaveItemRecord, type LeavePlanRecord, leaveItemsOf } from "../../loaders/leave.ts";
import type { WorkspaceWithPolicy } from "../../loaders/workspaces.ts";
import { emit } from "../../writes/emit.ts";
import { changePlan, leaveData } from "../../writes/leave.ts";
import { sendTeamHandoff } from "../cases/sendTeamHandoff.ts";

const day = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("ccc d LLL yyyy");

/**
 * Once no case of a submitted plan waits any more, the plan is approved and the whole team is
 * mailed the list of what was handed off, what was validated and who holds each case now (S4.5).
 */
export async function finishLeavePlan(
  tx: Db,
  actor: Actor,
  ws: WorkspaceWithPolicy,
  plan: LeavePlanRecord,
  /** The plan's cases as just read in this transaction, if the caller has them. */
  read?: readonly LeaveItemRecord[],
): Promise<void> {
  const items = read ?? (await leaveItemsOf(tx, [plan.row.id]));
  const waiting: LeaveItemState[] = ["open", "requested"];
  if (items.some((i) => waiting.includes(i.item.state as LeaveItemState))) return;
  const handed = items.filter((i) => i.item.state === "handed_off");
  let teamEmailAt: Date | null = null;
  if (handed.length) {
    await sendTeamHandoff(tx, actor, ws.slug, {
      items: handed.map((i) => ({
        caseNumber: i.kase.number,
        validated: i.item.validated,
        next: i.item.followUps,
      })),
      note: [
        `${plan.userName} is on leave from ${day(plan.row.leaveFrom, plan.userTimeZone)} until ${day(plan.row.leaveUntil, plan.userTimeZone)}.`,
        plan.row.note,
      ]
        .filter(Boolean)
        .join(" "),
    });
    teamEmailAt = new Date();
  }
  const updated = await changePlan(tx, plan.row, null, {
    state: "approved",
    approvedAt: new Date(),
    teamEmailAt,
  });
  await emit(tx, {
    name: "leave.approved",
    actorId: actor.userId,
    workspaceId: ws.id,
    subjectId: plan.row.id,
    data: leaveData(plan, updated, items.length),
  });
}
