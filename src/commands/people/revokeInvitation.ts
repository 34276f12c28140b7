import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { type Actor, actorIdOf } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { invitations } from "../../db/schema.ts";
import { lockedInvitation } from "../../loaders/people.ts";
import { peopleWorkspace } from "../../loaders/people-workspace.ts";
import { presentInvitation } from "../../presenters/people.ts";
import { emit } from "../../writes/emit.ts";
import type { invitationVersionInput } from "./resendInvitation.ts";

/** An admin withdraws an invitation: its link stops working at once. */
export async function revokeInvitation(
  db: Db,
  actor: Actor,
  slug: string,
  id: string,
  input: z.infer<typeof invitationVersionInput>,
  now: Date = new Date(),
) {
  const ws = await peopleWorkspace(db, actor, slug);
  return db.transaction(async (tx) => {
    const row = await lockedInvitation(tx, ws.id, id, input.version);
    if (row.revokedAt) return presentInvitation(row, ws.policy, now);
    const [stored] = await tx
      .update(invitations)
      .set({ revokedAt: now, version: sql`${invitations.version} + 1` })
      .where(eq(invitations.id, row.id))
      .returning();
    if (!stored) throw new Error("invitation vanished");
    await emit(tx, {
      name: "invitation.revoked",
      actorId: actorIdOf(actor),
      workspaceId: ws.id,
      subjectId: row.id,
      data: { email: row.email },
    });
    return presentInvitation(stored, ws.policy, now);
  });
}
