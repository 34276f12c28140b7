import type { FastifyBaseLogger } from "fastify";
import type { PgBoss } from "pg-boss";
import type { Database } from "../db/client.ts";
import { driverOf } from "../db/driver.ts";

/**
 * pg-boss on Baton's database, in its own `pgboss` schema: on PGlite through the one embedded
 * instance (pg-boss's PGlite adapter runs parameterless blocks through `exec`, the rest through
 * `query`), on PostgreSQL through a small pool of its own so that job polling never waits behind
 * web requests for a connection. Installs or upgrades the schema on start.
 */
export async function startJobQueue(
  database: Database,
  log: FastifyBaseLogger,
  options: {
    schedule?: boolean;
    instanceName?: string;
    cronCheckSeconds?: number;
    /** How often pg-boss looks for jobs whose heartbeat stopped (its default: 60 seconds). */
    superviseSeconds?: number;
    /**
     * Whether pg-boss LISTENs to wake this instance's workers on a new job, for its queues
     * created with `notify`. Only then: PostgreSQL wakes every listening connection at each
     * notifying commit, whatever it listens to (docs/performance.md, "One LISTEN connection per
     * process").
     */
    listen?: boolean;
  } = {},
): Promise<PgBoss> {
  const driver = driverOf(database.db);
  const common = {
    // Instances that own a schedule (timers, the delivery relay) turn the cron monitor on.
    schedule: options.schedule ?? false,
    useListenNotify: options.listen ?? false,
    instanceName: options.instanceName ?? "baton",
    ...(options.cronCheckSeconds ? { cronMonitorIntervalSeconds: options.cronCheckSeconds } : {}),
    // A queue is looked at once per monitor interval, so both must be short for a stopped
    // heartbeat to be noticed within seconds.
    ...(options.superviseSeconds
      ? {
          superviseIntervalSeconds: options.superviseSeconds,
          monitorIntervalSeconds: options.superviseSeconds,
        }
      : {}),
  } as const;
  // Loaded when background work starts, after the server answers: pg-boss brings OpenTelemetry's
  // API, cron-parser and rrule, some 170 files, that a start to "healthy" need not wait for.
  const { fromPglite, PgBoss } = await import("pg-boss");
  let boss: PgBoss;
  if (driver.kind === "pglite") {
    if (!driver.instance) throw new Error("the job queue needs the database, not a transaction");
    boss = new PgBoss({ ...common, db: fromPglite(driver.instance), backend: "pglite" });
  } else {
    // pg-boss LISTENs and keeps session state: the session URL, not a transaction pooler's.
    const url = database.sessionUrl ?? driver.pool?.options.connectionString;
    if (!url) throw new Error("the job queue needs a database opened from a connection string");
    boss = new PgBoss({ ...common, connectionString: url, max: 3, application_name: "baton-jobs" });
    // pg-boss's LISTEN goes on the process's one listening connection instead of one of its
    // own: PostgreSQL wakes each listening connection at every notifying commit.
    if (options.listen) shareListening(boss, database);
  }
  boss.on("error", (err) => log.error({ err }, "job queue"));
  boss.on("warning", (warning) => log.warn({ warning }, "job queue"));
  await boss.start();
  return boss;
}

/**
 * Gives pg-boss's own pool Baton's LISTEN (IDatabase.listen, which pg-boss lets an adapter
 * provide): the channel rides the shared connection, which is made again after a loss and then
 * calls `onReconnect`, as pg-boss asks, so that its workers fetch what they were not woken for.
 */
function shareListening(boss: PgBoss, database: Database): void {
  const jobs = boss.getDb();
  jobs.listen = async (channel, onNotification, onReconnect) => {
    const stop = await database.listen(channel, onNotification, onReconnect);
    return { close: stop };
  };
}

/** How long stopping waits for the jobs in hand before leaving them to be retried. */
export const STOP_WAIT_MS = 10_000;

/**
 * Stops one part of the background work: the whole instance when the part started it, else
 * (the process's shared one, src/jobs/background.ts) only its queues' workers. Either way it
 * waits at most STOP_WAIT_MS for the jobs in hand; whatever still runs then is failed and retried
 * once the instance stops.
 */
export async function stopPart(
  boss: PgBoss,
  owned: boolean,
  queues: readonly string[],
): Promise<void> {
  if (owned) return boss.stop({ graceful: true, timeout: STOP_WAIT_MS });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, STOP_WAIT_MS);
  });
  try {
    await Promise.race([Promise.all(queues.map((queue) => boss.offWork(queue))), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Of this instance's pollers on `queues`, how many there are and how many fetched within
 * `quietMs` (a poller that has not is stuck, or its database gone): what readiness reports.
 */
export function pollers(
  boss: PgBoss,
  queues: readonly string[],
  quietMs: number,
): { total: number; polling: number } {
  const now = Date.now();
  const mine = boss.getWipData().filter((w) => queues.includes(w.name));
  const polling = mine.filter(
    (w) => w.state === "active" && now - (w.lastFetchedOn ?? w.createdOn) <= quietMs,
  );
  return { total: mine.length, polling: polling.length };
}
