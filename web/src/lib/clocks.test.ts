import { describe, expect, it } from "vitest";
import { type ClockView, remainingText, stateNow } from "./clocks.ts";

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
