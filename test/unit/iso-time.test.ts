import { describe, expect, it } from "vitest";
import { isoOf } from "../../src/presenters/time.ts";

describe("isoOf", () => {
  it("writes PostgreSQL's UTC text as Date would, the fraction cut to milliseconds", () => {
    for (const text of [
      "2026-12-05 19:46:18.123456+00",
      "2026-12-05 19:46:18.123999+00",
      "2026-12-05 19:46:18.1+00",
      "2026-12-05 19:46:18.12+00",
      "2026-12-05 19:46:18+00",
      "1999-01-01 00:00:00.000001+00",
      // As json_build_array writes them.
      "2026-12-05T19:46:18.123456+00:00",
      "2026-12-05T19:46:18.9+00:00",
      "2026-12-05T19:46:18+00:00",
    ])
      expect(isoOf(text)).toBe(new Date(text).toISOString());
  });

  it("takes other offsets and Dates through Date, and keeps null", () => {
    expect(isoOf("2026-12-05 20:46:18.5+01")).toBe("2026-12-05T19:46:18.500Z");
    expect(isoOf("2026-12-05 14:16:18.5-05:30")).toBe("2026-12-05T19:46:18.500Z");
    expect(isoOf(new Date(Date.UTC(2026, 11, 5, 19, 46, 18, 7)))).toBe("2026-12-05T19:46:18.007Z");
    expect(isoOf(null)).toBeNull();
  });
});
