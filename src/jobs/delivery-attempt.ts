import { and, eq, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../db/client.ts";
import { deliveries } from "../db/schema.ts";
import { type ChannelSender, DeliveryFailure, type DeliveryRow } from "../notify/channel.ts";
import { nextRetryDelay, type RetrySchedule } from "../notify/retry.ts";
import { deliveriesSettled, deliveryLatency } from "./delivery-metrics.ts";

const secondsFromNow = (s: number): SQL => sql`now() + make_interval(secs => ${s})`;

export interface AttemptContext {
  db: Db;
  senders: Readonly<Record<string, ChannelSender>>;
  retry: RetrySchedule;
  leaseSeconds: number;
  log: FastifyBaseLogger;
  /** Called when a message waits for a retry, so that the relay gives it its next job. */
  rescheduled(): void;
}

/** The job's attempt is still running in a live process (its lease holds): pg-boss retries later. */
export class LeaseHeld extends Error {}

/**
 * Takes a message for one attempt, if this job is still the one meant to attempt it. A row this
 * same job holds under a live lease is a retry of a job whose worker was presumed dead too soon:
 * that is thrown, so pg-boss tries again after the lease has had time to run out.
 */
async function claim(db: Db, id: number, jobId: string, leaseSeconds: number) {
  const [row] = await db
    .update(deliveries)
    .set({
      state: "sending",
      attempts: sql`${deliveries.attempts} + 1`,
      leaseUntil: secondsFromNow(leaseSeconds),
      lastAttemptAt: sql`now()`,
    })
    .where(
      and(
        eq(deliveries.id, id),
        eq(deliveries.jobId, jobId),
        or(
          inArray(deliveries.state, ["queued", "retrying"]),
          and(eq(deliveries.state, "sending"), lt(deliveries.leaseUntil, sql`now()`)),
        ),
      ),
    )
    .returning();
  if (row) return row;
  const [held] = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(eq(deliveries.id, id), eq(deliveries.jobId, jobId), eq(deliveries.state, "sending")),
    );
  if (held) throw new LeaseHeld(`delivery ${id} is being sent under a lease that has not run out`);
  return undefined;
}

/** The row is still this attempt's: same job, same attempt count, still `sending`. */
const stillThisAttempt = (d: DeliveryRow, jobId: string) =>
  and(
    eq(deliveries.id, d.id),
    eq(deliveries.state, "sending"),
    eq(deliveries.jobId, jobId),
    eq(deliveries.attempts, d.attempts),
  );

/**
 * Keeps a live attempt's lease ahead of the clock, so the lease can be short: a process that dies
 * mid-send stops renewing, and its message can be taken over seconds later rather than minutes.
 */
function renewLease(c: AttemptContext, d: DeliveryRow, jobId: string): () => void {
  const timer = setInterval(
    () => {
      void c.db
        .update(deliveries)
        .set({ leaseUntil: secondsFromNow(c.leaseSeconds) })
        .where(stillThisAttempt(d, jobId))
        .catch((err: unknown) => c.log.warn({ err, delivery: d.id }, "delivery lease not renewed"));
    },
    Math.max(250, (c.leaseSeconds * 1000) / 3),
  );
  timer.unref();
  return () => clearInterval(timer);
}

type Outcome = { response: string } | DeliveryFailure;

/** What the row becomes after an attempt: sent, failed, or waiting for its next try. */
function outcomeChanges(d: DeliveryRow, outcome: Outcome, retry: RetrySchedule) {
  if (!(outcome instanceof DeliveryFailure))
    return { state: "sent", sentAt: sql`now()`, response: outcome.response, lastError: null };
  // A retry by hand starts the schedule over.
  const age = (Date.now() - (d.retriedAt ?? d.createdAt).getTime()) / 1000;
  const delay = outcome.permanent ? null : nextRetryDelay(retry, d.attempts, age);
  if (delay === null)
    return {
      state: "failed",
      failedAt: sql`now()`,
      lastError: outcome.permanent
        ? outcome.message
        : `Gave up after ${d.attempts} attempts: ${outcome.message}`,
    };
  return {
    state: "retrying",
    nextAttemptAt: secondsFromNow(delay),
    jobId: null,
    lastError: outcome.message,
  };
}

/**
 * One attempt at one message, for the pg-boss job `jobId`. The outcome is stored only while the
 * row is still this attempt's (same job, same attempt count, still `sending`): an attempt that
 * outlived its lease cannot overwrite the one that took over.
 */
export async function attemptDelivery(
  c: AttemptContext,
  deliveryId: number,
  jobId: string,
): Promise<void> {
  const d = await claim(c.db, deliveryId, jobId, c.leaseSeconds);
  if (!d) return;
  const sender = c.senders[d.channel];
  let outcome: Outcome;
  const stopRenewing = renewLease(c, d, jobId);
  try {
    if (!sender) throw new DeliveryFailure(`No sender for channel ${d.channel}`, true);
    outcome = await sender.send(d);
  } catch (error) {
    outcome =
      error instanceof DeliveryFailure
        ? error
        : new DeliveryFailure(error instanceof Error ? error.message : String(error), false);
  } finally {
    stopRenewing();
  }
  const changes: PgUpdateSetSource<typeof deliveries> & { lastError: string | null } =
    outcomeChanges(d, outcome, c.retry);
  const [done] = await c.db
    .update(deliveries)
    .set({ ...changes, leaseUntil: null })
    .where(stillThisAttempt(d, jobId))
    .returning({ state: deliveries.state });
  const about = { delivery: d.id, topic: d.topic, attempts: d.attempts };
  const error = changes.lastError;
  if (done) deliveriesSettled.inc({ channel: d.channel, outcome: done.state });
  if (!done) c.log.warn(about, "delivery attempt outlived its lease; another attempt took over");
  else if (done.state === "sent") {
    deliveryLatency.observe({ channel: d.channel }, (Date.now() - d.createdAt.getTime()) / 1000);
    c.log.info(about, "delivery sent");
  } else if (done.state === "failed") c.log.error({ ...about, error }, "delivery failed");
  else {
    c.log.warn({ ...about, error }, "delivery will be retried");
    c.rescheduled();
  }
}
