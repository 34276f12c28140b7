import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry, register } from "prom-client";
import { VERSION } from "../config.ts";
import type { Database, Db } from "../db/client.ts";
import { afterCommit } from "../events/after-commit.ts";
import { poolFigures, replicaLagSeconds, systemFigures } from "../loaders/system-figures.ts";
import type { CaseEventHub } from "./case-events.ts";

let defaultsCollected = false;

/**
 * Prometheus metrics of one app: its requests (by route template, never the raw URL, so ids do not
 * multiply series), and figures read from the database at scrape time. Process-wide metrics
 * (memory, event loop, the delivery worker's counters) live in prom-client's default registry;
 * a scrape merges both.
 */
export function appMetrics(database: Database, hub: CaseEventHub) {
  if (!defaultsCollected) {
    collectDefaultMetrics({ register });
    defaultsCollected = true;
  }
  const registry = new Registry();
  const requests = new Counter({
    name: "baton_http_requests_total",
    help: "HTTP requests answered, by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "baton_http_request_duration_seconds",
    help: "Time to answer HTTP requests, by method and route",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "baton_info",
    help: "Always 1; the labels say which Baton and database this process runs",
    labelNames: ["version", "database"] as const,
    registers: [registry],
    collect() {
      this.set({ version: VERSION, database: database.kind }, 1);
    },
  });
  new Gauge({
    name: "baton_event_streams",
    help: "Live event streams (browser tabs) open on this process",
    registers: [registry],
    collect() {
      this.set(hub.size);
    },
  });
  // A pool's connections by state, read at scrape time (absent on PGlite, which has no pool).
  const poolGauge = (name: string, help: string, db: Db) =>
    new Gauge({
      name,
      help,
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const figures = poolFigures(db);
        if (!figures) return;
        this.set({ state: "total" }, figures.total);
        this.set({ state: "idle" }, figures.idle);
        this.set({ state: "waiting" }, figures.waiting);
      },
    });
  poolGauge(
    "baton_db_pool_connections",
    "PostgreSQL pool connections of this process, by state (total, idle, waiting clients)",
    database.db,
  );
  const readDb = database.readDb;
  if (readDb)
    poolGauge(
      "baton_db_read_pool_connections",
      "Read replica pool connections of this process (DATABASE_READ_URL), by state",
      readDb,
    );
  const replica = readDb && {
    db: readDb,
    up: new Gauge({
      name: "baton_db_read_replica_up",
      help: "1 when the read replica (DATABASE_READ_URL) answered this scrape, else 0 (reports, analytics, exports and calendar feeds fail meanwhile)",
      registers: [registry],
    }),
    lag: new Gauge({
      name: "baton_db_read_replica_lag_seconds",
      help: "How far the read replica's data is behind the primary, in seconds (0 when it has replayed all it received)",
      registers: [registry],
    }),
  };
  const readReplica = async () => {
    if (!replica) return;
    try {
      replica.lag.set(await replicaLagSeconds(replica.db));
      replica.up.set(1);
    } catch {
      replica.up.set(0);
    }
  };
  const listening = database.listening;
  if (listening) {
    new Gauge({
      name: "baton_listen_connected",
      help: "1 while this process's LISTEN connection is up, 0 while it is made again (live events and delivery wake-ups unheard meanwhile)",
      registers: [registry],
      collect() {
        this.set(listening().connected ? 1 : 0);
      },
    });
    new Counter({
      name: "baton_listen_reconnects_total",
      help: "Times this process's LISTEN connection was lost and made again",
      registers: [registry],
      collect() {
        this.reset();
        this.inc(listening().reconnects);
      },
    });
  }
  new Counter({
    name: "baton_notify_batches_total",
    help: "Batches of notifies sent after COMMIT (live events, the relay's wake-up) by this process, by result; a failed batch's hints are lost",
    labelNames: ["result"] as const,
    registers: [registry],
    collect() {
      const sender = afterCommit(database.db);
      this.reset();
      this.inc({ result: "sent" }, sender.sent);
      this.inc({ result: "failed" }, sender.failed);
    },
  });
  const outbox = new Gauge({
    name: "baton_outbox_messages",
    help: "Messages still on their way (queued, sending, retrying), by channel and state",
    labelNames: ["channel", "state"] as const,
    registers: [registry],
  });
  const oldest = new Gauge({
    name: "baton_outbox_oldest_age_seconds",
    help: "Age of the oldest message still on its way, by channel",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const jobs = new Gauge({
    name: "baton_jobs",
    help: "Background jobs waiting (created, retry) or running (active), by queue and state",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
  });
  const sla = new Gauge({
    name: "baton_sla_alarms",
    help: "Cases whose SLA clock has an alarm set, and those whose alarm is due now (due)",
    labelNames: ["state"] as const,
    registers: [registry],
  });
  // The database figures are read once per scrape, for all their gauges together.
  const readFigures = async () => {
    const f = await systemFigures(database.db);
    outbox.reset();
    oldest.reset();
    jobs.reset();
    const oldestBy = new Map<string, number>();
    for (const o of f.outbox) {
      outbox.set({ channel: o.channel, state: o.state }, o.messages);
      oldestBy.set(o.channel, Math.max(oldestBy.get(o.channel) ?? 0, o.oldestAgeSeconds));
    }
    for (const channel of ["email", "webhook", "chat"])
      oldestBy.set(channel, oldestBy.get(channel) ?? 0);
    for (const [channel, age] of oldestBy) oldest.set({ channel }, age);
    for (const j of f.jobs) jobs.set({ queue: j.queue, state: j.state }, j.jobs);
    sla.set({ state: "set" }, f.slaAlarmsSet);
    sla.set({ state: "due" }, f.slaAlarmsDue);
  };

  return {
    observe(method: string, route: string, status: number, seconds: number) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    async exposition(): Promise<{ contentType: string; body: string }> {
      await Promise.all([readFigures(), readReplica()]);
      const merged = Registry.merge([register, registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}

export type AppMetrics = ReturnType<typeof appMetrics>;

/** Counts every answered request under its route template; unmatched URLs share one label. */
export function recordRequests(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}
