import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { leavePlanItems, leavePlans } from "../../db/schema.ts";
import { conflict, ruleBroken } from "../../domain/errors.ts";
import { proposeHolders } from "../../domain/leave/proposal.ts";
import { agentSchedule, isOnShift, nextShiftChange } from "../../domain/schedule/hours.ts";
import { isoDateTime, safeText, toDate } from "../../domain/text.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { leavePlanIn, openCasesForLeave } from "../../loaders/leave.ts";
import { leaveWorkspace } from "../../loaders/leave-access.ts";
import { scheduleAgents } from "../../loaders/schedule.ts";
import { emit } from "../../writes/emit.ts";
import { bookLeave, leaveData } from "../../writes/leave.ts";
import { getLeavePlan } from "./getLeavePlan.ts";

export const planLeaveInput = z
  .strictObject({
    leaveFrom: isoDateTime.describe("When the leave starts (ISO 8601 with an offset)"),
    leaveUntil: isoDateTime.describe("When you are back"),
    backupUserId: z.uuid().optional().describe("Who backs you up in general, if anyone"),
    note: safeText(2_000).default("").describe("A few words for the shift lead and the team"),
  })
  .superRefine((v, ctx) => {
    if (toDate(v.leaveFrom) >= toDate(v.leaveUntil))
      ctx.addIssue({ code: "custom", path: ["leaveUntil"], message: "must be after leaveFrom" });
    if (toDate(v.leaveUntil) <= new Date())
      ctx.addIssue({ code: "custom", path: ["leaveUntil"], message: "is in the past" });
  });

/** The longest leave one plan covers; a longer absence is planned again when it is near. */
const MAX_DAYS = 92;

/**
 * An agent declares leave (S4.4): it is booked on them (routing passes them over once it starts),
 * and a draft plan lists the open cases they hold in this workspace, each with routing's proposal
 * of an in-region colleague who could take it, weighed when the agent's own shift would begin.
 */
export async function planLeave(
  db: Db,
  actor: Actor,
  input: z.infer<typeof planLeaveInput> & { workspace: string },
) {
  const ws = await leaveWorkspace(db, actor, input.workspace);
  authorize(
    actor,
    "agent.availability.set",
    { workspaceId: ws.id, subjectUserId: actor.userId },
    ws.policy,
    "Agent",
  );
  const from = toDate(input.leaveFrom);
  const until = toDate(input.leaveUntil);
  if (until.getTime() - from.getTime() > MAX_DAYS * 86_400_000)
    throw ruleBroken(
      "leave_too_long",
      `leaveUntil: one plan covers up to ${MAX_DAYS} days; plan the rest nearer the time`,
      "leaveUntil",
    );
  if (input.backupUserId === actor.userId)
    throw ruleBroken(
      "backup_is_self",
      "backupUserId: the backup must be someone else",
      "backupUserId",
    );
  const id = await db.transaction(async (tx) => {
    if (input.backupUserId) {
      const issues = await checkMembers(tx, ws.id, { backupUserId: input.backupUserId });
      if (issues.length) refuse(issues);
    }
    const [row] = await tx
      .insert(leavePlans)
      .values({
        workspaceId: ws.id,
        userId: actor.userId,
        leaveFrom: from,
        leaveUntil: until,
        backupUserId: input.backupUserId ?? null,
        note: input.note,
      })
      // One plan in the making per person (a partial unique index): a second is a conflict.
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict(
        "You have a leave plan in the making in this workspace; finish or cancel it first",
      );
    const agents = await scheduleAgents(tx, ws.id);
    const self = agents.find((a) => a.id === actor.userId);
    const open = await openCasesForLeave(tx, ws.policy, ws.id, actor.userId);
    const proposals = proposeHolders({
      policy: ws.policy,
      absent: {
        id: actor.userId,
        region: self?.region ?? null,
        leaveFrom: from,
        leaveUntil: until,
      },
      cases: open,
      agents,
      at: shiftStart(ws.policy.regions, self, from),
    });
    if (open.length)
      await tx.insert(leavePlanItems).values(
        open.map((c) => ({
          planId: row.id,
          caseId: c.id,
          proposedHolderId: proposals.get(c.id)?.agentId ?? null,
          proposal: proposals.get(c.id)?.why ?? "",
        })),
      );
    await bookLeave(tx, actor.userId, ws.id, actor.userId, {
      from,
      until,
      backupUserId: input.backupUserId ?? null,
    });
    const record = await leavePlanIn(tx, ws.id, row.id);
    await emit(tx, {
      name: "leave.planned",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: leaveData(record, row, open.length),
    });
    return row.id;
  });
  return getLeavePlan(db, actor, { workspace: ws.slug, id });
}

/**
 * When the absent agent's own shift would begin on or after the leave starts: who could take
 * their cases is weighed then, so shifts count. Without hours, the leave's start.
 */
function shiftStart(
  regions: Parameters<typeof agentSchedule>[0],
  agent: Parameters<typeof agentSchedule>[1] | undefined,
  from: Date,
): Date {
  const at = from < new Date() ? new Date() : from;
  const schedule = agent ? agentSchedule(regions, agent) : null;
  if (!schedule || isOnShift(schedule, at)) return at;
  return nextShiftChange(schedule, at).changeAt ?? at;
}
