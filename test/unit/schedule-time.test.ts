import { describe, expect, it } from "vitest";
import type { WeeklyHours } from "../../src/domain/policy/schema.ts";
import {
  agentOnShift,
  agentSchedule,
  agentShift,
  customerCoverage,
  DEFAULT_CUSTOMER_HOURS,
  isOnShift,
  nextCustomerContact,
  nextShiftChange,
  openPeriods,
  parseWeeklyHours,
  regionStatus,
  regionsOnDuty,
} from "../../src/domain/schedule/index.ts";
import { presets } from "../../src/presets/index.ts";

const fts = presets["follow-the-sun"];
const d = (iso: string) => new Date(iso);
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

const week = (days: Partial<Record<keyof WeeklyHours, [string, string][]>>): WeeklyHours =>
  parseWeeklyHours(
    Object.fromEntries(
      Object.entries(days).map(([k, spans]) => [k, spans.map(([start, end]) => ({ start, end }))]),
    ),
  )!;

const ninetofive = week({
  mon: [["09:00", "17:00"]],
  tue: [["09:00", "17:00"]],
  wed: [["09:00", "17:00"]],
  thu: [["09:00", "17:00"]],
  fri: [["09:00", "17:00"]],
});

describe("regionsOnDuty (follow-the-sun preset)", () => {
  const onDuty = (at: string) => regionsOnDuty(fts, d(at)).map((r) => r.region);

  it.each([
    ["2026-11-23T03:00:00Z", ["APAC"]],
    ["2026-11-23T04:00:00Z", ["APAC", "IST"]],
    ["2026-11-23T08:30:00Z", ["APAC", "IST", "EMEA"]],
    ["2026-11-23T09:00:00Z", ["IST", "EMEA"]],
    ["2026-11-23T16:30:00Z", ["EMEA", "US"]],
    ["2026-11-24T00:30:00Z", ["APAC", "US"]],
    // Summer: Berlin and Los Angeles are an hour earlier in UTC.
    ["2026-07-15T15:30:00Z", ["EMEA", "US"]],
    ["2026-07-15T16:30:00Z", ["US"]],
    // Sunday, and Christmas Day (a holiday in APAC).
    ["2026-11-22T03:00:00Z", []],
    ["2026-12-25T03:00:00Z", []],
  ])("at %s: %j", (at, expected) => {
    expect(onDuty(at)).toEqual(expected);
  });

  it("every region with its local time and next change", () => {
    const status = regionStatus(fts, d("2026-11-23T03:00:00Z"));
    expect(
      status.map((s) => [s.region, s.onDuty, s.localTime, iso(s.since), iso(s.changeAt)]),
    ).toEqual([
      [
        "APAC",
        true,
        "2026-11-23T11:00+08:00",
        "2026-11-23T00:00:00.000Z",
        "2026-11-23T09:00:00.000Z",
      ],
      [
        "IST",
        false,
        "2026-11-23T08:30+05:30",
        "2026-11-20T13:00:00.000Z",
        "2026-11-23T04:00:00.000Z",
      ],
      [
        "EMEA",
        false,
        "2026-11-23T04:00+01:00",
        "2026-11-20T17:00:00.000Z",
        "2026-11-23T08:00:00.000Z",
      ],
      [
        "US",
        false,
        "2026-11-22T19:00-08:00",
        "2026-11-21T01:00:00.000Z",
        "2026-11-23T16:00:00.000Z",
      ],
    ]);
    expect(status[0]!.next).toEqual({
      start: d("2026-11-24T00:00:00Z"),
      end: d("2026-11-24T09:00:00Z"),
    });
  });

  it("skips a holiday and the weekend after it", () => {
    const apac = regionStatus(fts, d("2026-12-24T10:00:00Z"))[0]!;
    expect(apac.onDuty).toBe(false);
    expect(apac.holiday).toBe(false);
    expect(iso(apac.changeAt)).toBe("2026-12-28T00:00:00.000Z");
    expect(regionStatus(fts, d("2026-12-25T03:00:00Z"))[0]!.holiday).toBe(true);
  });
});

