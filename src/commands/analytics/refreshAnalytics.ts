import { DateTime } from "luxon";
import type { Db } from "../../db/client.ts";
import { workspaces } from "../../db/schema.ts";
import { type FactContext, type HandoffFact, handoffFacts } from "../../domain/analytics/facts.ts";
import { handoverMisses } from "../../domain/analytics/misses.ts";
import type { Progress } from "../../domain/progress.ts";
import {
  caseHistories,
  changedCases,
  factContext,
  lastAuditId,
  raisesAfter,
  settledCaseCount,
  settledCasesAfter,
} from "../../loaders/analytics-history.ts";
import {
  lockWatermark,
  markDirty,
  rebuildDirtyDays,
  saveFacts,
  saveMisses,
  setWatermark,
  snapshotCapacity,
} from "../../writes/analytics.ts";

/** Cases whose history is read and judged at once. */
const BATCH = 500;
/**
 * Audit ids one transaction reads past its watermark, and cases one `--full` transaction
 * judges: a backlog (the first refresh of a large workspace, a long pause) is worked through
 * in transactions of a few seconds, so PGlite's one connection is never held for minutes.
 */
export const AUDIT_SLICE = 20_000;
const FULL_SLICE = 2_000;
/** Days summed again per transaction. */
const DAY_SLICE = 60;
/**
 * Audit ids are taken when a transaction inserts, not when it commits, so a transaction that
 * committed after the last refresh may hold an id just below its watermark. Reading again that
 * far back catches it; the facts are rewritten whole, so reading a case twice changes nothing.
 */
export const AUDIT_OVERLAP = 1000;

export interface RefreshResult {
  cases: number;
  facts: number;
  misses: number;
  days: number;
  auditId: number;
}

export interface RefreshOptions {
  now?: Date;
  /** Every transfer judged again (after a change to the analytics policy). */
  full?: boolean;
  /** Audit ids per transaction (AUDIT_SLICE); smaller in tests. */
  auditSlice?: number;
  /** Told after each transaction: audit rows read of those to read, or (full) cases judged. */
  onProgress?: Progress;
}

/**
 * Brings handoff analytics up to date (docs/analytics.md): the facts and score of every transfer
 * of a case the audit trail mentions since the last run (or of every case, `full`), the missed
 * handovers raised since, the daily rollups of the days they changed, and today's capacity
 * snapshot. Worked in slices, each one transaction: facts and the days they made stale are
 * written together, and the watermark moves with them under its row lock, so runs in several
 * processes take turns, one cut short leaves nothing half done, and a re-run finds nothing new.
 * It emits no event: it records no one's action, and an audit row would move its own watermark.
 */
export async function refreshAnalytics(
  db: Db,
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const now = options.now ?? new Date();
  const slice = options.auditSlice ?? AUDIT_SLICE;
  const contexts = new Map<string, FactContext>();
  const contextOf = async (tx: Db, workspaceId: string) => {
    let ctx = contexts.get(workspaceId);
    if (!ctx) {
      ctx = await factContext(tx, workspaceId);
      contexts.set(workspaceId, ctx);
    }
    return ctx;
  };
  const total: RefreshResult = { cases: 0, facts: 0, misses: 0, days: 0, auditId: 0 };

  /** Judges the cases again and stores their facts, noting the days they change. */
  const judge = async (tx: Db, caseIds: readonly string[]) => {
    for (let i = 0; i < caseIds.length; i += BATCH) {
      const batch = caseIds.slice(i, i + BATCH);
      const facts: HandoffFact[] = [];
      for (const history of await caseHistories(tx, batch))
        facts.push(...handoffFacts(history, await contextOf(tx, history.workspaceId), now));
      await markDirty(tx, await saveFacts(tx, facts, now));
      total.cases += batch.length;
      total.facts += facts.length;
    }
  };
  const copyMisses = async (tx: Db, after: number, upTo: number) => {
    const raises = await raisesAfter(tx, after, upTo);
    const ctx = new Map<string, FactContext>();
    for (const id of new Set(raises.map((r) => r.workspaceId)))
      ctx.set(id, await contextOf(tx, id));
    const misses = handoverMisses(raises, (id) => ctx.get(id) as FactContext);
    await saveMisses(tx, misses);
    total.misses += misses.length;
  };

  const fullUpTo = options.full ? await lastAuditId(db) : 0;
  if (options.full) {
    const upTo = fullUpTo;
    const cases = await settledCaseCount(db);
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const batch = await settledCasesAfter(db, after, FULL_SLICE);
      if (batch.length === 0) break;
      await db.transaction((tx) => judge(tx, batch));
      options.onProgress?.(
        "judging every transfer again",
        total.cases,
        Math.max(cases, total.cases),
      );
      after = batch[batch.length - 1] ?? after;
    }
    for (let from = 0; from < upTo; from += slice)
      await db.transaction((tx) => copyMisses(tx, from, Math.min(upTo, from + slice)));
  } else {
    let first: number | undefined;
    for (;;) {
      const caughtUp = await db.transaction(async (tx) => {
        const mark = await lockWatermark(tx);
        const last = await lastAuditId(tx);
        first ??= mark.auditId;
        const upTo = Math.min(last, mark.auditId + slice);
        const after = Math.max(0, mark.auditId - AUDIT_OVERLAP);
        // Scores still provisional are looked at once a run, with its last slice.
        await judge(tx, await changedCases(tx, after, upTo, upTo === last));
        await copyMisses(tx, after, upTo);
        await setWatermark(tx, upTo, now);
        total.auditId = upTo;
        options.onProgress?.("reading the audit trail", upTo - first, last - first);
        return upTo === last;
      });
      if (caughtUp) break;
    }
  }
  for (;;) {
    const summed = await db.transaction((tx) => rebuildDirtyDays(tx, DAY_SLICE));
    total.days += summed;
    if (summed < DAY_SLICE) break;
  }
  await db.transaction(async (tx) => {
    const mark = await lockWatermark(tx);
    if (options.full) {
      // Where the run began: what changed during it is read by the next run. Never earlier
      // than a watermark an incremental run set meanwhile.
      total.auditId = Math.max(mark.auditId, fullUpTo);
      await setWatermark(tx, total.auditId, now);
    }
    const all = await tx.select({ id: workspaces.id }).from(workspaces);
    // One workspace after another: the transaction runs one statement at a time.
    const today: { workspaceId: string; day: string }[] = [];
    for (const w of all) {
      const { zone } = await contextOf(tx, w.id);
      today.push({ workspaceId: w.id, day: DateTime.fromJSDate(now, { zone }).toISODate() ?? "" });
    }
    await snapshotCapacity(tx, today);
  });
  return total;
}
