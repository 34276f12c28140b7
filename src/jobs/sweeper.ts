import type { FastifyBaseLogger } from "fastify";
import { raiseMissedHandovers } from "../commands/schedule/raiseMissedHandovers.ts";
import { expireOverdueTransfers } from "../commands/transfers/expireOverdueTransfers.ts";
import type { Db } from "../db/client.ts";
import { releasePins } from "../writes/pins.ts";

/**
 * Time-driven work: transfers whose receiver did not answer in time, pins that ran out, pins
 * held for agents whose booked leave has begun, 24x7 cases left without a handover (S1.5).
 */
export async function sweep(
  db: Db,
  now: Date,
): Promise<{ expired: number; unpinned: number; raised: number }> {
  const expired = await expireOverdueTransfers(db, now);
  const unpinned = await db.transaction(
    async (tx) =>
      (await releasePins(tx, { expiredBy: now }, null)) +
      (await releasePins(tx, { leaveStartedBy: now }, null)),
  );
  const raised = await raiseMissedHandovers(db, now);
  return { expired, unpinned, raised };
}

export function startSweeper(db: Db, log: FastifyBaseLogger, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep(db, new Date())
      .then((r) => {
        if (r.expired || r.unpinned || r.raised) log.info(r, "sweeper");
      })
      .catch((err) => log.error({ err }, "sweeper failed"))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
