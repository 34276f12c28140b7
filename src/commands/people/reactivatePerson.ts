import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Actor, actorIdOf } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { lockedMember, memberOf } from "../../loaders/people.ts";
import { peopleWorkspace } from "../../loaders/people-workspace.ts";
import { presentMember } from "../../presenters/people.ts";
import { emit } from "../../writes/emit.ts";
import type { personVersionInput } from "./removeMember.ts";

/** Someone deactivated comes back: they may sign in again (their old sessions and tokens stay ended). */
export async function reactivatePerson(
  db: Db,
  actor: Actor,
  slug: string,
  userId: string,
  input: z.infer<typeof personVersionInput>,
  now: Date = new Date(),
) {
  const ws = await peopleWorkspace(db, actor, slug);
  return db.transaction(async (tx) => {
    const { member, deactivatedAt } = await lockedMember(tx, ws.id, userId, input.version);
    if (!deactivatedAt) return presentMember(member, ws.policy, actor.userId);
    await tx
      .update(users)
      .set({
        deactivatedAt: null,
        deactivatedBy: null,
        version: sql`${users.version} + 1`,
        updatedAt: now,
      })
      .where(eq(users.id, userId));
    await emit(tx, {
      name: "user.reactivated",
      actorId: actorIdOf(actor),
      workspaceId: ws.id,
      subjectId: userId,
      data: {},
    });
    const after = await memberOf(tx, ws.id, userId);
    if (!after) throw new Error("member vanished");
    return presentMember(after, ws.policy, actor.userId);
  });
}
