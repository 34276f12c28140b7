import type { Db } from "../../db/client.ts";
import { lockEndedOffQueue } from "../../loaders/off-queue.ts";
import { moveOffQueue } from "../../writes/off-queue.ts";

/**
 * Ends time off queue whose hours are up (run each minute by the sweeper): the agent is back on
 * queue and routing sends them what waits (S4.6: "it ends on time by itself"). Rows another
 * process holds are skipped. Answers how many ended.
 */
export async function endExpiredOffQueue(db: Db, now: Date, batch = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await lockEndedOffQueue(tx, now, batch);
    for (const r of due)
      await moveOffQueue(tx, r, { to: "ended", version: r.row.version, actorId: null, now });
    return due.length;
  });
}
