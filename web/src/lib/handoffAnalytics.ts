// The handoff analytics page's decisions: which filters go to the API, and the answer's figures
// reshaped for charts and tables (codes shown by their names, steps in the order they happen,
// the step that holds transfers up the longest picked out).
import type { HandoffAnalyticsAnswer } from "../api/types.ts";
import { colorAt } from "./projectVolume.ts";

export const ANALYTICS_FILTERS = ["from", "to", "queue", "region", "kind"] as const;
export type AnalyticsFilter = (typeof ANALYTICS_FILTERS)[number];

/** The API query from the page's address: only the analytics' filters, and only those set. */
export function analyticsQuery(params: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ANALYTICS_FILTERS) {
    const value = params.get(name)?.trim();
    if (value) query.set(name, value);
  }
  return query;
}

export const OUTCOMES = ["completed", "declined", "rejected", "withdrawn", "expired"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One colour per outcome, the same in every chart (completed blue, expired vermilion, …). */
export const OUTCOME_COLORS: Record<Outcome, string> = {
  completed: colorAt(0),
  declined: colorAt(1),
  rejected: colorAt(5),
  withdrawn: colorAt(4),
  expired: colorAt(3),
};

type Choices = HandoffAnalyticsAnswer["choices"];

/** A name for a code the answer uses (a kind, queue or region), the code itself when unknown. */
export function namer(choices: Choices, what: keyof Choices): (code: string | null) => string {
  const names = new Map(choices[what].map((c) => [c.code, c.name]));
  return (code) => (code === null || code === "" ? "—" : (names.get(code) ?? code));
}

/** "l1 → l2" with each side by its name, as the API keys its queue and region pairs. */
export function pairName(key: string, name: (code: string) => string): string {
  const [from = "", to = ""] = key.split(" → ");
  return `${name(from === "—" ? "" : from)} → ${name(to === "—" ? "" : to)}`;
}

export type OutcomeRow = Record<Outcome, number> & { key: string; label: string; total: number };

type Tally = HandoffAnalyticsAnswer["transfers"]["byKind"][number];

const outcomeRow = (r: Tally, label: string): OutcomeRow => ({
  key: r.key,
  label,
  total: r.total,
  completed: r.completed,
  declined: r.declined,
  rejected: r.rejected,
  withdrawn: r.withdrawn,
  expired: r.expired,
});

/** Outcome tallies as chart rows labelled for people; only rows with a transfer. */
export function outcomeRows(
  list: readonly Tally[],
  label: (key: string) => string = (key) => key,
): OutcomeRow[] {
  return list.filter((r) => r.total > 0).map((r) => outcomeRow(r, label(r.key)));
}

/**
 * The weeks as chart rows, every one the API lists: it lists each week of the range, the quiet
 * ones at nought, since a time series with its quiet weeks left out would read as busier.
 */
export function weekRows(byWeek: readonly Tally[]): OutcomeRow[] {
  return byWeek.map((r) => outcomeRow(r, r.key));
}

/** Outcomes that happened at least once in these rows: the chart's series and table's columns. */
export function outcomesPresent(rows: readonly OutcomeRow[]): Outcome[] {
  const seen = OUTCOMES.filter((o) => rows.some((r) => r[o] > 0));
  return seen.length > 0 ? seen : ["completed"];
}

export const STEPS = [
  "approval",
  "acceptance",
  "customerTold",
  "completion",
  "firstResponse",
  "idleCarried",
];
export type StepName = HandoffAnalyticsAnswer["steps"]["overall"][number]["step"];
type StepTime = HandoffAnalyticsAnswer["steps"]["overall"][number];

export interface StepRow extends StepTime {
  /**
   * Median minutes this step adds to the wait: from the request-relative step before it (by
   * median), or for the first reply, from completion, which it is measured from.
   */
  addsMinutes: number | null;
  slowest: boolean;
}

/**
 * The steps with what each adds to the wait, the slowest marked. Every step but the first reply
 * is measured from the request, so completion is always the longest from the start; what a leader
 * wants is the step that holds transfers up, the largest gap between one step and the one before.
 */
export function stepRows(steps: readonly StepTime[]): StepRow[] {
  // The idle time a receiver inherits is not a step of the transfer: shown, never the slowest.
  const fromRequest = steps
    .filter(
      (s) => s.step !== "firstResponse" && s.step !== "idleCarried" && s.medianMinutes !== null,
    )
    .sort((a, b) => (a.medianMinutes ?? 0) - (b.medianMinutes ?? 0));
  const adds = new Map<StepName, number>();
  let before = 0;
  for (const s of fromRequest) {
    const median = s.medianMinutes ?? 0;
    adds.set(s.step, Math.max(0, median - before));
    before = median;
  }
  const reply = steps.find((s) => s.step === "firstResponse");
  if (reply?.medianMinutes != null) adds.set("firstResponse", reply.medianMinutes);
  const most = Math.max(0, ...adds.values());
  const slowest = most > 0 ? [...adds].find(([, v]) => v === most)?.[0] : undefined;
  return STEPS.flatMap((name) => {
    const s = steps.find((x) => x.step === name);
    if (!s) return [];
    return [{ ...s, addsMinutes: adds.get(s.step) ?? null, slowest: s.step === slowest }];
  });
}

export type SunTally = HandoffAnalyticsAnswer["followTheSun"]["pairs"][number];

/**
 * Follow-the-sun tallies (per region pair or per meeting) as chart rows labelled for people, in
 * the API's order (the worst share of misses first), only those with a handover or a miss.
 */
export function sunRows<T extends SunTally>(
  list: readonly T[],
  label: (row: T) => string,
): (T & { label: string })[] {
  return list.filter((r) => r.handedOver + r.missed > 0).map((r) => ({ ...r, label: label(r) }));
}

/** Whether any transfer of the range reached any step (else the section says so in words). */
export const anyStep = (steps: readonly StepTime[]) => steps.some((s) => s.transfers > 0);

export type ScopeWords =
  | { key: "analyticsPage.scopeOwn" }
  | { key: "analyticsPage.scopeTeam"; queues: string[] }
  | { key: "analyticsPage.scopeWorkspace" };

/** Whose handoffs the figures cover, as the authorization decided, with the team's queue names. */
export function scopeWords(answer: Pick<HandoffAnalyticsAnswer, "scope" | "choices">): ScopeWords {
  const { scope } = answer.scope;
  if (scope === "own") return { key: "analyticsPage.scopeOwn" };
  if (scope === "team") {
    const name = namer(answer.choices, "queues");
    return { key: "analyticsPage.scopeTeam", queues: answer.scope.queues.map(name) };
  }
  return { key: "analyticsPage.scopeWorkspace" };
}

export interface CapacitySeries {
  key: string;
  queue: string;
  name: string;
  color: string;
}

/** Open cases per day as chart rows, one numbered key per queue; queues busiest first. */
export function capacityChart(
  byQueue: HandoffAnalyticsAnswer["capacity"]["byQueue"],
  queueName: (code: string) => string,
): { series: CapacitySeries[]; rows: Record<string, string | number>[] } {
  const load = new Map<string, number>();
  for (const c of byQueue) load.set(c.queue, (load.get(c.queue) ?? 0) + c.openCases);
  const queues = [...load].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const series = queues.map(([queue], i) => ({
    key: `q${i}`,
    queue,
    name: queueName(queue),
    color: colorAt(i),
  }));
  const days = [...new Set(byQueue.map((c) => c.day))].sort();
  const rows = days.map((day) => {
    const row: Record<string, string | number> = { day };
    for (const s of series)
      row[s.key] = byQueue.find((c) => c.day === day && c.queue === s.queue)?.openCases ?? 0;
    return row;
  });
  return { series, rows };
}

/** The per-agent snapshot, most open cases first; cases waiting in a queue have no agent. */
export function agentLoad(byAgent: HandoffAnalyticsAnswer["capacity"]["byAgent"]) {
  return [...byAgent].sort(
    (a, b) => b.openCases - a.openCases || (a.name ?? "").localeCompare(b.name ?? ""),
  );
}

/** The criteria that cost a transfer points, worst first: what the lowest list explains. */
export function lostPoints(
  criteria: HandoffAnalyticsAnswer["lowest"][number]["criteria"],
): HandoffAnalyticsAnswer["lowest"][number]["criteria"] {
  return criteria
    .filter((c) => c.points < c.max)
    .sort((a, b) => b.max - b.points - (a.max - a.points));
}
