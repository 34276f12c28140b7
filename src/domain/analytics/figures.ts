/*
 * The handoff analytics' tables from the groups the loaders summed (docs/analytics.md): outcomes
 * by kind, region pair, queue pair and week; score averages by team and kind; SLA breaches after
 * a handoff by kind. Arithmetic only.
 */

export const OUTCOMES = ["completed", "declined", "rejected", "withdrawn", "expired"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The ways the rollups are summed for the figures, each with the outcome: over everything, by
 * kind, region pair, queue pair, ISO week, and sending queue (team).
 */
export const COUNT_SETS = ["all", "kind", "regionPair", "queuePair", "week", "fromQueue"] as const;
export type CountSet = (typeof COUNT_SETS)[number];

/** One group of one set: its key (a pair's sending side), the pair's receiving side or ''. */
export interface CountRow {
  set: CountSet;
  key: string;
  key_to: string;
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

const inSet = (rows: readonly CountRow[], set: CountSet) => rows.filter((r) => r.set === set);

/**
 * Outcomes overall and by kind, region pair, queue pair and week; `weeks` are the range's ISO
 * weeks, each listed in order even without a handoff, as a time series must be.
 */
export function transferFigures(rows: readonly CountRow[], weeks: readonly string[]) {
  const [all] = tallyBy(inSet(rows, "all"), () => "all");
  const { key: _all, ...totals } = all ?? { key: "all", ...zero() };
  const byWeek = new Map(tallyBy(inSet(rows, "week"), (r) => r.key).map((t) => [t.key, t]));
  return {
    totals,
    byKind: tallyBy(inSet(rows, "kind"), (r) => r.key),
    byRegionPair: tallyBy(inSet(rows, "regionPair"), (r) => pairKey(r.key, r.key_to)),
    byQueuePair: tallyBy(inSet(rows, "queuePair"), (r) => pairKey(r.key, r.key_to)),
    byWeek: [...new Set([...weeks, ...byWeek.keys()])]
      .sort()
      .map((week) => byWeek.get(week) ?? { key: week, ...zero() }),
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
    overall: scoresBy(inSet(rows, "all"), () => "all")[0] ?? {
      key: "all",
      scored: 0,
      average: null,
      bounced: 0,
    },
    byQueue: scoresBy(inSet(rows, "fromQueue"), (r) => r.key),
    byKind: scoresBy(inSet(rows, "kind"), (r) => r.key),
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
  for (const r of inSet(rows, "kind")) {
    if (r.outcome !== "completed") continue;
    const t = map.get(r.key) ?? { handoffs: 0, breached: 0 };
    t.handoffs += r.transfers;
    t.breached += r.sla_breached;
    map.set(r.key, t);
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
