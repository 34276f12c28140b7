import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { inZone, WRITTEN } from "../../src/notify/templates/format.ts";

// inZone writes with a cached Intl formatter; it must write what luxon wrote with the same
// options, in every zone and language, across daylight-saving changes. One difference is known and
// wanted: for UTC luxon joins Intl's parts, which keep ICU's narrow no-break space ("12:00\u202fAM"),
// where Intl's format(), as for every other zone, writes a plain space.
const ZONES = [
  "UTC",
  "Etc/UTC",
  "Europe/Berlin",
  "europe/lisbon",
  "America/New_York",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
];
const LOCALES = ["en-GB", "en-US", "de", "fr", "ja", "pt-BR", "ar"];

const byLuxon = (at: Date, zone: string, locale: string) => {
  const local = DateTime.fromJSDate(at, { zone }).setLocale(locale);
  const when = local.toLocaleString(WRITTEN);
  return `${when} (${local.zoneName})`.replaceAll("\u202f", " ");
};

describe("inZone", () => {
  it("writes what luxon writes, for any moment, zone and language", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2020-01-01T00:00:00Z"),
          max: new Date("2035-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...LOCALES),
        (at, zone, locale) => {
          expect(inZone(at, zone, locale)).toBe(byLuxon(at, zone, locale));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("writes Berlin's winter and summer time the German way", () => {
    expect(inZone(new Date("2026-11-24T09:00:00Z"), "Europe/Berlin", "de")).toBe(
      "Dienstag, 24. November 2026 um 10:00 MEZ (Europe/Berlin)",
    );
    expect(inZone(new Date("2026-07-24T09:00:00Z"), "Europe/Berlin", "de")).toBe(
      "Freitag, 24. Juli 2026 um 11:00 MESZ (Europe/Berlin)",
    );
  });

  it("leaves a zone Intl does not know to luxon instead of throwing", () => {
    expect(inZone(new Date("2026-11-24T09:00:00Z"), "Mars/Olympus", "en-GB")).toBe(
      byLuxon(new Date("2026-11-24T09:00:00Z"), "Mars/Olympus", "en-GB"),
    );
  });
});
