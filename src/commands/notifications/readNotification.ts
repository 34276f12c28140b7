import { and, eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { notifications } from "../../db/schema.ts";
import { notFound } from "../../domain/errors.ts";
import { ownedBy } from "../../loaders/notifications.ts";
import { signalRead } from "../../writes/notification-signal.ts";

/** Marks one of mine read (again is fine); someone else's is reported as missing. */
export async function readNotification(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: notifications.id, readAt: notifications.readAt })
      .from(notifications)
      .where(and(ownedBy(actor), eq(notifications.id, id)))
      .for("update");
    if (!row) throw notFound("Notification");
    if (row.readAt) return { id, readAt: row.readAt.toISOString() };
    const [updated] = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(eq(notifications.id, id))
      .returning({ readAt: notifications.readAt });
    await signalRead(tx, actor.userId, id);
    return { id, readAt: updated?.readAt?.toISOString() ?? null };
  });
}
