import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import { newTrackerSecret } from "../../auth/tracker-signature.ts";
import type { Db } from "../../db/client.ts";
import { trackerSecrets } from "../../db/schema.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { emit } from "../../writes/emit.ts";

/**
 * A new secret for the workspace's tracker webhook, replacing any earlier one at once; it is shown
 * this once, for the admin to paste into the tracker.
 */
export async function rotateTrackerSecret(db: Db, actor: Actor, slug: string) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "policy.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const secret = newTrackerSecret();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(trackerSecrets)
      .values({ workspaceId: ws.id, secret, createdBy: actor.userId, createdAt: now })
      .onConflictDoUpdate({
        target: trackerSecrets.workspaceId,
        set: { secret, createdBy: actor.userId, createdAt: now },
      });
    await emit(tx, {
      name: "tracker.secret_rotated",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: ws.id,
      data: {},
    });
  });
  return { secret, path: `/api/v1/hooks/tracker/${ws.slug}`, createdAt: now.toISOString() };
}
