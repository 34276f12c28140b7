import { describe, expect, it } from "vitest";
import {
  clockTime,
  dateIn,
  dayAndTime,
  dayLabel,
  instantToZoned,
  offsetMinutes,
  offsetText,
  zonedLabel,
  zonedToInstant,
  zoneName,
} from "./zonedTime.ts";

describe("offsetMinutes", () => {
  it("knows a zone's offset at an instant, daylight saving included", () => {
    expect(offsetMinutes(Date.parse("2026-11-24T10:00:00Z"), "Europe/Berlin")).toBe(60);
    expect(offsetMinutes(Date.parse("2026-07-01T10:00:00Z"), "Europe/Berlin")).toBe(120);
    expect(offsetMinutes(Date.parse("2026-11-24T10:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(offsetMinutes(Date.parse("2026-11-24T10:00:00Z"), "America/New_York")).toBe(-300);
    expect(offsetMinutes(Date.parse("2026-11-24T10:00:00.750Z"), "UTC")).toBe(0);
  });

  it("writes offsets as ISO does", () => {
    expect(offsetText(60)).toBe("+01:00");
    expect(offsetText(-300)).toBe("-05:00");
    expect(offsetText(330)).toBe("+05:30");
    expect(offsetText(0)).toBe("+00:00");
    expect(offsetText(-570)).toBe("-09:30");
  });
});

describe("zonedToInstant", () => {
  it("reads a datetime-local value in the customer's zone or the viewer's", () => {
    expect(zonedToInstant("2026-11-24T10:00", "Europe/Berlin")).toEqual({
      iso: "2026-11-24T10:00:00+01:00",
      time: Date.parse("2026-11-24T09:00:00Z"),
      shifted: false,
      ambiguous: false,
    });
    expect(zonedToInstant("2026-11-24T05:00", "America/New_York")?.time).toBe(
      Date.parse("2026-11-24T10:00:00Z"),
    );
    expect(zonedToInstant("2026-11-24T15:30", "Asia/Kolkata")?.iso).toBe(
      "2026-11-24T15:30:00+05:30",
    );
    expect(zonedToInstant("2026-07-01T09:00:30", "Europe/Berlin")?.iso).toBe(
      "2026-07-01T09:00:30+02:00",
    );
  });

  it("moves a wall time in a spring-forward gap forward by the gap", () => {
    // Berlin: 2026-03-29 02:00 → 03:00.
    const gap = zonedToInstant("2026-03-29T02:30", "Europe/Berlin");
    expect(gap).toMatchObject({ iso: "2026-03-29T03:30:00+02:00", shifted: true });
    expect(gap?.time).toBe(Date.parse("2026-03-29T01:30:00Z"));
    // New York: 2026-03-08 02:00 → 03:00.
    expect(zonedToInstant("2026-03-08T02:15", "America/New_York")?.iso).toBe(
      "2026-03-08T03:15:00-04:00",
    );
  });

  it("takes the first of a wall time that happens twice when clocks go back", () => {
    // Berlin: 2026-10-25 03:00 → 02:00, so 02:30 happens at 00:30Z and at 01:30Z.
    const twice = zonedToInstant("2026-10-25T02:30", "Europe/Berlin");
    expect(twice).toMatchObject({ iso: "2026-10-25T02:30:00+02:00", ambiguous: true });
    expect(twice?.time).toBe(Date.parse("2026-10-25T00:30:00Z"));
    expect(zonedToInstant("2026-10-25T03:30", "Europe/Berlin")).toMatchObject({
      iso: "2026-10-25T03:30:00+01:00",
      ambiguous: false,
      shifted: false,
    });
  });

  it("refuses what is not a wall time or not a zone", () => {
    expect(zonedToInstant("", "Europe/Berlin")).toBeNull();
    expect(zonedToInstant("2026-02-30T10:00", "Europe/Berlin")).toBeNull();
    expect(zonedToInstant("2026-11-24T25:00", "Europe/Berlin")).toBeNull();
    expect(zonedToInstant("2026-11-24T10:00Z", "Europe/Berlin")).toBeNull();
    expect(zonedToInstant("2026-11-24T10:00", "Mars/Olympus")).toBeNull();
  });

  it("round-trips with instantToZoned across zones and seasons", () => {
    for (const zone of [
      "Europe/Berlin",
      "America/Los_Angeles",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
    ])
      for (const iso of ["2026-01-15T23:45:00Z", "2026-06-30T00:05:00Z", "2026-11-02T09:30:00Z"]) {
        const local = instantToZoned(iso, zone);
        expect(zonedToInstant(local, zone)?.time, `${zone} ${iso}`).toBe(Date.parse(iso));
      }
    // Except the second of a wall time that happens twice: 01:30 in Los Angeles on 1 November.
    const second = instantToZoned("2026-11-01T09:30:00Z", "America/Los_Angeles");
    expect(second).toBe("2026-11-01T01:30");
    expect(zonedToInstant(second, "America/Los_Angeles")).toMatchObject({
      iso: "2026-11-01T01:30:00-07:00",
      ambiguous: true,
    });
  });
});

describe("instantToZoned", () => {
  it("gives the datetime-local value of an instant in a zone", () => {
    expect(instantToZoned("2026-11-24T10:00:00Z", "America/New_York")).toBe("2026-11-24T05:00");
    expect(instantToZoned("2026-11-24T20:00:00.000Z", "Asia/Tokyo")).toBe("2026-11-25T05:00");
    expect(instantToZoned("not a date", "UTC")).toBe("");
    expect(instantToZoned("2026-11-24T10:00:00Z", "Mars/Olympus")).toBe("");
  });
});

describe("formatting", () => {
  it("writes days and times in a given zone", () => {
    expect(dayAndTime("2026-11-24T10:00:00Z", "America/New_York")).toBe("Tue 24 Nov, 05:00");
    expect(clockTime("2026-11-24T00:00:00Z", "Asia/Singapore")).toBe("08:00");
    expect(dayLabel("2026-11-24")).toBe("Tue 24 Nov");
    expect(dateIn(Date.parse("2026-11-23T23:30:00Z"), "Asia/Singapore")).toBe("2026-11-24");
    expect(zoneName("America/Los_Angeles")).toBe("America/Los Angeles");
  });
});

describe("zonedLabel", () => {
  it("writes the customer's time where they are, in the reader's language", () => {
    // As GET /cases/{n}/next-holder gives it: a local ISO time, its zone and offset.
    const dubai = { iso: "2026-12-06T10:32:00+04:00", timeZone: "Asia/Dubai", offset: "+04:00" };
    expect(zonedLabel(dubai, "de-DE")).toBe("So., 6. Dez. 2026, 10:32 (Asia/Dubai, UTC+04:00)");
    expect(zonedLabel(dubai, "en-GB")).toBe("Sun, 6 Dec 2026, 10:32 (Asia/Dubai, UTC+04:00)");
    // The zone's own clock, not the reader's: Berlin reads 07:32 at that instant.
    expect(zonedLabel({ ...dubai, timeZone: "Europe/Berlin", offset: "+01:00" }, "de-DE")).toBe(
      "So., 6. Dez. 2026, 07:32 (Europe/Berlin, UTC+01:00)",
    );
    expect(zonedLabel({ ...dubai, iso: "soon" }, "de-DE")).toBe("");
  });
});
