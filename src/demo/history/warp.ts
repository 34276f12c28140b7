import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { rowsOf } from "../../db/rows.ts";

/*
 * Moving one case's rows from the moment they were written to the moment they stand for
 * (docs/analytics.md, "Demo and generated history"). The history builder plays a case through
 * Baton's own commands in one transaction, noting before each command when it really ran and
 * when it is meant to have happened; before the commit every time the case holds is moved by
 * the command that wrote it:
 *
 * - times the commands take from the clock (the case's clocks, the transfer's times and steps)
 *   fall between two commands' real starts, so each moves by its command's shift; a deadline
 *   still ahead after the last command moves by the last command's shift;
 * - rows stamped by the database (audit rows, notes, alarms, notifications) carry the
 *   transaction's start, the same for all, so they are told apart by their ids, which a
 *   sequence hands out in the order the commands ran.
 */

/** One command's moment: when it really ran, and when it is meant to have happened. */
export interface Moment {
  real: number;
  virtual: number;
  /** The last id each stamped table had handed out before the command. */
  ids: Record<StampedTable, number>;
}

export const STAMPED = [
  "audit_events",
  "activities",
  "notifications",
  "case_clock_alarms",
  "case_assignments",
] as const;
type StampedTable = (typeof STAMPED)[number];

const idRow = z.object({ t: z.string(), id: z.number() });

/** The last ids handed out, read before a command. */
export async function lastIds(tx: Db): Promise<Record<StampedTable, number>> {
  const parts = STAMPED.map(
    (t) =>
      sql`SELECT ${t}::text AS t, (CASE WHEN is_called THEN last_value ELSE last_value - 1 END)::float8 AS id FROM ${sql.raw(`${t}_id_seq`)}`,
  );
  const result = await tx.execute(sql.join(parts, sql` UNION ALL `));
  const out = {} as Record<StampedTable, number>;
  for (const r of rowsOf(result, idRow)) out[r.t as StampedTable] = r.id;
  return out;
}

/**
 * Waits until the clock has moved past the millisecond now, so that no time taken by the
 * previous command can equal the next command's start.
 */
export function nextMillisecond(): number {
  const start = Date.now();
  let t = start;
  while (t === start) t = Date.now();
  return t;
}

const ms = (n: number) => sql.raw(`interval '${Math.round(n)} milliseconds'`);

/** A clock-taken time moved by the command whose real start it follows. */
function byTime(column: SQL, moments: readonly Moment[]): SQL {
  const shift = (m: Moment) => ms(m.virtual - m.real);
  const [first] = moments;
  if (!first) return column;
  const branches = [...moments]
    .slice(1)
    .reverse()
    .map(
      (m) =>
        sql`WHEN ${column} >= ${new Date(m.real).toISOString()}::timestamptz THEN ${column} + ${shift(m)}`,
    );
  return sql`CASE WHEN ${column} IS NULL THEN NULL ${sql.join(branches, sql` `)} ELSE ${column} + ${shift(first)} END`;
}

/** A database-stamped time set to its command's moment (ids keep the order within it). */
function byId(table: StampedTable, moments: readonly Moment[]): SQL {
  const id = sql.raw(`${table}.id`);
  const branches = [...moments]
    .reverse()
    .map(
      (m) =>
        sql`WHEN ${id} > ${m.ids[table]} THEN ${new Date(m.virtual).toISOString()}::timestamptz + least(${id} - ${m.ids[table]}, 1000) * interval '1 millisecond'`,
    );
  return sql`CASE ${sql.join(branches, sql` `)} ELSE ${new Date(moments[0]?.virtual ?? 0).toISOString()}::timestamptz END`;
}

const CASE_TIMES = [
  "created_at",
  "updated_at",
  "idle_since",
  "response_clock_from",
  "first_responded_at",
  "last_public_reply_at",
  "customer_waiting_since",
  "sla_paused_at",
  "first_response_due_at",
  "next_update_due_at",
  "resolution_due_at",
  "sla_due_at",
  "sla_alarm_at",
  "return_due_at",
  "next_contact_at",
  "pinned_until",
];
const TRANSFER_TIMES = ["created_at", "updated_at", "completed_at", "expires_at", "pin_until"];
const DEVELOPMENT_TIMES = ["stage_since", "entered_at", "updated_at"];

const setAll = (columns: readonly string[], moments: readonly Moment[]) =>
  sql.join(
    columns.map((c) => sql`${sql.raw(c)} = ${byTime(sql.raw(c), moments)}`),
    sql`, `,
  );

/**
 * Moves every time of the case to the moments it stands for, in the transaction that wrote
 * them. The audit trail refuses updates (drizzle/0001); its trigger lets through an UPDATE
 * made while this transaction's own `baton.dating_history` setting is on (drizzle/0033), which
 * is set for the one statement that dates the rows the transaction wrote itself. Unlike
 * switching the trigger off, this takes no lock on the table, so the server's other writers
 * never wait for a case being played, and nobody else's transaction is let through.
 */
export async function warpCase(tx: Db, caseId: string, moments: readonly Moment[]) {
  if (!moments.length) return;
  await tx.execute(sql`UPDATE cases SET ${setAll(CASE_TIMES, moments)} WHERE id = ${caseId}`);
  const stepAt = byTime(sql`(e->>'at')::timestamptz`, moments);
  await tx.execute(sql`
    UPDATE transfers SET ${setAll(TRANSFER_TIMES, moments)},
      steps = (SELECT coalesce(jsonb_agg(
          jsonb_set(e, '{at}', to_jsonb(to_char(${stepAt} AT TIME ZONE 'UTC',
            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(steps) WITH ORDINALITY AS x(e, n))
    WHERE case_id = ${caseId}`);
  await tx.execute(
    sql`UPDATE case_development SET ${setAll(DEVELOPMENT_TIMES, moments)} WHERE case_id = ${caseId}`,
  );
  await tx.execute(sql`UPDATE activities SET created_at = ${byId("activities", moments)}
    WHERE case_id = ${caseId}`);
  await tx.execute(sql`UPDATE case_assignments SET created_at = ${byId("case_assignments", moments)}
    WHERE case_id = ${caseId}`);
  await tx.execute(sql`UPDATE case_clock_alarms SET fired_at = ${byId("case_clock_alarms", moments)},
      due_at = ${byTime(sql`due_at`, moments)}
    WHERE case_id = ${caseId}`);
  // What the history told people was read long ago, and its mail was never sent: the outbox
  // would otherwise mail weeks of notices at once (customers included) when the worker wakes.
  await tx.execute(sql`UPDATE notifications SET created_at = ${byId("notifications", moments)},
      read_at = ${byId("notifications", moments)} WHERE case_id = ${caseId}`);
  await tx.execute(sql`DELETE FROM mailbox_messages WHERE case_id = ${caseId}`);
  await tx.execute(sql`DELETE FROM deliveries WHERE case_id = ${caseId}`);
  // The audit trigger lets this one statement through (drizzle/0033): a setting of this
  // transaction alone, off again before anything else runs in it.
  await tx.execute(sql`SELECT set_config('baton.dating_history', 'on', true)`);
  await tx.execute(sql`UPDATE audit_events SET at = ${byId("audit_events", moments)}
    WHERE case_id = ${caseId}`);
  await tx.execute(sql`SELECT set_config('baton.dating_history', 'off', true)`);
}
