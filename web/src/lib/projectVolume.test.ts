import { describe, expect, it } from "vitest";
import { colorAt, hoursText, reportQuery, shortWeek, weeklyChart } from "./projectVolume.ts";

describe("project volume page", () => {
  it("sends only the report's filters that are set", () => {
    const q = reportQuery(
      new URLSearchParams("from=2026-03-30&to=&queue=triage&tab=x&product=%20"),
    );
    expect(q.toString()).toBe("from=2026-03-30&queue=triage");
  });

  it("turns weeks into chart rows keyed by series, zeros for the missing", () => {
    const chart = weeklyChart(
      [
        { code: "core", name: "Core", cases: 3 },
        { code: null, name: "No product", cases: 1 },
      ],
      [
        {
          week: "2026-W14",
          startsOn: "2026-03-30",
          parts: [{ code: "core", name: "Core", cases: 2 }],
        },
        {
          week: "2026-W15",
          startsOn: "2026-04-06",
          parts: [
            { code: "core", name: "Core", cases: 1 },
            { code: null, name: "No product", cases: 1 },
          ],
        },
      ],
    );
    expect(chart.series.map((s) => [s.key, s.name])).toEqual([
      ["s0", "Core"],
      ["s1", "No product"],
    ]);
    expect(chart.rows).toEqual([
      { week: "2026-W14", startsOn: "2026-03-30", s0: 2, s1: 0 },
      { week: "2026-W15", startsOn: "2026-04-06", s0: 1, s1: 1 },
    ]);
  });

  it("words weeks, hours and colours", () => {
    expect(shortWeek("2026-W04")).toBe("W04");
    expect(hoursText(null)).toBe("—");
    expect(hoursText(24.1)).toBe("24.1 h");
    expect(hoursText(4)).toBe("4 h");
    expect(colorAt(8)).toBe(colorAt(0));
  });
});
