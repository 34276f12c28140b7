import type { FastifyBaseLogger } from "fastify";
import type { PgBoss } from "pg-boss";
import { refreshAnalytics } from "../commands/analytics/refreshAnalytics.ts";
import { fireClockAlarms } from "../commands/clocks/fireClockAlarms.ts";
import type { Database } from "../db/client.ts";
import { pollers, startJobQueue, stopPart } from "./job-queue.ts";
import { pruneDeliveries } from "./retention.ts";
import { sweep } from "./sweeper.ts";

/** pg-boss queues of Baton's time-driven work; each has a cron schedule of one run a minute. */
export const CLOCK_QUEUE = "baton-clock-alarms";
export const SWEEP_QUEUE = "baton-sweep";
/** Pruning the delivery log (BATON_DELIVERY_RETENTION_DAYS), every six hours. */
export const RETENTION_QUEUE = "baton-delivery-retention";
/** Handoff analytics' facts, rollups and capacity snapshot (docs/analytics.md), every 10 minutes. */
export const ANALYTICS_QUEUE = "baton-analytics-refresh";

export interface Timers {
  /** Runs the clock alarms now, as the schedule would (tests, the CLI). */
  runClocks(): Promise<void>;
  /** Whether both time-driven pollers run and poll (for /readyz). */
  health(): { ok: boolean; detail: string };
  stop(): Promise<void>;
}

/**
 * Time-driven work as pg-boss jobs (docs/clocks.md): a cron schedule in the database makes one
 * job a minute per queue, whichever Baton process is up, and a worker in any process runs it.
 * Nothing waits on an in-process timer or an open page: a warning due at 14:00 is raised in the
 * 14:00 minute by whichever process takes the job. The work itself is safe to run twice (alarms
 * are written once; the sweeper's steps lock their rows).
 */
export async function startTimers(input: {
  database: Database;
  log: FastifyBaseLogger;
  /** Cron expression of both schedules; tests may use seconds ("*\/5 * * * * *"). */
  cron?: string;
  /** How often pg-boss checks the schedules (its default: 30 seconds). */
  cronCheckSeconds?: number;
  /** Days the delivery log keeps settled messages; null keeps them forever. */
  retentionDays?: number | null;
  /** The process's job queue (src/jobs/background.ts); without it, an instance of their own. */
  boss?: PgBoss;
}): Promise<Timers> {
  const { database, log } = input;
  const db = database.db;
  const boss =
    input.boss ??
    (await startJobQueue(database, log, {
      schedule: true,
      instanceName: "baton-timers",
      ...(input.cronCheckSeconds ? { cronCheckSeconds: input.cronCheckSeconds } : {}),
    }));
  const cron = input.cron ?? "* * * * *";
  for (const queue of [CLOCK_QUEUE, SWEEP_QUEUE]) {
    // One waiting and one running at most: a slow minute does not pile up runs behind it.
    await boss.createQueue(queue, { policy: "stately" });
    await boss.schedule(queue, cron);
  }
  const runClocks = async () => {
    const r = await fireClockAlarms(db, new Date());
    if (r.warned || r.breached || r.returned || r.late) log.info(r, "clock alarms");
  };
  await boss.work(CLOCK_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => {
    await runClocks();
  });
  await boss.work(SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => {
    const r = await sweep(db, new Date());
    if (Object.values(r).some((n) => n > 0)) log.info(r, "sweeper");
  });
  await boss.createQueue(RETENTION_QUEUE, { policy: "stately" });
  const days = input.retentionDays ?? null;
  if (days === null) await boss.unschedule(RETENTION_QUEUE);
  else {
    // Once every six hours across all processes, at a minute no other schedule uses.
    await boss.schedule(RETENTION_QUEUE, "17 */6 * * *");
    await boss.work(RETENTION_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
      const r = await pruneDeliveries(db, days);
      if (r.deliveries) log.info({ ...r, days }, "delivery log pruned");
    });
  }
  await boss.createQueue(ANALYTICS_QUEUE, { policy: "stately" });
  // At minutes no other schedule uses; the refresh itself takes turns across processes.
  await boss.schedule(ANALYTICS_QUEUE, "3-59/10 * * * *");
  await boss.work(ANALYTICS_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    const r = await refreshAnalytics(db);
    if (r.facts) log.info(r, "analytics refreshed");
  });
  let stopped = false;
  const health = () => {
    if (stopped) return { ok: false, detail: "the timers have stopped" };
    const { polling } = pollers(boss, [CLOCK_QUEUE, SWEEP_QUEUE], 15_000);
    return polling === 2
      ? { ok: true, detail: "clock and sweep pollers polling" }
      : { ok: false, detail: `${polling} of 2 timer pollers polling` };
  };
  return {
    runClocks,
    health,
    stop: async () => {
      stopped = true;
      await stopPart(boss, !input.boss, [
        CLOCK_QUEUE,
        SWEEP_QUEUE,
        RETENTION_QUEUE,
        ANALYTICS_QUEUE,
      ]);
    },
  };
}
