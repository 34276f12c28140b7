import { describe, expect, it } from "vitest";
import {
  dateTime,
  fileSize,
  hourIn,
  isOutsideWorkingHours,
  listText,
  localTime,
  relativeTime,
} from "./format.ts";
import { dayAndTime } from "./zonedTime.ts";

const now = new Date("2026-03-10T05:30:00Z"); // a Tuesday

describe("localTime", () => {
  it("shows the time where the customer is", () => {
    const tokyo = localTime("Asia/Tokyo", now, "en-GB");
    expect(tokyo).toMatchObject({ time: "Tue 14:30", offset: "GMT+9", valid: true });
    expect(localTime("Asia/Kolkata", now, "en-GB")).toMatchObject({
      time: "Tue 11:00",
      offset: "GMT+5:30",
    });
    expect(localTime("America/Los_Angeles", now, "en-GB").time).toBe("Mon 22:30");
  });

  it("survives an unknown zone", () => {
    expect(localTime("Mars/Olympus", now).valid).toBe(false);
    expect(hourIn("Mars/Olympus", now)).toBeNull();
  });

  it("knows outside working hours", () => {
    expect(hourIn("Europe/Berlin", now)).toBe(6);
    expect(isOutsideWorkingHours("Europe/Berlin", now)).toBe(true);
    expect(isOutsideWorkingHours("Asia/Tokyo", now)).toBe(false);
  });
});

describe("relativeTime", () => {
  it("says how long ago", () => {
    expect(relativeTime("2026-03-10T05:29:50Z", now, "en")).toBe("just now");
    expect(relativeTime("2026-03-10T05:25:00Z", now, "en")).toBe("5 minutes ago");
    expect(relativeTime("2026-03-10T02:30:00Z", now, "en")).toBe("3 hours ago");
    expect(relativeTime("2026-03-09T05:00:00Z", now, "en")).toBe("yesterday");
    expect(relativeTime("2026-03-10T07:30:00Z", now, "en")).toBe("in 2 hours");
    expect(relativeTime("not a date", now, "en")).toBe("");
  });

  it("says it in German for a German reader", () => {
    expect(relativeTime("2026-03-10T05:25:00Z", now, "de-DE")).toBe("vor 5 Minuten");
    expect(relativeTime("2026-03-09T05:00:00Z", now, "de-DE")).toBe("gestern");
  });
});

describe("dates, sizes and lists in the reader's locale", () => {
  it("writes dates and times as a German reader expects", () => {
    expect(dateTime("2026-03-10T05:30:00Z", "de-DE", "Europe/Berlin")).toBe("10.03.2026, 06:30");
    expect(dayAndTime("2026-03-10T05:30:00Z", "Europe/Berlin", "de-DE")).toBe(
      "Di., 10. März, 06:30",
    );
    expect(dateTime("2026-03-10T05:30:00Z", "en-GB", "Europe/Berlin")).toBe("10 Mar 2026, 06:30");
  });

  it("writes numbers with the locale's decimal mark and lists with its words", () => {
    expect(fileSize(2.5 * 1024 * 1024, "de-DE")).toBe("2,5 MB");
    expect(fileSize(2.5 * 1024 * 1024, "en-GB")).toBe("2.5 MB");
    expect(fileSize(300, "en-GB")).toBe("300 bytes");
    expect(fileSize(300, "de-DE")).toBe("300 Byte");
    expect(listText(["a", "b", "c"], "conjunction", "de-DE")).toBe("a, b und c");
    expect(listText(["a", "b"], "disjunction", "de-DE")).toBe("a oder b");
  });
});

describe("text helpers", () => {
  it("joins lists", () => {
    expect(listText(["a"])).toBe("a");
    expect(listText(["a", "b", "c"])).toBe("a, b and c");
  });
});

describe("numbers for people", () => {
  it("writes counts, means and shares in the reader's language", async () => {
    const { numberText, percentText } = await import("./format.ts");
    expect(numberText(1234, 0, "en-GB")).toBe("1,234");
    expect(numberText(76.66, 1, "de-DE")).toBe("76,7");
    expect(numberText(null)).toBe("—");
    expect(percentText(0.125, "en-GB")).toBe("13%");
    // German puts a no-break space before the sign.
    expect(percentText(0.125, "de-DE")).toBe("13\u00a0%");
  });

  it("writes a wait in minutes, hours or days, whichever reads best", async () => {
    const { durationText } = await import("./format.ts");
    expect(durationText(45, "en-GB")).toBe("45 mins");
    expect(durationText(210, "en-GB")).toBe("3.5 hrs");
    expect(durationText(210, "de-DE")).toBe("3,5 Std.");
    expect(durationText(3 * 1440, "en-GB")).toBe("3 days");
    expect(durationText(null)).toBe("—");
  });

  it("writes a chart's days and numbers the reader's way", async () => {
    const { axisNumber, shortDayText } = await import("./format.ts");
    expect(shortDayText("2026-12-06", "de-DE")).toBe("6.12.");
    expect(shortDayText("2026-12-06", "en-GB")).toBe("06/12");
    expect(shortDayText("someday", "de-DE")).toBe("someday");
    expect(axisNumber(0.15, "de-DE")).toBe("0,15");
    expect(axisNumber(1234.5, "de-DE")).toBe("1.234,5");
    expect(axisNumber(0.15, "en-GB")).toBe("0.15");
    expect(axisNumber("APAC", "de-DE")).toBe("APAC");
  });

  it("writes a reporting day as a date", async () => {
    const { dayText } = await import("./format.ts");
    expect(dayText("2026-03-05", "en-GB")).toBe("5 Mar 2026");
    expect(dayText("2026-03-05", "de-DE")).toBe("05.03.2026");
  });
});
