/*
 * Step times as the dashboards show them (docs/analytics.md): each transfer's minutes in a step
 * are rounded to the minute under an hour, to 5 minutes under 10 hours, to 15 minutes under two
 * days and to the hour beyond, so a week's transfers fold into a few counts per step, and the
 * median and 90th percentile are taken over those rounded minutes exactly as PostgreSQL's
 * percentile_cont takes them over values.
 */

/** The rounding bands, smallest first: below `below` minutes, round to a multiple of `step`. */
export const STEP_ROUNDING = [
  { below: 60, step: 1 },
  { below: 600, step: 5 },
  { below: 2880, step: 15 },
  { below: Number.POSITIVE_INFINITY, step: 60 },
] as const;

/** Half up, as the rollups' SQL rounds (floor of x + 0.5). */
export function stepMinutes(minutes: number): number {
  const band = STEP_ROUNDING.find((b) => minutes < b.below) ?? { step: 60 };
  return Math.floor(minutes / band.step + 0.5) * band.step;
}

/** How many transfers took these (rounded) minutes. */
export interface MinuteCount {
  minutes: number;
  transfers: number;
}

/**
 * The q-quantiles (0…1) of the minutes the counts stand for, interpolated between the two
 * nearest values as percentile_cont does; null each when there are none.
 */
export function quantiles(
  counts: readonly MinuteCount[],
  qs: readonly number[],
): (number | null)[] {
  const sorted = counts.filter((c) => c.transfers > 0).sort((a, b) => a.minutes - b.minutes);
  const total = sorted.reduce((n, c) => n + c.transfers, 0);
  if (total === 0) return qs.map(() => null);
  /** The value at 0-based position i of the sorted values. */
  const at = (i: number): number => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.transfers;
      if (i < seen) return c.minutes;
    }
    return sorted[sorted.length - 1]?.minutes ?? 0;
  };
  return qs.map((q) => {
    const position = q * (total - 1);
    const lo = Math.floor(position);
    const hi = Math.ceil(position);
    const low = at(lo);
    return low + (at(hi) - low) * (position - lo);
  });
}

/** Transfers of one kind that took `minutes` (rounded) in one step. */
export interface StepCount extends MinuteCount {
  kind: string;
  step: string;
}

export interface StepTime<S extends string = string> {
  step: S;
  transfers: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/**
 * Each step's transfers, median and 90th percentile: over all kinds, and per kind (kinds in
 * order), every step listed even where no transfer had it.
 */
export function stepFigures<S extends string>(counts: readonly StepCount[], steps: readonly S[]) {
  const of = (rows: readonly StepCount[]): StepTime<S>[] =>
    steps.map((step) => {
      const mine = rows.filter((r) => r.step === step);
      const [median = null, p90 = null] = quantiles(mine, [0.5, 0.9]);
      return {
        step,
        transfers: mine.reduce((n, r) => n + r.transfers, 0),
        medianMinutes: median,
        p90Minutes: p90,
      };
    });
  const kinds = [...new Set(counts.map((c) => c.kind))].sort();
  return {
    overall: of(counts),
    byKind: kinds.map((kind) => ({ kind, steps: of(counts.filter((c) => c.kind === kind)) })),
  };
}
