import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { managedSubscription } from "../../loaders/webhooks.ts";
import { enqueuePing } from "../../notify/webhooks.ts";

/** Queues a `ping` event for this one subscription; answers the delivery to follow in the log. */
export async function pingWebhook(db: Db, actor: Actor, id: string) {
  const { sub, workspace } = await managedSubscription(db, actor, id);
  const deliveryId = await db.transaction((tx) =>
    enqueuePing(
      tx,
      { id: sub.id, url: sub.url, format: sub.format, workspace, workspaceId: sub.workspaceId },
      actor.userId,
    ),
  );
  return { queued: true, deliveryId };
}
