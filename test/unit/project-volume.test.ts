import { describe, expect, it } from "vitest";
import {
  isoWeekOf,
  movedProjects,
  percentile,
  reportingZone,
  reportRange,
  resolutionFigures,
  volumeFigures,
} from "../../src/domain/reports/project-volume.ts";

// The figures of the project volume report (S2.6), pinned to numbers worked out by hand.

const SYDNEY = "Australia/Sydney";
const at = (iso: string) => new Date(iso);

describe("ISO weeks in the reporting zone", () => {
  it("reads the week on the zone's wall clock, not UTC's", () => {
    // Monday 30 March 2026 00:30 in Sydney (AEDT, +11) is still Sunday in UTC.
    expect(isoWeekOf(at("2026-03-29T13:30:00Z"), SYDNEY)).toBe("2026-W14");
    expect(isoWeekOf(at("2026-03-29T13:30:00Z"), "UTC")).toBe("2026-W13");
  });

  it("keeps a Sunday evening in its week across the end of daylight saving", () => {
    // Sydney leaves daylight saving on Sunday 5 April 2026 at 03:00 (+11 → +10). 13:30Z is
    // 23:30 that Sunday; a fixed +11 offset would have called it Monday of W15.
    expect(isoWeekOf(at("2026-04-05T13:30:00Z"), SYDNEY)).toBe("2026-W14");
    expect(isoWeekOf(at("2026-04-05T14:00:00Z"), SYDNEY)).toBe("2026-W15");
  });

  it("uses the ISO week-numbering year at the turn of the year", () => {
    // 2026 starts on a Thursday, so it has 53 weeks; 1 January 2027 is a Friday of 2026-W53.
    expect(isoWeekOf(at("2026-12-31T13:30:00Z"), SYDNEY)).toBe("2026-W53");
    // Sunday 3 January 23:00 is still W53; Monday 4 January 00:30 starts 2027-W01.
    expect(isoWeekOf(at("2027-01-03T12:00:00Z"), SYDNEY)).toBe("2026-W53");
    expect(isoWeekOf(at("2027-01-03T13:30:00Z"), SYDNEY)).toBe("2027-W01");
  });

  it("takes the first region's zone", () => {
    expect(reportingZone([{ timeZone: SYDNEY }, { timeZone: "Europe/London" }])).toBe(SYDNEY);
    expect(reportingZone([])).toBe("UTC");
  });
});

describe("the report's range", () => {
  it("gives each week its Monday midnight in the zone, 169 hours for the week clocks go back", () => {
    const range = reportRange({ from: "2026-03-30", to: "2026-04-12" }, SYDNEY, new Date());
    expect(range.weeks.map((w) => [w.key, w.startsOn, w.startsAt.toISOString()])).toEqual([
      ["2026-W14", "2026-03-30", "2026-03-29T13:00:00.000Z"],
      ["2026-W15", "2026-04-06", "2026-04-05T14:00:00.000Z"],
    ]);
    const first = range.weeks[0];
    expect(first && (first.endsAt.getTime() - first.startsAt.getTime()) / 3_600_000).toBe(169);
    expect(range.startsAt.toISOString()).toBe("2026-03-29T13:00:00.000Z");
    // Midnight after Sunday 12 April (AEST, +10).
    expect(range.endsAt.toISOString()).toBe("2026-04-12T14:00:00.000Z");
  });

  it("and 167 hours for the week they go forward", () => {
    // Sydney starts daylight saving on Sunday 4 October 2026 (+10 → +11).
    const range = reportRange({ from: "2026-09-28", to: "2026-10-04" }, SYDNEY, new Date());
    const [week] = range.weeks;
    expect(week?.key).toBe("2026-W40");
    expect(week?.startsAt.toISOString()).toBe("2026-09-27T14:00:00.000Z");
    expect(week?.endsAt.toISOString()).toBe("2026-10-04T13:00:00.000Z");
  });

  it("defaults to this ISO week and the eleven before it, ending today in the zone", () => {
    // Wednesday 15 April 2026, 09:00 in Sydney.
    const range = reportRange({}, SYDNEY, at("2026-04-14T23:00:00Z"));
    expect(range.to).toBe("2026-04-15");
    expect(range.from).toBe("2026-01-26");
    expect(range.weeks).toHaveLength(12);
    expect(range.weeks[0]?.key).toBe("2026-W05");
    expect(range.weeks[11]?.key).toBe("2026-W16");
  });

  it("lists a week the range touches in part", () => {
    const range = reportRange({ from: "2026-04-01", to: "2026-04-07" }, SYDNEY, new Date());
    expect(range.weeks.map((w) => w.key)).toEqual(["2026-W14", "2026-W15"]);
  });

  it("refuses a range backwards or over two years, naming the field", () => {
    expect(() => reportRange({ from: "2026-05-01", to: "2026-04-01" }, SYDNEY, new Date())).toThrow(
      "from: must not be after to",
    );
    expect(() => reportRange({ from: "2024-01-01", to: "2026-04-01" }, SYDNEY, new Date())).toThrow(
      /^to: must be less than 731 days after from$/,
    );
    expect(() => reportRange({ from: "2026-02-30" }, SYDNEY, new Date())).toThrow(/^from: /);
  });
});

