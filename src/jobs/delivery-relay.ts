import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { PgBoss } from "pg-boss";
import type { Db } from "../db/client.ts";
import { sqlExecutor } from "../db/driver.ts";
import { deliveries } from "../db/schema.ts";

export const DELIVERY_QUEUE = "baton-deliveries";
export const RELAY_BATCH = 100;

export interface RelayOptions {
  staleSeconds: number;
  heartbeatSeconds: number;
}

/**
 * Gives up to RELAY_BATCH messages without a job their pg-boss job, starting at their
 * `next_attempt_at`, in one transaction with storing the job's id on the row: the jobs exist
 * exactly when the marks do. Rows another process is relaying are skipped, not waited for.
 * Also takes back rows whose job was lost: due `staleSeconds` ago and still waiting, or still
 * `sending` that long after their lease ran out. Returns how many rows it took.
 */
export async function relayOnce(
  db: Db,
  boss: PgBoss,
  o: RelayOptions,
  log: FastifyBaseLogger,
): Promise<number> {
  const stale = sql`now() - make_interval(secs => ${o.staleSeconds})`;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: deliveries.id, state: deliveries.state, jobId: deliveries.jobId })
      .from(deliveries)
      .where(
        or(
          and(
            inArray(deliveries.state, ["queued", "retrying"]),
            or(isNull(deliveries.jobId), lt(deliveries.nextAttemptAt, stale)),
          ),
          and(eq(deliveries.state, "sending"), lt(deliveries.leaseUntil, stale)),
        ),
      )
      .orderBy(deliveries.id)
      .limit(RELAY_BATCH)
      .for("update", { skipLocked: true });
    const jobs = [];
    for (const row of rows) {
      // A message whose job was lost, or whose attempt died with its process, starts over now.
      const lost = row.jobId !== null;
      const [set] = await tx
        .update(deliveries)
        .set({
          jobId: randomUUID(),
          ...(lost
            ? {
                ...(row.state === "sending" ? { state: "retrying" } : {}),
                leaseUntil: null,
                nextAttemptAt: sql`now()`,
              }
            : {}),
        })
        .where(eq(deliveries.id, row.id))
        .returning({ jobId: deliveries.jobId, startAfter: deliveries.nextAttemptAt });
      if (!set?.jobId) continue;
      if (lost) log.warn({ delivery: row.id, state: row.state }, "delivery lost its job; requeued");
      jobs.push({
        id: set.jobId,
        data: { deliveryId: row.id },
        startAfter: set.startAfter,
        // A worker that stops beating (its process died) has the job failed and retried by
        // another; the bound on one attempt is the SMTP sender's own timeouts, well inside this.
        heartbeatSeconds: o.heartbeatSeconds,
        expireInSeconds: 900,
        // For the worker's own failures (a dead process, the database unreachable, a lease still
        // held); the receiver's refusals are rescheduled by Baton's retry schedule instead.
        retryLimit: 20,
        retryDelay: 5,
        retryBackoff: true,
        retryDelayMax: 300,
      });
    }
    if (jobs.length) await boss.insert(DELIVERY_QUEUE, jobs, { db: sqlExecutor(tx) });
    return rows.length;
  });
}
