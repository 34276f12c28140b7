/*
 * The handoff analytics' tables from the rows the loaders grouped (docs/analytics.md): outcomes
 * by kind, region pair, queue pair and week; score averages by team and kind; SLA breaches after
 * a handoff by kind. Arithmetic only.
 */

export const OUTCOMES = ["completed", "declined", "rejected", "withdrawn", "expired"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One group of the rollups: a week, kind, queue pair, region pair and outcome. */
export interface CountRow {
  week: string;
  kind: string;
  from_queue: string;
  to_queue: string;
  from_region: string;
  to_region: string;
  outcome: string;
  transfers: number;
  scored: number;
  score_sum: number;
  bounced: number;
  sla_breached: number;
}

export type OutcomeCounts = Record<Outcome, number> & { total: number };

export interface OutcomeTally extends OutcomeCounts {
  key: string;
}

const zero = (): OutcomeCounts => ({
  total: 0,
  completed: 0,
  declined: 0,
  rejected: 0,
  withdrawn: 0,
  expired: 0,
});

const isOutcome = (o: string): o is Outcome => (OUTCOMES as readonly string[]).includes(o);

/** "APAC → EMEA"; a side without a region shows as "—". */
export const pairKey = (from: string, to: string) => `${from || "—"} → ${to || "—"}`;

function tallyBy(rows: readonly CountRow[], key: (r: CountRow) => string): OutcomeTally[] {
  const map = new Map<string, OutcomeCounts>();
  for (const r of rows) {
    const k = key(r);
    const t = map.get(k) ?? zero();
    t.total += r.transfers;
    if (isOutcome(r.outcome)) t[r.outcome] += r.transfers;
    map.set(k, t);
  }
  return [...map]
    .map(([k, t]) => ({ key: k, ...t }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

export function transferFigures(rows: readonly CountRow[]) {
  const [all] = tallyBy(rows, () => "all");
  const { key: _all, ...totals } = all ?? { key: "all", ...zero() };
  return {
    totals,
    byKind: tallyBy(rows, (r) => r.kind),
    byRegionPair: tallyBy(rows, (r) => pairKey(r.from_region, r.to_region)),
    byQueuePair: tallyBy(rows, (r) => pairKey(r.from_queue, r.to_queue)),
    // Weeks in order, not by size: they are a time series.
    byWeek: tallyBy(rows, (r) => r.week).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

export interface ScoreTally {
  key: string;
  scored: number;
  /** Mean score to one decimal; null when none was scored. */
  average: number | null;
  bounced: number;
}

function scoresBy(rows: readonly CountRow[], key: (r: CountRow) => string): ScoreTally[] {
  const map = new Map<string, { scored: number; sum: number; bounced: number }>();
  for (const r of rows) {
    if (r.outcome !== "completed") continue;
    const k = key(r);
    const t = map.get(k) ?? { scored: 0, sum: 0, bounced: 0 };
    t.scored += r.scored;
    t.sum += r.score_sum;
    t.bounced += r.bounced;
    map.set(k, t);
  }
  return [...map]
    .map(([k, t]) => ({
      key: k,
      scored: t.scored,
      average: t.scored ? Math.round((t.sum / t.scored) * 10) / 10 : null,
      bounced: t.bounced,
    }))
    .sort((a, b) => (a.average ?? 101) - (b.average ?? 101) || a.key.localeCompare(b.key));
}

/** Mean scores of completed handoffs per sending team (queue) and per kind, lowest first. */
export function scoreFigures(rows: readonly CountRow[]) {
  return {
    overall: scoresBy(rows, () => "all")[0] ?? { key: "all", scored: 0, average: null, bounced: 0 },
    byQueue: scoresBy(rows, (r) => r.from_queue),
    byKind: scoresBy(rows, (r) => r.kind),
  };
}

export interface SlaTally {
  kind: string;
  handoffs: number;
  breachedAfter: number;
  notBreached: number;
  /** Share breached, 0…1 to three decimals; null without handoffs. */
  share: number | null;
}

/** Completed handoffs per kind followed by an SLA breach within the window, and not. */
export function slaFigures(rows: readonly CountRow[]): SlaTally[] {
  const map = new Map<string, { handoffs: number; breached: number }>();
  for (const r of rows) {
    if (r.outcome !== "completed") continue;
    const t = map.get(r.kind) ?? { handoffs: 0, breached: 0 };
    t.handoffs += r.transfers;
    t.breached += r.sla_breached;
    map.set(r.kind, t);
  }
  return [...map]
    .map(([kind, t]) => ({
      kind,
      handoffs: t.handoffs,
      breachedAfter: t.breached,
      notBreached: t.handoffs - t.breached,
      share: t.handoffs ? Math.round((t.breached / t.handoffs) * 1000) / 1000 : null,
    }))
    .sort((a, b) => b.breachedAfter - a.breachedAfter || a.kind.localeCompare(b.kind));
}