describe("weekly volume", () => {
  const range = reportRange({ from: "2026-03-30", to: "2026-04-19" }, SYDNEY, new Date());
  const names = {
    products: [
      { code: "core", name: "Core application" },
      { code: "reporting", name: "Reporting and analytics" },
    ],
    queues: [
      { code: "support-l1", name: "Support L1" },
      { code: "triage", name: "Triage" },
    ],
  };

  it("totals by product and queue, every week present, zeros shown, busiest first", () => {
    const v = volumeFigures(
      range,
      [
        { week: "2026-W14", product: "core", queue: "triage", cases: 2 },
        { week: "2026-W14", product: "reporting", queue: "support-l1", cases: 1 },
        { week: "2026-W16", product: "core", queue: "support-l1", cases: 1 },
        { week: "2026-W16", product: null, queue: "triage", cases: 1 },
      ],
      names,
    );
    expect(v.cases).toBe(5);
    expect(v.byProduct).toEqual([
      { code: "core", name: "Core application", cases: 3 },
      { code: null, name: "No product", cases: 1 },
      { code: "reporting", name: "Reporting and analytics", cases: 1 },
    ]);
    expect(v.byQueue.map((q) => [q.code, q.cases])).toEqual([
      ["triage", 3],
      ["support-l1", 2],
    ]);
    expect(v.weeks.map((w) => [w.week, w.startsOn, w.cases])).toEqual([
      ["2026-W14", "2026-03-30", 3],
      ["2026-W15", "2026-04-06", 0],
      ["2026-W16", "2026-04-13", 2],
    ]);
    expect(v.weeks[2]?.byProduct.map((p) => p.cases)).toEqual([1, 1, 0]);
    expect(v.weeks[1]?.byQueue.map((q) => q.cases)).toEqual([0, 0]);
  });

  it("names a product or queue the policy no longer lists by its code", () => {
    const v = volumeFigures(
      range,
      [{ week: "2026-W15", product: "legacy", queue: "old-queue", cases: 4 }],
      names,
    );
    expect(v.byProduct).toEqual([{ code: "legacy", name: "legacy", cases: 4 }]);
    expect(v.byQueue).toEqual([{ code: "old-queue", name: "old-queue", cases: 4 }]);
  });
});

