import { describe, expect, it } from "vitest";
import {
  agoText,
  calendarFeedUrls,
  clockOfLocalIso,
  dateOfLocalIso,
  dayOffsetText,
  defaultRegion,
  durationText,
  dutyLabel,
  localClockLabel,
  meetingDays,
  minutesUntil,
  needPrefix,
  nextChangeText,
  shareText,
  twoWeeks,
  untilText,
} from "./followTheSun.ts";

describe("durations", () => {
  it("reads like a person would say it", () => {
    expect(durationText(0)).toBe("0 min");
    expect(durationText(45)).toBe("45 min");
    expect(durationText(60)).toBe("1 h");
    expect(durationText(90)).toBe("1 h 30 min");
    expect(durationText(24 * 60)).toBe("1 d");
    expect(durationText(27 * 60 + 10)).toBe("1 d 3 h");
    expect(durationText(-5)).toBe("0 min");
  });

  it("says how long until and since", () => {
    expect(untilText(90)).toBe("in 1 h 30 min");
    expect(untilText(0)).toBe("now");
    expect(agoText(181)).toBe("3 h 1 min ago");
    expect(agoText(0)).toBe("just now");
  });

  it("counts whole minutes left, rounding up", () => {
    const now = new Date("2026-11-23T11:31:30Z");
    expect(minutesUntil("2026-11-23T12:00:00Z", now)).toBe(29);
    expect(minutesUntil("2026-11-23T11:00:00Z", now)).toBe(-31);
    expect(minutesUntil("nonsense", now)).toBe(0);
  });
});

describe("calendarFeedUrls", () => {
  it("builds the web and webcal addresses of a feed with its key", () => {
    const urls = calendarFeedUrls(
      "https://baton.example/",
      "follow-the-sun",
      "region",
      "APAC",
      "k_1/+=",
    );
    expect(urls.web).toBe(
      "https://baton.example/api/v1/calendar/region/APAC.ics?workspace=follow-the-sun&key=k_1%2F%2B%3D",
    );
    expect(urls.webcal).toBe(
      "webcal://baton.example/api/v1/calendar/region/APAC.ics?workspace=follow-the-sun&key=k_1%2F%2B%3D",
    );
  });

  it("works over plain http too (a development server)", () => {
    const urls = calendarFeedUrls("http://127.0.0.1:3000", "ws", "agent", "u-1", "abc");
    expect(urls.web).toBe(
      "http://127.0.0.1:3000/api/v1/calendar/agent/u-1.ics?workspace=ws&key=abc",
    );
    expect(urls.webcal).toBe(
      "webcal://127.0.0.1:3000/api/v1/calendar/agent/u-1.ics?workspace=ws&key=abc",
    );
  });
});

describe("twoWeeks", () => {
  it("runs Monday to Monday in the viewer's zone", () => {
    // Monday 23 Nov 2026, 02:00 in New York (07:00Z).
    expect(twoWeeks(new Date("2026-11-23T07:00:00Z"), "America/New_York")).toEqual({
      from: "2026-11-23T00:00:00-05:00",
      nextWeek: "2026-11-30T00:00:00-05:00",
      to: "2026-12-07T00:00:00-05:00",
    });
    // Sunday 29 Nov late in New York is already Monday in Singapore.
    expect(twoWeeks(new Date("2026-11-29T20:00:00Z"), "America/New_York").from).toBe(
      "2026-11-23T00:00:00-05:00",
    );
    expect(twoWeeks(new Date("2026-11-29T20:00:00Z"), "Asia/Singapore").from).toBe(
      "2026-11-30T00:00:00+08:00",
    );
  });

  it("keeps local midnight across a daylight-saving change", () => {
    const weeks = twoWeeks(new Date("2026-10-22T12:00:00Z"), "Europe/Berlin");
    expect(weeks).toEqual({
      from: "2026-10-19T00:00:00+02:00",
      nextWeek: "2026-10-26T00:00:00+01:00",
      to: "2026-11-02T00:00:00+01:00",
    });
  });
});

