import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { caseCalls } from "../db/schema.ts";
import type { CallState } from "../domain/calls/calls.ts";
import { conflict } from "../domain/errors.ts";
import type { CallRecord, CallRow } from "../loaders/calls.ts";

/** What every call event carries. */
export const callDataOf = (row: CallRow, caseNumber: number) => ({
  number: caseNumber,
  startsAt: row.startsAt.toISOString(),
  durationMinutes: row.durationMinutes,
  attendee: row.attendee,
  runnerId: row.runnerId,
  state: row.state,
  version: row.version,
});

const STALE = "This call was changed by someone else; reload and try again";

/**
 * Changes a call (its row locked by the caller) on the version the person saw: zero rows means
 * someone else changed it first, a conflict. Every change bumps the version.
 */
export async function changeCall(
  tx: Db,
  r: CallRecord,
  version: number,
  set: Partial<Omit<CallRow, "id" | "version">>,
  now: Date,
): Promise<CallRecord> {
  if (version !== r.row.version) throw conflict(STALE, { currentVersion: r.row.version });
  const [row] = await tx
    .update(caseCalls)
    .set({ ...set, version: sql`${caseCalls.version} + 1`, updatedAt: now })
    .where(and(eq(caseCalls.id, r.row.id), eq(caseCalls.version, version)))
    .returning();
  if (!row) throw conflict(STALE);
  return { ...r, row };
}

/**
 * Claims the calls whose reminder is due and not yet sent: one conditional UPDATE, so of several
 * processes sweeping at once each call goes to exactly one (a row another holds is skipped, and
 * one already marked no longer matches). A call whose start passed unreminded (Baton was down)
 * is not reminded late. The version is left alone: a reminder changes nothing the people saw.
 */
export async function claimDueReminders(tx: Db, now: Date, limit: number): Promise<string[]> {
  const due = tx
    .select({ id: caseCalls.id })
    .from(caseCalls)
    .where(
      and(
        eq(caseCalls.state, "scheduled"),
        isNull(caseCalls.remindedAt),
        lte(caseCalls.remindAt, now),
        gt(caseCalls.startsAt, now),
      ),
    )
    .orderBy(caseCalls.remindAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await tx
    .update(caseCalls)
    .set({ remindedAt: now })
    .where(and(inArray(caseCalls.id, due), isNull(caseCalls.remindedAt)))
    .returning({ id: caseCalls.id });
  return rows.map((r) => r.id);
}

/** Claims the scheduled calls not logged as held by their end and grace: now missed, once. */
export async function claimMissedCalls(tx: Db, now: Date, limit: number): Promise<string[]> {
  const due = tx
    .select({ id: caseCalls.id })
    .from(caseCalls)
    .where(and(eq(caseCalls.state, "scheduled"), lte(caseCalls.missedAfter, now)))
    .orderBy(caseCalls.missedAfter)
    .limit(limit)
    .for("update", { skipLocked: true });
  const missed: CallState = "missed";
  const rows = await tx
    .update(caseCalls)
    .set({
      state: missed,
      missedAt: now,
      version: sql`${caseCalls.version} + 1`,
      updatedAt: now,
    })
    .where(and(inArray(caseCalls.id, due), eq(caseCalls.state, "scheduled")))
    .returning({ id: caseCalls.id });
  return rows.map((r) => r.id);
}