describe("time from roadblock to resolution", () => {
  it("interpolates percentiles like percentile_cont", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([9, 2, 4], 0.5)).toBe(4);
    // rank 0.9 × 2 = 1.8: 4 + 0.8 × (9 − 4) = 8
    expect(percentile([9, 2, 4], 0.9)).toBe(8);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it("gives count, median and p90 in hours per product, and the open ones with their age", () => {
    const blocked = at("2026-04-01T00:00:00Z");
    const hoursLater = (h: number) => new Date(blocked.getTime() + h * 3_600_000);
    const r = resolutionFigures(
      [
        { product: "core", blockedAt: blocked, resolvedAt: hoursLater(2) },
        { product: "core", blockedAt: blocked, resolvedAt: hoursLater(4) },
        { product: "core", blockedAt: blocked, resolvedAt: hoursLater(9) },
        { product: "reporting", blockedAt: blocked, resolvedAt: hoursLater(30.5) },
      ],
      [
        {
          taskNumber: 12,
          taskTitle: "Load historic tickets",
          caseNumber: 501,
          project: "ACME",
          product: null,
          queue: "triage",
          blockedAt: at("2026-04-10T12:00:00Z"),
        },
        {
          taskNumber: 11,
          taskTitle: "Configure SSO",
          caseNumber: 500,
          project: "ACME",
          product: "core",
          queue: "support-l1",
          blockedAt: at("2026-04-05T12:00:00Z"),
        },
      ],
      [
        { code: "core", name: "Core application" },
        { code: "reporting", name: "Reporting and analytics" },
      ],
      at("2026-04-12T11:00:00Z"),
    );
    expect(r.byProduct).toEqual([
      { code: "core", name: "Core application", resolved: 3, medianHours: 4, p90Hours: 8 },
      {
        code: "reporting",
        name: "Reporting and analytics",
        resolved: 1,
        medianHours: 30.5,
        p90Hours: 30.5,
      },
    ]);
    // 2, 4, 9, 30.5: median 6.5; p90 rank 2.7 → 9 + 0.7 × 21.5 = 24.05 → 24.1 (one decimal)
    expect(r.overall).toEqual({
      code: null,
      name: "All products",
      resolved: 4,
      medianHours: 6.5,
      p90Hours: 24.1,
    });
    // Oldest first; 6 days 23 hours is 6 whole days, 1 day 23 hours is 1.
    expect(r.open.map((o) => [o.taskNumber, o.ageDays, o.productName])).toEqual([
      [11, 6, "Core application"],
      [12, 1, "No product"],
    ]);
  });
});

describe("projects whose timelines moved", () => {
  const task = {
    projectCode: "ACME",
    projectName: "Acme rollout",
    projectEndsOn: "2026-05-29",
    caseNumber: 1,
  };

  it("counts the days past the task's due date and past the project's end", () => {
    const moved = movedProjects([
      // Due 10 April, now 24 April: 14 days late, still inside the project.
      { ...task, taskNumber: 1, taskTitle: "SSO", dueOn: "2026-04-10", finishOn: "2026-04-24" },
      // Finishes 5 June: 26 days past its due date, 7 past the project's end (29 May).
      { ...task, taskNumber: 2, taskTitle: "Import", dueOn: "2026-05-10", finishOn: "2026-06-05" },
      // Finishes early: not moved.
      { ...task, taskNumber: 3, taskTitle: "Train", dueOn: "2026-05-20", finishOn: "2026-05-18" },
      // No expected finish given: nothing to say.
      { ...task, taskNumber: 4, taskTitle: "Go live", dueOn: "2026-05-28", finishOn: null },
      {
        projectCode: "BETA",
        projectName: "Beta pilot",
        projectEndsOn: null,
        caseNumber: 2,
        taskNumber: 5,
        taskTitle: "Reports",
        dueOn: "2026-03-31",
        finishOn: "2026-04-02",
      },
      {
        projectCode: "CALM",
        projectName: "Calm project",
        projectEndsOn: "2026-12-01",
        caseNumber: 3,
        taskNumber: 6,
        taskTitle: "On time",
        dueOn: null,
        finishOn: "2026-06-01",
      },
    ]);
    expect(moved.map((p) => [p.code, p.daysMoved, p.projectedEndOn, p.maxDaysPastDue])).toEqual([
      ["ACME", 7, "2026-06-05", 26],
      ["BETA", 0, null, 2],
    ]);
    expect(moved[0]?.tasks.map((t) => [t.number, t.daysPastDue, t.daysPastProjectEnd])).toEqual([
      [1, 14, 0],
      [2, 26, 7],
    ]);
  });

  it("counts calendar days across a change of clocks", () => {
    const [p] = movedProjects([
      { ...task, taskNumber: 1, taskTitle: "x", dueOn: "2026-03-28", finishOn: "2026-04-06" },
    ]);
    expect(p?.tasks[0]?.daysPastDue).toBe(9);
  });
});
