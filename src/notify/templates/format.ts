import { DateTime } from "luxon";
import { boundedCache } from "../../domain/bounded-cache.ts";

export interface Rendered {
  subject: string;
  text: string;
}

/** How a moment is written in messages: weekday, date, time and the zone's short name. */
export const WRITTEN: Intl.DateTimeFormatOptions = {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

// One formatter per language and zone: making one is most of what writing a date costs, and a
// completed transfer writes one or two (docs/performance.md, "A transfer in seven statements").
const formatter = boundedCache<Intl.DateTimeFormat>(500);
// And the moments written lately, by language, zone and minute (the format shows no seconds): a
// handover writes the same "next update" time into many notices, and ICU's formatting inside a
// busy server cost about 40 µs a call (docs/performance.md, "The case row as one JSON value").
const written = boundedCache<string>(2000);

/**
 * A moment as the reader lives it: their zone's wall-clock time, written the way their language
 * writes dates, with the zone named so nobody has to guess (e.g. "Tuesday 24 November 2026 at
 * 10:00 CET (Europe/Berlin)"). Intl does the zone's arithmetic, as luxon would with these options;
 * a zone Intl does not know is left to luxon, which writes "Invalid DateTime" rather than throw.
 */
export function inZone(at: Date, zone: string, locale: string): string {
  return written(`${locale} ${zone} ${Math.floor(at.getTime() / 60_000)}`, () => {
    try {
      const format = formatter(
        `${locale} ${zone}`,
        () => new Intl.DateTimeFormat(locale, { ...WRITTEN, timeZone: zone }),
      );
      return `${format.format(at)} (${zone})`;
    } catch {
      const local = DateTime.fromJSDate(at, { zone }).setLocale(locale);
      return `${local.toLocaleString(WRITTEN)} (${local.zoneName})`;
    }
  });
}

/**
 * The locale dates are written in for a wording's language. Plain English is British English:
 * day before month, 24-hour clock, the way Baton has always written dates.
 */
export function localeFor(language: string): string {
  if (language === "en") return "en-GB";
  try {
    return Intl.getCanonicalLocales(language)[0] ?? "en-GB";
  } catch {
    // A contact's language is stored as given; a tag Intl cannot read still gets a date.
    return "en-GB";
  }
}

/** "[Case 100042]" leads every subject so that a reply can be matched even without Reply-To. */
export const caseTag = (n: number) => `[Case ${n}]`;

/** The values every message about one case offers: its tag, number, subject and link. */
export function caseValues(f: { caseNumber: number; caseSubject: string; link?: string | null }) {
  return {
    caseTag: caseTag(f.caseNumber),
    caseNumber: String(f.caseNumber),
    caseSubject: f.caseSubject,
    link: f.link ?? "",
    linkLine: f.link ? `Open the case: ${f.link}` : "",
  };
}