describe("meetingDays", () => {
  it("groups meetings by the viewer's day, in order, and knows past days and today", () => {
    const m = (start: string, end: string) => ({ start, end });
    const meetings = [
      m("2026-11-24T16:00:00Z", "2026-11-24T16:30:00Z"),
      m("2026-11-24T00:00:00Z", "2026-11-24T00:30:00Z"),
      m("2026-11-23T08:30:00Z", "2026-11-23T09:00:00Z"),
      m("2026-11-23T16:00:00Z", "2026-11-23T16:30:00Z"),
    ];
    const now = new Date("2026-11-23T20:00:00Z"); // 15:00 in New York
    const days = meetingDays(meetings, "America/New_York", now);
    // 00:00Z on the 24th is still the 23rd in New York.
    expect(days.map((d) => [d.date, d.meetings.length, d.today, d.past])).toEqual([
      ["2026-11-23", 3, true, false],
      ["2026-11-24", 1, false, false],
    ]);
    expect(days[0]?.meetings[0]?.start).toBe("2026-11-23T08:30:00Z");
    const later = meetingDays(meetings, "Asia/Singapore", now);
    expect(later.map((d) => [d.date, d.past])).toEqual([
      ["2026-11-23", true],
      ["2026-11-24", false],
      ["2026-11-25", false],
    ]);
  });
});

describe("defaultRegion", () => {
  const regions = [{ code: "APAC" }, { code: "IST" }, { code: "EMEA" }, { code: "US" }];
  it("opens on the person's own region, else one on duty, else the first", () => {
    expect(defaultRegion(regions, "EMEA")).toBe("EMEA");
    const duty = [
      { region: "APAC", onDuty: false },
      { region: "IST", onDuty: true },
    ];
    expect(defaultRegion(regions, null, duty)).toBe("IST");
    expect(defaultRegion(regions, "MARS", [])).toBe("APAC");
    expect(defaultRegion([], null)).toBeNull();
  });
});

describe("regions on duty", () => {
  const now = new Date("2026-11-23T11:32:00Z");
  it("names the duty and the next change", () => {
    const ist = { onDuty: true, holiday: false, changeAt: "2026-11-23T13:00:00.000Z" };
    expect(dutyLabel(ist)).toBe("On duty");
    expect(nextChangeText(ist, now)).toBe("Off duty in 1 h 28 min");
    const us = { onDuty: false, holiday: false, changeAt: "2026-11-23T16:00:00.000Z" };
    expect(nextChangeText(us, now)).toBe("On duty in 4 h 28 min");
    expect(dutyLabel({ onDuty: false, holiday: true, changeAt: null })).toBe("Holiday");
    expect(nextChangeText({ onDuty: false, holiday: true, changeAt: null }, now)).toBeNull();
  });

  it("reads the clock and date of a local ISO string", () => {
    expect(clockOfLocalIso("2026-11-23T19:31:56.248+08:00")).toBe("19:31");
    expect(dateOfLocalIso("2026-11-23T19:31:56.248+08:00")).toBe("2026-11-23");
    expect(clockOfLocalIso("garbage")).toBe("");
    expect(localClockLabel("2026-11-23T19:31:56.248+08:00")).toBe("Mon 19:31");
    expect(localClockLabel("2026-11-24T03:31-08:00")).toBe("Tue 03:31");
  });
});

describe("words", () => {
  it("titles, day offsets and shares", () => {
    expect(needPrefix("APAC")).toBe("Need APAC SE");
    expect(dayOffsetText(0)).toBeNull();
    expect(dayOffsetText(1)).toBe("the next day for the customer");
    expect(dayOffsetText(-1)).toBe("the previous day for the customer");
    expect(dayOffsetText(2)).toBe("2 days later for the customer");
    expect(shareText(0.625)).toBe("63%");
    expect(shareText(0.625, "de-DE")).toBe("63\u00a0%");
  });
});
