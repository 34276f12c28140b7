import { eq, sql } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { webhookSubscriptions } from "../../db/schema.ts";
import { managedSubscription } from "../../loaders/webhooks.ts";
import { emit } from "../../writes/emit.ts";

/** Stops posting to it; messages still waiting for it fail rather than go out. */
export async function deleteWebhook(db: Db, actor: Actor, id: string): Promise<void> {
  const { sub } = await managedSubscription(db, actor, id);
  await db.transaction(async (tx) => {
    await tx
      .update(webhookSubscriptions)
      .set({ active: false, version: sql`${webhookSubscriptions.version} + 1` })
      .where(eq(webhookSubscriptions.id, sub.id));
    await emit(tx, {
      name: "webhook.deleted",
      actorId: actor.userId,
      workspaceId: sub.workspaceId,
      subjectId: sub.id,
      data: { url: sub.url },
    });
  });
}
