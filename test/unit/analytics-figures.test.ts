import { describe, expect, it } from "vitest";
import {
  type CountRow,
  scoreFigures,
  slaFigures,
  transferFigures,
} from "../../src/domain/analytics/figures.ts";
import { isoWeeksOf } from "../../src/domain/analytics/weeks.ts";

// The dashboard's tables from the groups the loader sums (one set per table), against figures
// worked out by hand.

const row = (
  set: CountRow["set"],
  key: string,
  outcome: string,
  transfers: number,
  more: Partial<CountRow> = {},
): CountRow => ({
  set,
  key,
  key_to: "",
  outcome,
  transfers,
  scored: 0,
  score_sum: 0,
  bounced: 0,
  sla_breached: 0,
  ...more,
});

const rows: CountRow[] = [
  row("all", "", "completed", 3, { scored: 3, score_sum: 240, bounced: 1 }),
  row("all", "", "declined", 1),
  row("kind", "fts", "completed", 2, { scored: 2, score_sum: 150, sla_breached: 1 }),
  row("kind", "leave", "completed", 1, { scored: 1, score_sum: 90, bounced: 1 }),
  row("kind", "leave", "declined", 1),
  row("regionPair", "EMEA", "completed", 3, { key_to: "US" }),
  row("regionPair", "US", "declined", 1, { key_to: "" }),
  row("queuePair", "l1", "completed", 3, { key_to: "l2" }),
  row("queuePair", "l1", "declined", 1, { key_to: "l2" }),
  row("week", "2026-W11", "completed", 3),
  row("week", "2026-W11", "declined", 1),
  row("fromQueue", "l1", "completed", 3, { scored: 3, score_sum: 240, bounced: 1 }),
  row("fromQueue", "l1", "declined", 1),
];

describe("handoff figures from grouped counts", () => {
  it("tallies each table from its own set, every week of the range listed", () => {
    const figures = transferFigures(rows, isoWeeksOf({ from: "2026-03-02", to: "2026-03-22" }));
    expect(figures.totals).toEqual({
      total: 4,
      completed: 3,
      declined: 1,
      rejected: 0,
      withdrawn: 0,
      expired: 0,
    });
    expect(figures.byKind.map((k) => [k.key, k.total, k.completed])).toEqual([
      ["fts", 2, 2],
      ["leave", 2, 1],
    ]);
    expect(figures.byRegionPair.map((p) => [p.key, p.total])).toEqual([
      ["EMEA → US", 3],
      ["US → —", 1],
    ]);
    expect(figures.byQueuePair.map((p) => [p.key, p.total])).toEqual([["l1 → l2", 4]]);
    expect(figures.byWeek.map((w) => [w.key, w.total])).toEqual([
      ["2026-W10", 0],
      ["2026-W11", 4],
      ["2026-W12", 0],
    ]);
  });

  it("averages scores of completed handoffs and shares SLA breaches by kind", () => {
    const scores = scoreFigures(rows);
    expect(scores.overall).toEqual({ key: "all", scored: 3, average: 80, bounced: 1 });
    expect(scores.byQueue).toEqual([{ key: "l1", scored: 3, average: 80, bounced: 1 }]);
    expect(scores.byKind.map((k) => [k.key, k.average])).toEqual([
      ["fts", 75],
      ["leave", 90],
    ]);
    expect(slaFigures(rows)).toEqual([
      { kind: "fts", handoffs: 2, breachedAfter: 1, notBreached: 1, share: 0.5 },
      { kind: "leave", handoffs: 1, breachedAfter: 0, notBreached: 1, share: 0 },
    ]);
  });
});
