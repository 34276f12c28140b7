import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { driverOf } from "../db/driver.ts";
import { rowsOf } from "../db/rows.ts";

export interface OutboxFigure {
  channel: string;
  state: string;
  messages: number;
  /** Seconds since the oldest of them was written. */
  oldestAgeSeconds: number;
}

export interface JobFigure {
  queue: string;
  state: string;
  jobs: number;
}

export interface SystemFigures {
  outbox: OutboxFigure[];
  jobs: JobFigure[];
  /** Cases whose clock has an alarm due and not yet looked at (should stay near 0), and all set. */
  slaAlarmsDue: number;
  slaAlarmsSet: number;
}

const outboxRow = z.object({
  channel: z.string(),
  state: z.string(),
  messages: z.number(),
  oldest: z.number(),
});
const jobRow = z.object({ queue: z.string(), state: z.string(), jobs: z.number() });
const slaRow = z.object({ due: z.number(), set: z.number() });
const present = z.object({ present: z.boolean() });

/**
 * What a scrape of /metrics reads from the database: messages still on their way by channel and
 * state, pg-boss jobs waiting or running by queue, and SLA alarms due. Each is one indexed
 * aggregate; the job queue's schema exists only once a background worker has started.
 */
export async function systemFigures(db: Db): Promise<SystemFigures> {
  const outbox = rowsOf(
    await db.execute(sql`select channel, state, count(*)::int as messages,
      coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest
    from deliveries where state in ('queued', 'retrying', 'sending')
    group by channel, state`),
    outboxRow,
  );
  const [queue] = rowsOf(
    await db.execute(sql`select to_regclass('pgboss.job') is not null as present`),
    present,
  );
  const jobs = queue?.present
    ? rowsOf(
        await db.execute(
          sql`select name as queue, state::text as state, count(*)::int as jobs from pgboss.job
            where state in ('created', 'retry', 'active') group by name, state`,
        ),
        jobRow,
      )
    : [];
  const [sla] = rowsOf(
    await db.execute(sql`select count(*) filter (where sla_alarm_at <= now())::int as due,
      count(*)::int as set from cases where sla_alarm_at is not null`),
    slaRow,
  );
  return {
    outbox: outbox.map((r) => ({
      channel: r.channel,
      state: r.state,
      messages: r.messages,
      oldestAgeSeconds: r.oldest,
    })),
    jobs,
    slaAlarmsDue: sla?.due ?? 0,
    slaAlarmsSet: sla?.set ?? 0,
  };
}

/** The PostgreSQL pool's connections, or undefined on PGlite (one in-process session). */
export function poolFigures(db: Db): { total: number; idle: number; waiting: number } | undefined {
  const driver = driverOf(db);
  if (driver.kind !== "postgres" || !driver.pool) return undefined;
  const { totalCount, idleCount, waitingCount } = driver.pool;
  return { total: totalCount, idle: idleCount, waiting: waitingCount };
}

/**
 * How far a read replica's data is behind its primary, in seconds: 0 while it has replayed all
 * it received (an idle primary sends nothing, so the last replayed commit's age would grow with
 * nothing to catch up on), else the age of the last commit it replayed. 0 on a primary.
 */
export async function replicaLagSeconds(db: Db): Promise<number> {
  const [row] = rowsOf(
    await db.execute(sql`select coalesce(case
      when not pg_is_in_recovery() or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
      else extract(epoch from now() - pg_last_xact_replay_timestamp()) end, 0)::float8 as lag`),
    z.object({ lag: z.number() }),
  );
  return row?.lag ?? 0;
}
