import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases } from "../../db/schema.ts";
import { OPEN_STATUSES } from "../../domain/case-status.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { autoQueues, routeCase } from "../../reactions/routing.ts";
import { emit } from "../../writes/emit.ts";

/**
 * Offers cases waiting in auto-assigning queues to whoever can take them now: agents whose shift
 * began, who came back, or who have room again (run each minute by the sweeper). Each batch
 * locks cases no other process holds (`SKIP LOCKED`); a case nobody can take stays queued.
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
    routed += await db.transaction(async (tx) => {
      const ids = await tx
        .select({ id: cases.id })
        .from(cases)
        .where(
          and(
            eq(cases.workspaceId, workspaceId),
            eq(cases.queue, queue),
            isNull(cases.ownerId),
            eq(cases.pinned, false),
            inArray(cases.status, [...OPEN_STATUSES]),
          ),
        )
        .orderBy(sql`${cases.slaDueAt} ASC NULLS LAST`, cases.createdAt)
        .limit(batch)
        .for("update", { skipLocked: true });
      let n = 0;
      for (const { id } of ids) {
        const done = await routeCase(tx, (e) => emit(tx, e), {
          caseId: id,
          trigger: "sweep",
          actorId: null,
          now,
          policy,
        });
        if (!done) break;
        n++;
      }
      return n;
    });
  }
  return routed;
}
