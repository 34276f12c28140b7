import type { Db } from "../db/client.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { clockViews } from "../domain/sla/clocks.ts";
import { slaTerms } from "../domain/sla/terms.ts";
import { readClockedCase, withQueueRegion } from "../loaders/case-clocks.ts";
import type { SummaryRow } from "./cases.ts";
import { isoOf } from "./time.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every clock of one case as people read it now, with the terms they run by. */
export async function presentClocks(db: Db, caseId: string, policy: Policy, now = new Date()) {
  const kase = await readClockedCase(db, caseId);
  if (!kase) return null;
  const terms = slaTerms(policy, withQueueRegion(kase.facts, policy, kase.queue));
  const c = kase.clocks;
  return {
    calendar: terms.calendarLabel,
    dueAt: iso(kase.slaDueAt),
    paused: c.pausedAt !== null,
    pausedSince: iso(c.pausedAt),
    customerWaitingSince: iso(c.customerWaitingSince),
    clocks: clockViews(c, terms, kase.status, now).map((v) => ({
      clock: v.clock,
      state: v.state,
      dueAt: iso(v.dueAt),
      since: iso(v.since),
      metAt: iso(v.metAt),
    })),
    targets: {
      firstResponseMinutes: terms.firstResponseMinutes,
      nextUpdateMinutes: terms.nextUpdateMinutes,
      resolutionMinutes: terms.resolutionMinutes,
      idleLimitMinutes: terms.idleLimitMinutes,
      warnBeforeMinutes: terms.warnBeforeMinutes,
    },
  };
}

/** The deadlines a list row shows: each pending one, and the soonest. */
export function summaryClocks(row: SummaryRow) {
  return {
    dueAt: isoOf(row.slaDueAt),
    paused: row.slaPausedAt !== null,
    firstResponseDueAt: row.firstRespondedAt ? null : isoOf(row.firstResponseDueAt),
    nextUpdateDueAt: isoOf(row.nextUpdateDueAt),
    resolutionDueAt: isoOf(row.resolutionDueAt),
  };
}
