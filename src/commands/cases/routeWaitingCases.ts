import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases } from "../../db/schema.ts";
import { OPEN_STATUSES } from "../../domain/case-status.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { autoQueues, routeQueue } from "../../reactions/routing.ts";
import { emittingIn } from "../../writes/emit.ts";

/** Batches per queue in one pass, so one busy queue cannot hold the pass up for long. */
const MAX_ROUNDS = 20;

/**
 * Offers cases waiting in auto-assigning queues to whoever can take them now: agents whose shift
 * began, who came back, or who have room again (run each minute by the sweeper). Each batch
 * locks cases no other process holds (`SKIP LOCKED`) and is routed in one transaction
 * (`routeQueue`); a case nobody can take stays queued.
 * Answers how many were assigned.
 */
export async function routeWaitingCases(db: Db, now: Date, batch = 50): Promise<number> {
  const waiting = await db
    .selectDistinct({ workspaceId: cases.workspaceId, queue: cases.queue })
    .from(cases)
    .where(
      and(
        isNull(cases.ownerId),
        eq(cases.pinned, false),
        inArray(cases.status, [...OPEN_STATUSES]),
      ),
    );
  const policies = new Map<string, Policy>();
  let routed = 0;
  for (const { workspaceId, queue } of waiting) {
    let policy = policies.get(workspaceId);
    if (!policy) {
      policy = (await workspaceById(db, workspaceId)).policy;
      policies.set(workspaceId, policy);
    }
    if (!autoQueues(policy).includes(queue)) continue;
    // Batch after batch while whole batches go out: a backlog drains in one pass.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const given = await db.transaction(
        async (tx) =>
          (
            await routeQueue(tx, emittingIn(tx), {
              workspaceId,
              queue,
              limit: batch,
              trigger: "sweep",
              actorId: null,
              now,
              policy,
            })
          ).length,
      );
      routed += given;
      if (given < batch) break;
    }
  }
  return routed;
}
