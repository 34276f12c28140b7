import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Actor, actorIdOf } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { memberships, users } from "../../db/schema.ts";
import { DomainError } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { isRole, keepsAnAdmin } from "../../domain/people/roster.ts";
import { permissionsOf } from "../../domain/policy/parse.ts";
import { activeAdmins, lockedMember, memberOf } from "../../loaders/people.ts";
import { peopleWorkspace } from "../../loaders/people-workspace.ts";
import { presentMember } from "../../presenters/people.ts";
import { emit } from "../../writes/emit.ts";

export const changeRoleInput = z.strictObject({
  role: z.string().max(40).describe("One of the workspace's roles"),
  version: rowVersion.describe("The person's version as you last read it"),
});

/** An admin gives a member another role; the workspace always keeps an admin. */
export async function changeRole(
  db: Db,
  actor: Actor,
  slug: string,
  userId: string,
  input: z.infer<typeof changeRoleInput>,
) {
  const ws = await peopleWorkspace(db, actor, slug);
  if (!isRole(input.role) || !ws.policy.roles.some((r) => r.id === input.role))
    throw new DomainError("rule", "unknown_role", "role: is not a role of this workspace", {
      issues: [{ field: "role", message: "is not a role of this workspace" }],
    });
  return db.transaction(async (tx) => {
    const { member } = await lockedMember(tx, ws.id, userId, input.version);
    if (member.role === input.role) return presentMember(member, ws.policy, actor.userId);
    const losing =
      permissionsOf(ws.policy, member.role).has("user.manage") &&
      !permissionsOf(ws.policy, input.role).has("user.manage");
    keepsAnAdmin(await activeAdmins(tx, ws.id, ws.policy), userId, losing);
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, ws.id)));
    await tx
      .update(users)
      .set({ version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await emit(tx, {
      name: "membership.role_changed",
      actorId: actorIdOf(actor),
      workspaceId: ws.id,
      subjectId: userId,
      data: { workspace: ws.slug, from: member.role, to: input.role },
    });
    const after = await memberOf(tx, ws.id, userId);
    if (!after) throw new Error("member vanished");
    return presentMember(after, ws.policy, actor.userId);
  });
}
