import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Actor, actorIdOf } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { DomainError } from "../../domain/errors.ts";
import { keepsAnAdmin, mayDeactivate } from "../../domain/people/roster.ts";
import { permissionsOf } from "../../domain/policy/parse.ts";
import {
  activeAdmins,
  lockedMember,
  memberOf,
  openCasesOf,
  workspacesOf,
} from "../../loaders/people.ts";
import { peopleWorkspace } from "../../loaders/people-workspace.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { presentMember } from "../../presenters/people.ts";
import { revokeUserTokens } from "../../writes/api-tokens.ts";
import { emit } from "../../writes/emit.ts";
import { revokeAllSessions } from "../../writes/sessions.ts";
import type { personVersionInput } from "./removeMember.ts";

/**
 * An admin deactivates someone who left: at once they cannot sign in, and every session and API
 * token of theirs ends. The answer lists the open cases they still hold, to hand off.
 */
export async function deactivatePerson(
  db: Db,
  actor: Actor,
  slug: string,
  userId: string,
  input: z.infer<typeof personVersionInput>,
  now: Date = new Date(),
) {
  const ws = await peopleWorkspace(db, actor, slug);
  if (userId === actor.userId)
    throw new DomainError("conflict", "not_yourself", "You cannot deactivate yourself");
  return db.transaction(async (tx) => {
    const { member, deactivatedAt } = await lockedMember(tx, ws.id, userId, input.version);
    const theirs = await workspacesOf(tx, userId);
    const mine = actor.memberships.map((m) => m.workspaceId);
    const adminOf: string[] = [];
    for (const id of theirs.filter((w) => mine.includes(w))) {
      const other = await workspaceById(tx, id);
      if (
        permissionsOf(
          other.policy,
          actor.memberships.find((m) => m.workspaceId === id)?.role ?? "",
        ).has("user.manage")
      )
        adminOf.push(id);
    }
    if (!mayDeactivate(adminOf, theirs))
      throw new DomainError(
        "forbidden",
        "member_elsewhere",
        "This person also works in workspaces you do not administer; remove them from yours instead",
      );
    const openCases = await openCasesOf(tx, userId);
    if (deactivatedAt) return { person: presentMember(member, ws.policy, actor.userId), openCases };
    for (const id of theirs) {
      const other = await workspaceById(tx, id);
      const role = (await memberOf(tx, id, userId))?.role ?? "";
      keepsAnAdmin(
        await activeAdmins(tx, id, other.policy),
        userId,
        permissionsOf(other.policy, role).has("user.manage"),
      );
    }
    await tx
      .update(users)
      .set({
        deactivatedAt: now,
        deactivatedBy: actorIdOf(actor),
        version: sql`${users.version} + 1`,
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    const revokedSessions = await revokeAllSessions(tx, userId, now);
    const revokedTokens = await revokeUserTokens(tx, userId, now, actorIdOf(actor));
    await emit(tx, {
      name: "user.deactivated",
      actorId: actorIdOf(actor),
      workspaceId: ws.id,
      subjectId: userId,
      data: { revokedSessions, revokedTokens, openCases: openCases.map((c) => c.number) },
    });
    const after = await memberOf(tx, ws.id, userId);
    if (!after) throw new Error("member vanished");
    return { person: presentMember(after, ws.policy, actor.userId), openCases };
  });
}