describe("shifts", () => {
  it("agentOnShift reads the hours in the agent's zone and skips holidays", () => {
    // 09:00 in Berlin is 08:00Z in winter and 07:00Z in summer.
    expect(agentOnShift(ninetofive, "Europe/Berlin", d("2026-01-14T08:00:00Z"))).toBe(true);
    expect(agentOnShift(ninetofive, "Europe/Berlin", d("2026-01-14T07:59:00Z"))).toBe(false);
    expect(agentOnShift(ninetofive, "Europe/Berlin", d("2026-07-15T07:00:00Z"))).toBe(true);
    expect(agentOnShift(ninetofive, "Europe/Berlin", d("2026-07-15T15:00:00Z"))).toBe(false);
    expect(
      agentOnShift(ninetofive, "Europe/Berlin", d("2026-12-25T10:00:00Z"), ["2026-12-25"]),
    ).toBe(false);
  });

  it("a night shift crossing midnight is one shift, through to the next morning", () => {
    const night = week({
      mon: [["22:00", "24:00"]],
      tue: [
        ["00:00", "06:00"],
        ["22:00", "24:00"],
      ],
      wed: [["00:00", "06:00"]],
    });
    const s = { zone: "Asia/Kolkata", hours: night };
    expect(openPeriods(s, d("2026-11-23T00:00:00Z"), d("2026-11-26T00:00:00Z"))).toEqual([
      { start: d("2026-11-23T16:30:00Z"), end: d("2026-11-24T00:30:00Z") },
      { start: d("2026-11-24T16:30:00Z"), end: d("2026-11-25T00:30:00Z") },
    ]);
    const state = nextShiftChange(s, d("2026-11-23T20:00:00Z"));
    expect(state).toEqual({
      onShift: true,
      since: d("2026-11-23T16:30:00Z"),
      changeAt: d("2026-11-24T00:30:00Z"),
      next: { start: d("2026-11-24T16:30:00Z"), end: d("2026-11-25T00:30:00Z") },
    });
  });

  it("a span across a daylight-saving change lasts as long as the clocks make it", () => {
    const sunday = week({ sun: [["00:00", "06:00"]] });
    const s = { zone: "Europe/Berlin", hours: sunday };
    const hours = (from: string, to: string) =>
      openPeriods(s, d(from), d(to)).map((p) => (p.end.getTime() - p.start.getTime()) / 3.6e6);
    expect(hours("2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z")).toEqual([5]);
    expect(hours("2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z")).toEqual([7]);
    expect(hours("2026-11-07T00:00:00Z", "2026-11-09T00:00:00Z")).toEqual([6]);
  });

  it("the spring gap moves a start to the first instant after it", () => {
    const s = { zone: "Europe/Berlin", hours: week({ sun: [["02:30", "04:00"]] }) };
    expect(openPeriods(s, d("2026-03-29T00:00:00Z"), d("2026-03-30T00:00:00Z"))).toEqual([
      { start: d("2026-03-29T01:30:00Z"), end: d("2026-03-29T02:00:00Z") },
    ]);
  });

  it("always on and never on have no change within the horizon", () => {
    const always = week(
      Object.fromEntries(
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((k) => [k, [["00:00", "24:00"]]]),
      ),
    );
    expect(nextShiftChange({ zone: "UTC", hours: always }, d("2026-06-01T12:00:00Z"))).toEqual({
      onShift: true,
      since: null,
      changeAt: null,
      next: null,
    });
    expect(nextShiftChange({ zone: "UTC", hours: week({}) }, d("2026-06-01T12:00:00Z"))).toEqual({
      onShift: false,
      since: null,
      changeAt: null,
      next: null,
    });
  });

  it("a shift starts inclusive and ends exclusive", () => {
    const s = { zone: "UTC", hours: ninetofive };
    expect(isOnShift(s, d("2026-06-01T09:00:00Z"))).toBe(true);
    expect(isOnShift(s, d("2026-06-01T17:00:00Z"))).toBe(false);
  });

  it("agentSchedule: own hours in own zone, else the region's; region holidays either way", () => {
    const apac = fts.regions[0]!;
    const own = agentSchedule(fts.regions, {
      timeZone: "Asia/Tokyo",
      workingHours: ninetofive,
      region: "APAC",
    });
    expect(own).toEqual({ zone: "Asia/Tokyo", hours: ninetofive, holidays: apac.holidays });
    const fallback = agentSchedule(fts.regions, {
      timeZone: "Asia/Tokyo",
      workingHours: null,
      region: "APAC",
    });
    expect(fallback).toEqual({
      zone: "Asia/Singapore",
      hours: apac.businessHours,
      holidays: apac.holidays,
    });
    expect(agentSchedule(fts.regions, { timeZone: "UTC", workingHours: null, region: null })).toBe(
      null,
    );
  });

  it("parseWeeklyHours accepts the stored shape and refuses anything else", () => {
    expect(parseWeeklyHours({ mon: [{ start: "08:00", end: "16:30" }] })?.mon).toEqual([
      { start: "08:00", end: "16:30" },
    ]);
    expect(parseWeeklyHours(null)).toBe(null);
    expect(parseWeeklyHours({ mon: [{ start: "17:00", end: "09:00" }] })).toBe(null);
    expect(parseWeeklyHours("9-5")).toBe(null);
  });
});

