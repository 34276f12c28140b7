import type { FastifyBaseLogger } from "fastify";
import type { PgBoss } from "pg-boss";
import type { MailSettings } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { ChannelSender } from "../notify/channel.ts";
import { chatSender } from "../notify/chat.ts";
import { mailboxSender } from "../notify/email/mailbox.ts";
import { smtpSender } from "../notify/email/smtp.ts";
import { DELIVERIES_CHANNEL } from "../notify/outbox.ts";
import { DEFAULT_RETRY, type RetrySchedule } from "../notify/retry.ts";
import { webhookSender } from "../notify/webhooks.ts";
import { attemptDelivery, LeaseHeld } from "./delivery-attempt.ts";
import { DELIVERY_QUEUE, RELAY_BATCH, relayOnce } from "./delivery-relay.ts";
import { pollers, startJobQueue, stopPart } from "./job-queue.ts";

export interface DeliveryWorkerOptions {
  retry: RetrySchedule;
  /**
   * How long one attempt holds its message: a live attempt renews it every third of this, so a
   * process that dies mid-send lets go within this many seconds.
   */
  leaseSeconds: number;
  /** A message due this long ago and still waiting gets a fresh job: its own was lost. */
  staleSeconds: number;
  /**
   * pg-boss's heartbeat on delivery jobs: a worker that stops beating (its process died) has its
   * jobs failed and retried by another process within about twice this (pg-boss's minimum: 10).
   */
  heartbeatSeconds: number;
  /** An extra in-process relay pass this often; production relies on commits and the schedule. */
  relayEveryMs: number | undefined;
  /** How often an idle worker looks for due jobs; with NOTIFY working, the slower backstop. */
  pollingIntervalSeconds: number;
  notifyPollingIntervalSeconds: number;
  /** Jobs fetched per poll; a full batch is followed by another fetch at once. */
  batchSize: number;
  /** Pollers in this process, each attempting its batch at once; 0 only relays. */
  concurrency: number;
}

export const DEFAULT_WORKER: DeliveryWorkerOptions = {
  retry: DEFAULT_RETRY,
  leaseSeconds: 15,
  staleSeconds: 300,
  heartbeatSeconds: 10,
  relayEveryMs: undefined,
  pollingIntervalSeconds: 2,
  // A new job wakes workers at once through NOTIFY; a retry that comes due does not, so this is
  // how late a retry may start.
  notifyPollingIntervalSeconds: 10,
  batchSize: 10,
  concurrency: 2,
};

/**
 * What the delivery worker needs of its pg-boss instance, its own or the process's shared one:
 * the relay's schedule, supervision as often as the jobs' heartbeat (so a dead process's sends
 * resume within seconds), and LISTEN (a new message's job wakes a worker at once).
 */
export const deliveryInstance = (heartbeatSeconds: number) =>
  ({ schedule: true, superviseSeconds: heartbeatSeconds, listen: true }) as const;

/** The relay's backstop: once a minute across all processes, a pass for messages left behind. */
export const RELAY_QUEUE = "baton-delivery-relay";

export interface DeliveryWorker {
  /** Looks for messages without a job now rather than at the next commit or tick. */
  kick(): void;
  /** Whether this process's delivery pollers are running and polling (for /readyz). */
  health(): { ok: boolean; detail: string };
  stop(): Promise<void>;
}

/**
 * Sends the outbox (docs/decisions/0007, docs/notifications.md): the relay gives every message
 * without a job its pg-boss job, woken by the commit that wrote it; workers in any process attempt
 * them. Email goes to the configured SMTP server, or without one to the local mailbox.
 */
