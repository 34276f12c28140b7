import { and, asc, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { deliveries, mailboxMessages } from "../db/schema.ts";

export interface RetentionResult {
  deliveries: number;
  mailbox: number;
}

/**
 * Deletes sent and failed messages settled more than `days` ago, with their local-mailbox copies
 * (which reference them), `batch` rows per transaction so no pass holds many locks or a long
 * transaction. Messages still on their way (queued, sending, retrying) are never touched, however
 * old. Rows another process is deleting are skipped, so two processes may run it at once.
 */
export async function pruneDeliveries(
  db: Db,
  days: number,
  batch = 500,
  now: Date = new Date(),
): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const total: RetentionResult = { deliveries: 0, mailbox: 0 };
  for (;;) {
    const done = await db.transaction(async (tx) => {
      // Oldest first along the primary key: old rows sit at its start, so a pass stops early.
      const rows = await tx
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          and(
            inArray(deliveries.state, ["sent", "failed"]),
            sql`coalesce(${deliveries.sentAt}, ${deliveries.failedAt}, ${deliveries.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(asc(deliveries.id))
        .limit(batch)
        .for("update", { skipLocked: true });
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return { deliveries: 0, mailbox: 0 };
      const mailbox = await tx
        .delete(mailboxMessages)
        .where(inArray(mailboxMessages.deliveryId, ids))
        .returning({ id: mailboxMessages.id });
      const gone = await tx
        .delete(deliveries)
        .where(inArray(deliveries.id, ids))
        .returning({ id: deliveries.id });
      return { deliveries: gone.length, mailbox: mailbox.length };
    });
    total.deliveries += done.deliveries;
    total.mailbox += done.mailbox;
    if (done.deliveries < batch) return total;
  }
}