describe("customerCoverage (S0.2/S1.3)", () => {
  const shares = (zone: string, at = "2026-11-23T12:00:00Z") =>
    Object.fromEntries(customerCoverage(fts, zone, d(at)).map((c) => [c.region, c.share]));

  it("a customer in Paris is served by EMEA, barely by APAC, not by the US", () => {
    const list = customerCoverage(fts, "Europe/Paris", d("2026-11-23T12:00:00Z"));
    expect(list[0]).toEqual({ region: "EMEA", overlapMinutes: 40 * 60, share: 1 });
    // APAC closes at 10:00 in Paris in winter: one hour of eight.
    expect(shares("Europe/Paris")).toMatchObject({ APAC: 0.125, US: 0 });
  });

  it("a customer in Tokyo is served by APAC; in Chicago by the US", () => {
    expect(customerCoverage(fts, "Asia/Tokyo", d("2026-11-23T12:00:00Z"))[0]!.region).toBe("APAC");
    expect(customerCoverage(fts, "America/Chicago", d("2026-11-23T12:00:00Z"))[0]).toMatchObject({
      region: "US",
      share: 0.875,
    });
  });

  it("uses the customer's own hours when they have them", () => {
    const evenings = week({ mon: [["18:00", "22:00"]] });
    const list = customerCoverage(fts, "Europe/Paris", d("2026-11-23T12:00:00Z"), evenings);
    expect(list[0]).toMatchObject({ region: "US", share: 1 });
  });
});

describe("nextCustomerContact (S0.4)", () => {
  it("renders the instant for the customer and the viewer", () => {
    const c = nextCustomerContact({
      at: d("2026-11-23T03:00:00Z"),
      customerZone: "Asia/Tokyo",
      viewerZone: "America/Los_Angeles",
    });
    expect(c.customer).toEqual({
      timeZone: "Asia/Tokyo",
      iso: "2026-11-23T12:00+09:00",
      date: "2026-11-23",
      time: "12:00",
      weekday: "Mon",
      offset: "+09:00",
      label: "Mon 23 Nov 2026, 12:00 (Asia/Tokyo, UTC+09:00)",
    });
    expect(c.viewer.label).toBe("Sun 22 Nov 2026, 19:00 (America/Los_Angeles, UTC-08:00)");
    expect(c.dayOffset).toBe(1);
    expect(c.customerBusinessDay).toBe(true);
    expect(c.withinCustomerHours).toBe(true);
    expect(c.customerHoursFrom).toEqual(d("2026-11-23T03:00:00Z"));
  });

  it("outside hours: when the customer's day starts next", () => {
    const evening = nextCustomerContact({
      at: d("2026-11-27T10:00:00Z"),
      customerZone: "Asia/Tokyo",
      viewerZone: "Europe/Berlin",
    });
    expect(evening.customer.time).toBe("19:00");
    expect(evening.customerBusinessDay).toBe(true);
    expect(evening.withinCustomerHours).toBe(false);
    // Friday evening: next Monday 09:00 in Tokyo.
    expect(evening.customerHoursFrom).toEqual(d("2026-11-30T00:00:00Z"));
  });

  it("a weekend, a holiday, and the day before the viewer's", () => {
    const saturday = nextCustomerContact({
      at: d("2026-11-28T02:00:00Z"),
      customerZone: "Asia/Tokyo",
      viewerZone: "UTC",
    });
    expect(saturday.customerBusinessDay).toBe(false);
    const holiday = nextCustomerContact({
      at: d("2026-11-23T03:00:00Z"),
      customerZone: "Asia/Tokyo",
      viewerZone: "UTC",
      customerHolidays: ["2026-11-23"],
    });
    expect(holiday.customerBusinessDay).toBe(false);
    expect(holiday.withinCustomerHours).toBe(false);
    expect(holiday.customerHoursFrom).toEqual(d("2026-11-24T00:00:00Z"));
    const behind = nextCustomerContact({
      at: d("2026-11-24T01:00:00Z"),
      customerZone: "America/Los_Angeles",
      viewerZone: "Asia/Tokyo",
      customerHours: DEFAULT_CUSTOMER_HOURS,
    });
    expect(behind.dayOffset).toBe(-1);
    expect(behind.customer.date).toBe("2026-11-23");
  });
});

describe("agentShift", () => {
  const base = {
    id: "a",
    name: "A",
    role: "agent",
    region: "EMEA",
    timeZone: "Europe/Berlin",
    workingHours: ninetofive,
    queues: [],
    skills: [],
    languages: [],
    capacity: 10,
    openCases: 0,
    availability: "available" as const,
    leaveFrom: null,
    leaveUntil: null,
  };

  it("reads the agent's hours, and counts leave as off shift since it began", () => {
    expect(agentShift(fts, base, d("2026-11-23T10:00:00Z"))).toMatchObject({
      onShift: true,
      since: d("2026-11-23T08:00:00Z"),
      changeAt: d("2026-11-23T16:00:00Z"),
    });
    const away = {
      ...base,
      availability: "on_leave" as const,
      leaveFrom: d("2026-11-23T09:00:00Z"),
      leaveUntil: d("2026-11-27T00:00:00Z"),
    };
    expect(agentShift(fts, away, d("2026-11-23T10:00:00Z"))).toEqual({
      onShift: false,
      since: d("2026-11-23T09:00:00Z"),
      changeAt: d("2026-11-27T00:00:00Z"),
      next: null,
    });
    expect(
      agentShift(fts, { ...base, region: null, timeZone: "Mars/Base" }, d("2026-11-23T10:00:00Z")),
    ).toBe(null);
  });
});
