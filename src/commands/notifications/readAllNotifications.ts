import { and, isNull } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import { ownedBy } from "../../loaders/notifications.ts";
import { signalRead } from "../../writes/notification-signal.ts";

export async function readAllNotifications(db: Db, actor: Actor) {
  return db.transaction(async (tx) => {
    const done = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(ownedBy(actor), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (done.length) await signalRead(tx, actor.userId, Math.max(...done.map((d) => d.id)));
    return { read: done.length };
  });
}
