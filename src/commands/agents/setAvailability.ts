import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { conflict, ruleBroken } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { offQueueNeedsRequest } from "../../domain/off-queue/requests.ts";
import { isoDateTime, lineText, toDate } from "../../domain/text.ts";
import { agentIn } from "../../loaders/agents.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { AVAILABILITY, presentAgent } from "../../presenters/agents.ts";
import { diff } from "../../writes/changes.ts";
import { emit } from "../../writes/emit.ts";
import { releasePins } from "../../writes/pins.ts";

export const setAvailabilityInput = z
  .strictObject({
    version: rowVersion,
    status: z.enum(AVAILABILITY),
    leaveFrom: isoDateTime.optional(),
    leaveUntil: isoDateTime.optional(),
    backupUserId: z.uuid().optional(),
    callDiversion: lineText(60, 0).optional().describe("Where calls go while on leave"),
  })
  .superRefine((v, ctx) => {
    if (v.status !== "on_leave") {
      for (const f of ["leaveFrom", "leaveUntil", "backupUserId", "callDiversion"] as const)
        if (v[f] !== undefined)
          ctx.addIssue({ code: "custom", path: [f], message: "only applies when on_leave" });
      return;
    }
    if (!v.leaveFrom || !v.leaveUntil) {
      ctx.addIssue({
        code: "custom",
        path: [v.leaveFrom ? "leaveUntil" : "leaveFrom"],
        message: "leave needs both leaveFrom and leaveUntil",
      });
    } else if (toDate(v.leaveFrom) >= toDate(v.leaveUntil)) {
      ctx.addIssue({ code: "custom", path: ["leaveUntil"], message: "must be after leaveFrom" });
    }
  });

export type SetAvailabilityInput = z.infer<typeof setAvailabilityInput>;

/** Availability belongs to the person, so it applies in every workspace they work in. */
export async function setAvailability(
  db: Db,
  actor: Actor,
  workspaceSlug: string,
  userId: string,
  input: SetAvailabilityInput,
) {
  const { ws, subject } = await agentIn(db, actor, workspaceSlug, userId);
  authorize(
    actor,
    "agent.availability.set",
    { workspaceId: ws.id, subjectUserId: userId },
    ws.policy,
    "Agent",
  );
  const self = { userId: actor.userId, role: membershipIn(actor, ws.id)?.role ?? null };
  if (
    input.status === "off_queue" &&
    userId === actor.userId &&
    offQueueNeedsRequest(ws.policy.offQueue, self)
  )
    throw ruleBroken(
      "off_queue_needs_approval",
      `status: going off queue needs the shift lead's approval in this workspace; ask on the desk (POST /api/v1/workspaces/${ws.slug}/off-queue-requests)`,
      "status",
    );
  if (input.backupUserId === userId)
    throw ruleBroken(
      "backup_is_self",
      "backupUserId: the backup must be someone else",
      "backupUserId",
    );
  if (subject.user.version !== input.version)
    throw conflict("This agent was changed by someone else; reload and try again", {
      currentVersion: subject.user.version,
    });
  const next = {
    availability: input.status,
    leaveFrom: input.leaveFrom ? toDate(input.leaveFrom) : null,
    leaveUntil: input.leaveUntil ? toDate(input.leaveUntil) : null,
    backupUserId: input.backupUserId ?? null,
    callDiversion: input.callDiversion || null,
  };
  const changes = diff(subject.user, next);
  return db.transaction(async (tx) => {
    if (input.backupUserId) {
      const issues = await checkMembers(tx, ws.id, { backupUserId: input.backupUserId });
      if (issues.length) refuse(issues);
    }
    const [updated] = await tx
      .update(users)
      .set({ ...next, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.version, input.version)))
      .returning();
    if (!updated) throw conflict("This agent was changed by someone else; reload and try again");
    // Leave booked for later keeps the pins until it starts (the sweeper releases them then).
    const awayNow =
      input.status === "on_leave" && (!next.leaveFrom || next.leaveFrom <= new Date());
    if (awayNow) await releasePins(tx, { ownerId: userId }, actor.userId);
    await emit(tx, {
      name: "agent.availability_changed",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: userId,
      data: { changes },
    });
    return presentAgent(updated, subject.m);
  });
}
