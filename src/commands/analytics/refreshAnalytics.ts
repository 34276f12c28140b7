import { DateTime } from "luxon";
import type { Db } from "../../db/client.ts";
import { workspaces } from "../../db/schema.ts";
import { type FactContext, type HandoffFact, handoffFacts } from "../../domain/analytics/facts.ts";
import { handoverMisses } from "../../domain/analytics/misses.ts";
import {
  caseHistories,
  changedCases,
  factContext,
  lastAuditId,
  raisesAfter,
  settledCasesAfter,
} from "../../loaders/analytics-history.ts";
import {
  type DayKey,
  lockWatermark,
  rebuildDaily,
  saveFacts,
  saveMisses,
  setWatermark,
  snapshotCapacity,
} from "../../writes/analytics.ts";

/** Cases whose history is read and judged at once. */
const BATCH = 500;
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

/**
 * Brings handoff analytics up to date (docs/analytics.md): the facts and score of every transfer
 * of a case the audit trail mentions since the last run (or of every case, `full`), the daily
 * rollups of the days they fall on, and today's capacity snapshot. One transaction under the
 * watermark's row lock, so runs in several processes take turns and a re-run finds nothing new.
 * It emits no event: it records no one's action, and an audit row would move its own watermark.
 */
export async function refreshAnalytics(
  db: Db,
  options: { now?: Date; full?: boolean } = {},
): Promise<RefreshResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const mark = await lockWatermark(tx);
    const upTo = await lastAuditId(tx);
    const contexts = new Map<string, FactContext>();
    const contextOf = async (workspaceId: string) => {
      let ctx = contexts.get(workspaceId);
      if (!ctx) {
        ctx = await factContext(tx, workspaceId);
        contexts.set(workspaceId, ctx);
      }
      return ctx;
    };
    const touched = new Set<DayKey>();
    let caseCount = 0;
    let factCount = 0;
    const judge = async (caseIds: readonly string[]) => {
      const facts: HandoffFact[] = [];
      for (const history of await caseHistories(tx, caseIds))
        facts.push(...handoffFacts(history, await contextOf(history.workspaceId), now));
      for (const key of await saveFacts(tx, facts, now)) touched.add(key);
      caseCount += caseIds.length;
      factCount += facts.length;
    };
    if (options.full) {
      let after = "00000000-0000-0000-0000-000000000000";
      for (;;) {
        const batch = await settledCasesAfter(tx, after, BATCH);
        if (batch.length === 0) break;
        await judge(batch);
        after = batch[batch.length - 1] ?? after;
      }
    } else {
      const changed = await changedCases(tx, Math.max(0, mark.auditId - AUDIT_OVERLAP), upTo);
      for (let i = 0; i < changed.length; i += BATCH) await judge(changed.slice(i, i + BATCH));
    }
    await rebuildDaily(tx, touched);
    const raises = await raisesAfter(
      tx,
      options.full ? 0 : Math.max(0, mark.auditId - AUDIT_OVERLAP),
      upTo,
    );
    for (const workspaceId of new Set(raises.map((r) => r.workspaceId)))
      await contextOf(workspaceId);
    const misses = handoverMisses(raises, (id) => contexts.get(id) as FactContext);
    await saveMisses(tx, misses);
    const all = await tx.select({ id: workspaces.id }).from(workspaces);
    const today = await Promise.all(
      all.map(async (w) => ({
        workspaceId: w.id,
        day: DateTime.fromJSDate(now, { zone: (await contextOf(w.id)).zone }).toISODate() ?? "",
      })),
    );
    await snapshotCapacity(tx, today);
    await setWatermark(tx, upTo, now);
    return {
      cases: caseCount,
      facts: factCount,
      misses: misses.length,
      days: touched.size,
      auditId: upTo,
    };
  });
}