export async function startDeliveryWorker(input: {
  database: Database;
  mail: MailSettings;
  log: FastifyBaseLogger;
  options?: Partial<DeliveryWorkerOptions>;
  /** BATON_PUBLIC_URL: chat posts link to the case page when it is known. */
  publicUrl?: string | undefined;
  /**
   * The process's job queue (src/jobs/background.ts), started with schedules, LISTEN and
   * `superviseSeconds` at the heartbeat; without it the worker starts an instance of its own.
   */
  boss?: PgBoss;
}): Promise<DeliveryWorker> {
  const { database, mail, log } = input;
  const o = { ...DEFAULT_WORKER, ...input.options };
  const db = database.db;
  const boss =
    input.boss ??
    (await startJobQueue(database, log, {
      ...deliveryInstance(o.heartbeatSeconds),
      instanceName: "baton-deliveries",
    }));
  await boss.createQueue(DELIVERY_QUEUE, { notify: true, heartbeatSeconds: o.heartbeatSeconds });
  // Queues made by an earlier version lack the heartbeat; pg-boss keeps a queue's first options.
  await boss.updateQueue(DELIVERY_QUEUE, { heartbeatSeconds: o.heartbeatSeconds });
  await boss.createQueue(RELAY_QUEUE, { policy: "stately" });
  await boss.schedule(RELAY_QUEUE, "* * * * *");
  const senders: Record<string, ChannelSender> = {
    email: mail.smtp ? smtpSender(mail, mail.smtp) : mailboxSender(db, mail),
    webhook: webhookSender(db),
    chat: chatSender(db, { publicUrl: input.publicUrl }),
  };

  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        while (!stopped && (await relayOnce(db, boss, o, log)) === RELAY_BATCH) {}
      } while (again && !stopped);
    })()
      .catch((err) => log.error({ err }, "delivery relay failed"))
      .finally(() => {
        running = undefined;
      });
  }

  const context = {
    db,
    senders,
    retry: o.retry,
    leaseSeconds: o.leaseSeconds,
    log,
    rescheduled: kick,
  };
  if (o.concurrency > 0)
    await boss.work<{ deliveryId: number }>(
      DELIVERY_QUEUE,
      {
        batchSize: o.batchSize,
        burstWhenBatchFull: true,
        perJobResults: true,
        localConcurrency: o.concurrency,
        pollingIntervalSeconds: o.pollingIntervalSeconds,
        notifyPollingIntervalSeconds: Math.max(
          o.pollingIntervalSeconds,
          o.notifyPollingIntervalSeconds,
        ),
      },
      // The batch's messages go out side by side; each job settles on its own, so one message
      // whose lease is still held (or a database error) is retried without the others.
      async (jobs) =>
        Promise.all(
          jobs.map((job) =>
            attemptDelivery(context, job.data.deliveryId, job.id).then(
              () => ({ id: job.id, status: "completed" as const }),
              (error: unknown) => {
                if (!(error instanceof LeaseHeld))
                  log.error({ err: error, delivery: job.data.deliveryId }, "delivery job failed");
                return { id: job.id, status: "failed" as const, output: { error: String(error) } };
              },
            ),
          ),
        ),
    );
  await boss.work(RELAY_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    kick();
    await running;
  });
  // After a lost LISTEN connection comes back, commits made meanwhile woke nobody: relay now.
  const unlisten = await database.listen(DELIVERIES_CHANNEL, kick, kick);
  const timer = o.relayEveryMs ? setInterval(kick, o.relayEveryMs) : undefined;
  timer?.unref();
  kick();

  // A poller that has not fetched for three backstop intervals is stuck (or its database gone).
  const quietLimitMs =
    3 * Math.max(o.pollingIntervalSeconds, o.notifyPollingIntervalSeconds) * 1000 + 5_000;
  const health = () => {
    if (stopped) return { ok: false, detail: "the delivery worker has stopped" };
    if (o.concurrency === 0) return { ok: true, detail: "this process relays; others send" };
    const { total, polling } = pollers(boss, [DELIVERY_QUEUE], quietLimitMs);
    if (total === 0) return { ok: false, detail: "no delivery poller is running" };
    if (polling < total)
      return {
        ok: false,
        detail: `${total - polling} of ${total} delivery pollers have not polled lately`,
      };
    return { ok: true, detail: `${total} delivery pollers polling` };
  };

  return {
    kick,
    health,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await unlisten();
      await running;
      // Waits for attempts under way; one cut off here is retried once its heartbeat stops.
      await stopPart(boss, !input.boss, [DELIVERY_QUEUE, RELAY_QUEUE]);
      for (const sender of Object.values(senders)) sender.close();
    },
  };
}
