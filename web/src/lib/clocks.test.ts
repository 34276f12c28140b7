import { describe, expect, it } from "vitest";
import {
  type ClockView,
  calendarText,
  dueShortText,
  remainingText,
  stateNow,
  whenText,
} from "./clocks.ts";

const now = new Date("2026-12-04T12:00:00Z");
const clock = (state: ClockView["state"], dueAt: string | null): ClockView => ({
  clock: "next_update",
  state,
  dueAt,
  since: null,
  metAt: null,
});

describe("clock display", () => {
  it("words the time left and the time overdue", () => {
    expect(remainingText("2026-12-04T12:42:00Z", now)).toBe("in 42 min");
    expect(remainingText("2026-12-04T15:05:00Z", now)).toBe("in 3 h 5 min");
    expect(remainingText("2026-12-02T08:00:00Z", now)).toBe("overdue by 2 d 4 h");
    expect(remainingText("2026-12-04T11:00:00Z", now)).toBe("overdue by 1 h");
  });

  it("moves a running clock on as time passes, and leaves the others as the server said", () => {
    expect(stateNow(clock("running", "2026-12-04T13:00:00Z"), now, 30)).toBe("running");
    expect(stateNow(clock("running", "2026-12-04T12:20:00Z"), now, 30)).toBe("due_soon");
    expect(stateNow(clock("due_soon", "2026-12-04T11:59:00Z"), now, 30)).toBe("breached");
    expect(stateNow(clock("paused", "2026-12-04T11:00:00Z"), now, 30)).toBe("paused");
    expect(stateNow(clock("met", "2026-12-04T11:00:00Z"), now, 30)).toBe("met");
  });
});

describe("clock wording", () => {
  it("says whose hours count as a sentence", () => {
    expect(calendarText("around the clock")).toBe("Counted around the clock");
    expect(calendarText("EMEA business hours")).toBe("Counted in EMEA business hours");
  });

  it("gives the time alone for today in the viewer's zone, the day too otherwise", () => {
    // 12:00 UTC is 13:00 in Berlin on 4 Dec; 23:30 UTC is already 5 Dec there.
    expect(whenText("2026-12-04T13:02:00Z", now, "Europe/Berlin")).toBe("14:02");
    expect(whenText("2026-12-04T23:30:00Z", now, "Europe/Berlin")).toBe("Sat 5 Dec, 00:30");
    expect(whenText("2026-12-04T23:30:00Z", now, "America/New_York")).toBe("18:30");
    expect(whenText("not a time", now, "UTC")).toBe("");
  });

  it("words a list row's deadline shorter, overdue without 'by'", () => {
    expect(dueShortText("2026-12-04T14:00:00Z", now)).toBe("in 2 h");
    expect(dueShortText("2026-12-04T11:00:00Z", now)).toBe("overdue 1 h");
    expect(dueShortText("2026-12-04T11:15:00Z", now)).toBe("overdue 45 min");
  });
});
