import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WEEKDAYS, type WeeklyHours } from "../../src/domain/policy/schema.ts";
import {
  addWorkingMinutes,
  isWorkingTime,
  type SlaCalendar,
  workingMinutesBetween,
} from "../../src/domain/sla/calendar.ts";

const MIN = 60_000;
const weekdays = (start: string, end: string): WeeklyHours => ({
  mon: [{ start, end }],
  tue: [{ start, end }],
  wed: [{ start, end }],
  thu: [{ start, end }],
  fri: [{ start, end }],
  sat: [],
  sun: [],
});
const hours = (zone: string, week: WeeklyHours, holidays: string[] = []): SlaCalendar => ({
  kind: "hours",
  label: zone,
  schedule: { zone, hours: week, holidays },
});
const iso = (d: Date | null) => d?.toISOString();

describe("SLA calendar", () => {
  const berlin = hours("Europe/Berlin", weekdays("09:00", "17:00"));

  it("counts only business hours: Friday 16:00 plus two working hours is Monday 10:00", () => {
    // Friday 4 Dec 2026 16:00 CET is 15:00 UTC.
    expect(iso(addWorkingMinutes(berlin, new Date("2026-12-04T15:00:00Z"), 120))).toBe(
      "2026-12-07T09:00:00.000Z",
    );
    // A holiday Monday moves it to Tuesday.
    const holiday = hours("Europe/Berlin", weekdays("09:00", "17:00"), ["2026-12-07"]);
    expect(iso(addWorkingMinutes(holiday, new Date("2026-12-04T15:00:00Z"), 120))).toBe(
      "2026-12-08T09:00:00.000Z",
    );
    // Ending exactly at closing time is closing time, not the next opening.
    expect(iso(addWorkingMinutes(berlin, new Date("2026-12-04T15:00:00Z"), 60))).toBe(
      "2026-12-04T16:00:00.000Z",
    );
  });

  it("lands on the right minute across the spring and autumn clock changes", () => {
    // Friday 27 March 2026 16:30 CET; the clocks go forward on Sunday 29 March; 60 minutes:
    // 30 on Friday, 30 on Monday from 09:00 CEST (07:00 UTC).
    expect(iso(addWorkingMinutes(berlin, new Date("2026-03-27T15:30:00Z"), 60))).toBe(
      "2026-03-30T07:30:00.000Z",
    );
    // New York, around the clock on Sunday 1 November 2026 (fall back): the day has 25 hours.
    const nyAllDay = hours("America/New_York", {
      ...weekdays("00:00", "24:00"),
      sat: [{ start: "00:00", end: "24:00" }],
      sun: [{ start: "00:00", end: "24:00" }],
    });
    const sunday = new Date("2026-11-01T04:00:00Z"); // 00:00 EDT
    const monday = new Date("2026-11-02T05:00:00Z"); // 00:00 EST
    expect(workingMinutesBetween(nyAllDay, sunday, monday)).toBe(25 * 60);
    // Adelaide: a half-hour zone with daylight saving (clocks go back on Sunday 5 April 2026).
    // Friday 10:30 ACDT to Tuesday 09:30 ACST: 390 minutes on Friday, 480 on Monday, 30 on Tuesday.
    const adelaide = hours("Australia/Adelaide", weekdays("09:00", "17:00"));
    expect(
      workingMinutesBetween(
        adelaide,
        new Date("2026-04-03T00:00:00Z"),
        new Date("2026-04-07T00:00:00Z"),
      ),
    ).toBe(390 + 480 + 30);
  });

  it("is plain arithmetic around the clock, and never for a schedule without hours", () => {
    const t = new Date("2026-06-01T10:00:00Z");
    expect(addWorkingMinutes({ kind: "24x7" }, t, 90)?.getTime()).toBe(t.getTime() + 90 * MIN);
    const closed = hours(
      "UTC",
      Object.fromEntries(WEEKDAYS.map((d) => [d, []])) as unknown as WeeklyHours,
    );
    expect(addWorkingMinutes(closed, t, 1)).toBeNull();
    expect(isWorkingTime(closed, t)).toBe(false);
  });

  const ZONES = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
  ];
  const clock = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  const span = fc
    .tuple(clock, clock)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => (a < b ? { start: a, end: b } : { start: b, end: a }));
  const week = fc
    .tuple(...WEEKDAYS.map(() => fc.option(span, { nil: undefined })))
    .map(
      (days) =>
        Object.fromEntries(
          WEEKDAYS.map((d, i) => [d, days[i] ? [days[i]] : []]),
        ) as unknown as WeeklyHours,
    )
    .filter((w) => WEEKDAYS.some((d) => w[d].length > 0));
  const holiday = fc
    .date({
      min: new Date("2025-01-01T00:00:00Z"),
      max: new Date("2028-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const calendar = fc
    .tuple(fc.constantFrom(...ZONES), week, fc.array(holiday, { maxLength: 6 }))
    .map(([zone, w, days]) => hours(zone, w, days));
  const instant = fc
    .date({
      min: new Date("2025-01-01T00:00:00Z"),
      max: new Date("2028-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => new Date(Math.floor(d.getTime() / MIN) * MIN));

  it("counts back exactly what it added, over zones, clock changes and holidays", () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 20_000 }), (cal, from, m) => {
        const due = addWorkingMinutes(cal, from, m);
        expect(due).not.toBeNull();
        expect(workingMinutesBetween(cal, from, due!)).toBeCloseTo(m, 6);
        // The deadline is working time, or the end of an open period.
        const justBefore = new Date(due!.getTime() - MIN);
        expect(isWorkingTime(cal, due!) || isWorkingTime(cal, justBefore)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("adds in steps as in one go, and later for more minutes", () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        (cal, from, a, b) => {
          const step = addWorkingMinutes(cal, addWorkingMinutes(cal, from, a)!, b);
          const once = addWorkingMinutes(cal, from, a + b);
          expect(iso(step)).toBe(iso(once));
          expect(once!.getTime()).toBeGreaterThanOrEqual(
            addWorkingMinutes(cal, from, a)!.getTime(),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
