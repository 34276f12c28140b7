import type { FastifyBaseLogger } from "fastify";
import type { MailSettings } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { ChannelSender } from "../notify/channel.ts";
import { chatSender } from "../notify/chat.ts";
import { mailboxSender } from "../notify/email/mailbox.ts";
import { smtpSender } from "../notify/email/smtp.ts";
import { DELIVERIES_CHANNEL } from "../notify/outbox.ts";
import { DEFAULT_RETRY, type RetrySchedule } from "../notify/retry.ts";
import { webhookSender } from "../notify/webhooks.ts";
import { attemptDelivery } from "./delivery-attempt.ts";
import { DELIVERY_QUEUE, RELAY_BATCH, relayOnce } from "./delivery-relay.ts";
import { startJobQueue } from "./job-queue.ts";

export interface DeliveryWorkerOptions {
  retry: RetrySchedule;
  /** How long one attempt may take before another worker presumes it dead and takes over. */
  leaseSeconds: number;
  /** A message due this long ago and still waiting gets a fresh job: its own was lost. */
  staleSeconds: number;
  /** The relay runs on every commit that writes messages, and at least this often. */
  relayEveryMs: number;
  /** How often an idle worker looks for due jobs; with NOTIFY working, the slower backstop. */
  pollingIntervalSeconds: number;
  notifyPollingIntervalSeconds: number;
  /** Messages sent at once by this process; 0 only relays (a process that serves, not sends). */
  concurrency: number;
}

export const DEFAULT_WORKER: DeliveryWorkerOptions = {
  retry: DEFAULT_RETRY,
  // Well above the SMTP sender's own timeouts, so a live attempt is never presumed dead.
  leaseSeconds: 600,
  staleSeconds: 900,
  relayEveryMs: 30_000,
  pollingIntervalSeconds: 2,
  // A new job wakes workers at once through NOTIFY; a retry that comes due does not, so this is
  // how late a retry may start.
  notifyPollingIntervalSeconds: 10,
  concurrency: 2,
};

export interface DeliveryWorker {
  /** Looks for messages without a job now rather than at the next commit or tick. */
  kick(): void;
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
}): Promise<DeliveryWorker> {
  const { database, mail, log } = input;
  const o = { ...DEFAULT_WORKER, ...input.options };
  const db = database.db;
  const boss = await startJobQueue(database, log);
  await boss.createQueue(DELIVERY_QUEUE, { notify: true });
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
        batchSize: 1,
        localConcurrency: o.concurrency,
        pollingIntervalSeconds: o.pollingIntervalSeconds,
        notifyPollingIntervalSeconds: Math.max(
          o.pollingIntervalSeconds,
          o.notifyPollingIntervalSeconds,
        ),
      },
      async ([job]) => {
        if (job) await attemptDelivery(context, job.data.deliveryId, job.id);
      },
    );
  const unlisten = await database.listen(DELIVERIES_CHANNEL, kick);
  const timer = setInterval(kick, o.relayEveryMs);
  timer.unref();
  kick();

  return {
    kick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await unlisten();
      await running;
      // Waits for attempts under way; one cut off here is taken over once its lease runs out.
      await boss.stop({ graceful: true, timeout: 10_000 });
      for (const sender of Object.values(senders)) sender.close();
    },
  };
}
