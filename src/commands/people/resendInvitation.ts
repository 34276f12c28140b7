import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { invitations } from "../../db/schema.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { lockedInvitation } from "../../loaders/people.ts";
import { peopleWorkspace } from "../../loaders/people-workspace.ts";
import { presentInvitation } from "../../presenters/people.ts";
import { type InvitationSettings, sendInvitationLink } from "../../writes/invitations.ts";

export const invitationVersionInput = z.strictObject({
  version: rowVersion.describe("The invitation's version as you last read it"),
});

/** A new link for an invitation not yet accepted: the old link stops working, a fresh one is mailed. */
export async function resendInvitation(
  db: Db,
  actor: Actor,
  slug: string,
  id: string,
  input: z.infer<typeof invitationVersionInput>,
  settings: InvitationSettings,
) {
  const ws = await peopleWorkspace(db, actor, slug);
  const now = settings.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await lockedInvitation(tx, ws.id, id, input.version);
    const link = await sendInvitationLink(tx, actor, ws, row, { ...settings, now }, true);
    const [stored] = await tx.select().from(invitations).where(eq(invitations.id, row.id));
    if (!stored) throw new Error("invitation vanished");
    return { invitation: presentInvitation(stored, ws.policy, now), link };
  });
}
