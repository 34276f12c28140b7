import type { FastifyBaseLogger } from "fastify";
import type { MailSettings } from "../config.ts";
import type { Database } from "../db/client.ts";
import {
  DEFAULT_WORKER,
  type DeliveryWorker,
  deliveryInstance,
  startDeliveryWorker,
} from "./deliveries.ts";
import { STOP_WAIT_MS, startJobQueue } from "./job-queue.ts";
import { startTimers, type Timers } from "./timers.ts";

export interface Background {
  deliveries: DeliveryWorker;
  timers: Timers;
  /** Whether every poller runs and polls (for /readyz). */
  health(): { ok: boolean; detail: string };
  /** Timers first, then deliveries (finishing their attempts), then the job queue. */
  stop(): Promise<void>;
}

/**
 * A process's background work on one pg-boss instance: the deliveries and the timers share its
 * pool (three connections), its schedule and supervision loops, and its LISTEN, which rides the
 * process's one listening connection. Two instances cost three connections and a set of loops
 * more (docs/deploy.md).
 */
export async function startBackground(input: {
  database: Database;
  mail: MailSettings;
  log: FastifyBaseLogger;
  publicUrl: string | undefined;
  retentionDays: number | null;
}): Promise<Background> {
  const { database, log } = input;
  // The timers need only the schedules, which the deliveries' needs include.
  const boss = await startJobQueue(database, log, {
    ...deliveryInstance(DEFAULT_WORKER.heartbeatSeconds),
    instanceName: "baton",
  });
  let sending: DeliveryWorker | undefined;
  let timers: Timers;
  try {
    sending = await startDeliveryWorker({
      database,
      mail: input.mail,
      log,
      publicUrl: input.publicUrl,
      boss,
    });
    timers = await startTimers({ database, log, retentionDays: input.retentionDays, boss });
  } catch (error) {
    await sending?.stop().catch(() => {});
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }
  const deliveries = sending;
  return {
    deliveries,
    timers,
    health: () => {
      const parts = [deliveries.health(), timers.health()];
      return { ok: parts.every((p) => p.ok), detail: parts.map((p) => p.detail).join("; ") };
    },
    stop: async () => {
      await timers.stop();
      await deliveries.stop();
      await boss.stop({ graceful: true, timeout: STOP_WAIT_MS });
    },
  };
}
