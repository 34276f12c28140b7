import { endExpiredOffQueue } from "../commands/agents/endExpiredOffQueue.ts";
import { flagMissedCalls } from "../commands/calls/flagMissedCalls.ts";
import { remindCalls } from "../commands/calls/remindCalls.ts";
import { routeWaitingCases } from "../commands/cases/routeWaitingCases.ts";
import { finishHandedOffLeave } from "../commands/leave/finishHandedOffLeave.ts";
import { raiseStartedLeave } from "../commands/leave/raiseStartedLeave.ts";
import { raiseMissedHandovers } from "../commands/schedule/raiseMissedHandovers.ts";
import { expireOverdueTransfers } from "../commands/transfers/expireOverdueTransfers.ts";
import type { Db } from "../db/client.ts";
import { releasePins } from "../writes/pins.ts";

/**
 * Time-driven work, run each minute as a pg-boss job (src/jobs/timers.ts): transfers whose
 * receiver did not answer in time, pins that ran out, pins held for agents whose booked leave has
 * begun, 24x7 cases left without a handover (S1.5), time off queue whose hours are up (S4.6),
 * leave that began with cases still held (S4.4), customer calls about to start (a reminder) or ended unlogged (missed, S4.3), cases waiting in
 * auto-assigning queues for an agent who can take them now.
 */
export async function sweep(
  db: Db,
  now: Date,
): Promise<{
  expired: number;
  unpinned: number;
  raised: number;
  leaveStarted: number;
  leaveFinished: number;
  backOnQueue: number;
  callsReminded: number;
  callsMissed: number;
  routed: number;
}> {
  const expired = await expireOverdueTransfers(db, now);
  const unpinned = await db.transaction(
    async (tx) =>
      (await releasePins(tx, { expiredBy: now }, null)) +
      (await releasePins(tx, { leaveStartedBy: now }, null)),
  );
  const raised = await raiseMissedHandovers(db, now);
  // Before routing and after the pins are let go: what an absent agent still holds is raised.
  const leaveStarted = await raiseStartedLeave(db, now);
  const leaveFinished = await finishHandedOffLeave(db);
  // Before routing, so an agent back on queue is offered what waits in the same pass.
  const backOnQueue = await endExpiredOffQueue(db, now);
  const callsReminded = await remindCalls(db, now);
  const callsMissed = await flagMissedCalls(db, now);
  const routed = await routeWaitingCases(db, now);
  return {
    expired,
    unpinned,
    raised,
    leaveStarted,
    leaveFinished,
    backOnQueue,
    callsReminded,
    callsMissed,
    routed,
  };
}
