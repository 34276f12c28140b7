import { and, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { deliveries } from "../../db/schema.ts";
import { forbidden, ruleBroken } from "../../domain/errors.ts";
import { loadDelivery } from "../../loaders/deliveries.ts";
import { emit } from "../../writes/emit.ts";
import { getDelivery } from "./getDelivery.ts";

/**
 * Sends a failed message again, or a waiting one now. The retry schedule starts over; the relay
 * gives it a new job when this commits.
 */
export async function retryDelivery(db: Db, actor: Actor, id: number) {
  const { all, ws } = await loadDelivery(db, actor, id);
  if (!all) throw forbidden("Your role may not retry deliveries");
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(deliveries)
      .set({
        state: "queued",
        jobId: null,
        attempts: 0,
        nextAttemptAt: sql`now()`,
        failedAt: null,
        retriedBy: actor.userId,
        retriedAt: sql`now()`,
      })
      .where(and(eq(deliveries.id, id), inArray(deliveries.state, ["failed", "retrying"])))
      .returning({ id: deliveries.id });
    if (!row) return row;
    await emit(tx, {
      name: "delivery.retried",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: String(id),
      data: {},
    });
    return row;
  });
  if (!done)
    throw ruleBroken("not_retriable", "Only a failed or waiting message can be retried", "state");
  return getDelivery(db, actor, id);
}
