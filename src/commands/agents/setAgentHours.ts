import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { memberships, users } from "../../db/schema.ts";
import { conflict, notFound } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { weeklyHoursSchema } from "../../domain/policy/schema.ts";
import { parseWeeklyHours } from "../../domain/schedule/hours.ts";
import { ianaZone } from "../../domain/text.ts";
import { agentIn } from "../../loaders/agents.ts";
import { presentAgent } from "../../presenters/agents.ts";
import { diff } from "../../writes/changes.ts";
import { emit } from "../../writes/emit.ts";

export const setHoursInput = z
  .strictObject({
    version: rowVersion.describe("The agent's version"),
    timeZone: ianaZone.optional().describe("The agent's own IANA zone; hours are read in it"),
    workingHours: weeklyHoursSchema
      .nullable()
      .optional()
      .describe("Weekly hours, HH:mm spans per weekday; null falls back to the region's hours"),
    handoverSme: z
      .boolean()
      .optional()
      .describe("Attends the region's handover meetings when an owner cannot; leads set it"),
  })
  .refine((v) => Object.keys(v).length > 1, {
    message: "name at least one field to change besides version",
    path: ["version"],
  });

export type SetHoursInput = z.infer<typeof setHoursInput>;

/**
 * An agent's time zone, working hours and handover-SME flag, which decide when they are on shift
 * for follow the sun. Everyone sets their own hours; naming the region's handover SME is a lead's
 * call, as it puts meetings into someone else's calendar.
 */
export async function setAgentHours(
  db: Db,
  actor: Actor,
  workspaceSlug: string,
  userId: string,
  input: SetHoursInput,
) {
  const { ws, subject } = await agentIn(db, actor, workspaceSlug, userId);
  const target = { workspaceId: ws.id, subjectUserId: userId };
  authorize(actor, "agent.availability.set", target, ws.policy, "Agent");
  if (input.handoverSme !== undefined && input.handoverSme !== subject.m.handoverSme)
    authorize(actor, "agent.availability.set", { workspaceId: ws.id }, ws.policy, "Agent");
  if (subject.user.version !== input.version)
    throw conflict("This agent was changed by someone else; reload and try again", {
      currentVersion: subject.user.version,
    });
  const before = {
    timeZone: subject.user.timeZone,
    workingHours: parseWeeklyHours(subject.m.workingHours),
    handoverSme: subject.m.handoverSme,
  };
  const after = {
    timeZone: input.timeZone ?? before.timeZone,
    workingHours: input.workingHours === undefined ? before.workingHours : input.workingHours,
    handoverSme: input.handoverSme ?? before.handoverSme,
  };
  const changes = diff(before, after);
  return db.transaction(async (tx) => {
    // The person's version guards both rows: hours live on the membership, the zone on the user.
    const [user] = await tx
      .update(users)
      .set({ timeZone: after.timeZone, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.version, input.version)))
      .returning();
    if (!user) throw conflict("This agent was changed by someone else; reload and try again");
    const [membership] = await tx
      .update(memberships)
      .set({ workingHours: after.workingHours, handoverSme: after.handoverSme })
      .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, ws.id)))
      .returning();
    if (!membership) throw notFound("Agent");
    await emit(tx, {
      name: "agent.hours_changed",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: userId,
      data: { changes },
    });
    return presentAgent(user, membership);
  });
}
