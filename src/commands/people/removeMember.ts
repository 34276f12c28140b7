import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { type Actor, actorIdOf } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { memberships, users } from "../../db/schema.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { keepsAnAdmin } from "../../domain/people/roster.ts";
import { permissionsOf } from "../../domain/policy/parse.ts";
import { activeAdmins, lockedMember, openCasesOf } from "../../loaders/people.ts";
import { peopleWorkspace } from "../../loaders/people-workspace.ts";
import { emit } from "../../writes/emit.ts";

export const personVersionInput = z.strictObject({
  version: rowVersion.describe("The person's version as you last read it"),
});

/**
 * An admin takes someone out of the workspace. Their account and other workspaces stay; the cases
 * they still hold here are listed, to hand off.
 */
export async function removeMember(
  db: Db,
  actor: Actor,
  slug: string,
  userId: string,
  input: z.infer<typeof personVersionInput>,
) {
  const ws = await peopleWorkspace(db, actor, slug);
  return db.transaction(async (tx) => {
    const { member } = await lockedMember(tx, ws.id, userId, input.version);
    keepsAnAdmin(
      await activeAdmins(tx, ws.id, ws.policy),
      userId,
      permissionsOf(ws.policy, member.role).has("user.manage"),
    );
    const openCases = await openCasesOf(tx, userId, ws.id);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, ws.id)));
    await tx
      .update(users)
      .set({ version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await emit(tx, {
      name: "membership.removed",
      actorId: actorIdOf(actor),
      workspaceId: ws.id,
      subjectId: userId,
      data: { workspace: ws.slug, role: member.role, openCases: openCases.map((c) => c.number) },
    });
    return { removed: userId, openCases };
  });
}
