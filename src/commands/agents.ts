import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";

import { authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { memberships, users } from "../db/schema.ts";
import { conflict, notFound, ruleBroken } from "../domain/errors.ts";
import { parseWeeklyHours } from "../domain/schedule/hours.ts";
import { isoDateTime, lineText, toDate } from "../domain/text.ts";
import { checkMembers, refuse } from "../loaders/case-refs.ts";
import { memberWorkspace } from "../loaders/member-workspace.ts";
import { diff } from "../writes/changes.ts";
import { emit } from "../writes/emit.ts";
import { releasePins } from "../writes/pins.ts";

export const AVAILABILITY = ["available", "off_queue", "on_leave"] as const;

export async function listAgents(db: Db, actor: Actor, workspaceSlug: string) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: workspaceSlug },
    `Workspace ${workspaceSlug}`,
  );
  authorize(actor, "agent.list", { workspaceId: ws.id }, ws.policy, "Workspace");
  const rows = await db
    .select({ user: users, m: memberships })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ws.id))
    .orderBy(users.name);
  return rows.map(({ user, m }) => presentAgent(user, m));
}

type UserRow = typeof users.$inferSelect;
type MembershipRow = typeof memberships.$inferSelect;

export function presentAgent(user: UserRow, m: MembershipRow) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    handle: user.email.split("@")[0] ?? "",
    timeZone: user.timeZone,
    role: m.role,
    region: m.region,
    queues: m.queues,
    skills: m.skills,
    languages: m.languages,
    capacity: m.capacity,
    workingHours: parseWeeklyHours(m.workingHours),
    handoverSme: m.handoverSme,
    availability: {
      status: user.availability as (typeof AVAILABILITY)[number],
      leaveFrom: user.leaveFrom?.toISOString() ?? null,
      leaveUntil: user.leaveUntil?.toISOString() ?? null,
      backupUserId: user.backupUserId,
      callDiversion: user.callDiversion,
    },
    version: user.version,
  };
}

export const setAvailabilityInput = z
  .strictObject({
    version: z.number().int().positive().max(2_147_483_647),
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

/**
 * An agent of a workspace the actor belongs to, with that workspace. Another workspace, or
 * someone not in it, is reported as missing.
 */
export async function agentIn(db: Db, actor: Actor, workspaceSlug: string, userId: string) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: workspaceSlug },
    `Workspace ${workspaceSlug}`,
  );
  const [subject] = await db
    .select({ user: users, m: memberships })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.id, userId), eq(memberships.workspaceId, ws.id)));
  if (!subject) throw notFound("Agent");
  return { ws, subject };
}

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
