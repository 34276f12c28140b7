import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { quantiles, stepFigures, stepMinutes } from "../../src/domain/analytics/steps.ts";
import { mondayOf, splitRange } from "../../src/domain/analytics/weeks.ts";

// The weekly rollups' arithmetic (docs/analytics.md): ranges cut into whole ISO weeks and the
// days around them, step minutes rounded, and percentiles taken from counts as PostgreSQL's
// percentile_cont takes them from values.

const day = fc
  .integer({ min: 0, max: 3000 })
  .map((n) => DateTime.fromISO("2024-01-01", { zone: "utc" }).plus({ days: n }).toISODate() ?? "");

const daysOf = (from: string, to: string) => {
  const out: string[] = [];
  for (
    let d = DateTime.fromISO(from, { zone: "utc" });
    d <= DateTime.fromISO(to, { zone: "utc" });
    d = d.plus({ days: 1 })
  )
    out.push(d.toISODate() ?? "");
  return out;
};

/** percentile_cont over the values themselves, sorted: the definition the counts must meet. */
function percentileCont(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const low = sorted[lo] ?? 0;
  return low + ((sorted[Math.ceil(position)] ?? 0) - low) * (position - lo);
}

describe("splitRange", () => {
  it("covers every day of the range once: whole Monday-to-Sunday weeks and the few days around them", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 120 }), (from, length) => {
        const to = DateTime.fromISO(from, { zone: "utc" }).plus({ days: length }).toISODate() ?? "";
        const split = splitRange({ from, to });
        const covered = split.days.flatMap((d) => daysOf(d.from, d.to));
        if (split.weeks) {
          expect(mondayOf(split.weeks.from)).toBe(split.weeks.from);
          expect(mondayOf(split.weeks.to)).toBe(split.weeks.to);
          const last = DateTime.fromISO(split.weeks.to, { zone: "utc" });
          for (
            let m = DateTime.fromISO(split.weeks.from, { zone: "utc" });
            m <= last;
            m = m.plus({ weeks: 1 })
          )
            covered.push(...daysOf(m.toISODate() ?? "", m.plus({ days: 6 }).toISODate() ?? ""));
        }
        expect(covered.sort()).toEqual(daysOf(from, to));
        // Around whole weeks, under a week either side; without one, under two weeks in all.
        for (const d of split.days)
          expect(daysOf(d.from, d.to).length).toBeLessThanOrEqual(split.weeks ? 6 : 12);
      }),
    );
  });

  it("cuts a range by hand", () => {
    // 2026-03-01 is a Sunday, 2026-03-14 a Saturday.
    expect(splitRange({ from: "2026-03-01", to: "2026-03-14" })).toEqual({
      weeks: { from: "2026-03-02", to: "2026-03-02" },
      days: [
        { from: "2026-03-01", to: "2026-03-01" },
        { from: "2026-03-09", to: "2026-03-14" },
      ],
    });
    expect(splitRange({ from: "2026-03-02", to: "2026-03-15" })).toEqual({
      weeks: { from: "2026-03-02", to: "2026-03-09" },
      days: [],
    });
    expect(splitRange({ from: "2026-03-03", to: "2026-03-08" })).toEqual({
      weeks: null,
      days: [{ from: "2026-03-03", to: "2026-03-08" }],
    });
    // ISO week 53 of 2020 runs from Monday 28 December to Sunday 3 January.
    expect(mondayOf("2021-01-03")).toBe("2020-12-28");
  });
});

describe("step minutes and their percentiles", () => {
  it("rounds to the minute under an hour, 5 under 10 hours, 15 under two days, the hour beyond", () => {
    expect([0.49, 0.5, 59.49, 59.5].map(stepMinutes)).toEqual([0, 1, 59, 60]);
    expect([62.49, 62.5, 597.5, 599.9].map(stepMinutes)).toEqual([60, 65, 600, 600]);
    expect([607.49, 607.5, 2872.5].map(stepMinutes)).toEqual([600, 615, 2880]);
    expect([2909.9, 2910, 10_000].map(stepMinutes)).toEqual([2880, 2940, 10_020]);
  });

  it("takes percentiles from counts exactly as percentile_cont takes them from the values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 80 }),
        fc.constantFrom(0, 0.1, 0.5, 0.9, 1),
        (raw, q) => {
          const values = raw.map((v) => stepMinutes(v / 10));
          const counts = new Map<number, number>();
          for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
          const [got] = quantiles(
            [...counts].map(([minutes, transfers]) => ({ minutes, transfers })),
            [q],
          );
          expect(got).toBe(percentileCont(values, q));
        },
      ),
    );
  });

  it("lists every step, over all kinds and per kind", () => {
    const figures = stepFigures(
      [
        { kind: "b", step: "approval", minutes: 10, transfers: 1 },
        { kind: "a", step: "approval", minutes: 20, transfers: 3 },
      ],
      ["approval", "acceptance"],
    );
    expect(figures.overall).toEqual([
      { step: "approval", transfers: 4, medianMinutes: 20, p90Minutes: 20 },
      { step: "acceptance", transfers: 0, medianMinutes: null, p90Minutes: null },
    ]);
    expect(figures.byKind.map((k) => [k.kind, k.steps[0]?.medianMinutes])).toEqual([
      ["a", 20],
      ["b", 10],
    ]);
  });
});
