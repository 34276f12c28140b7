import { DateTime } from "luxon";

export interface Rendered {
  subject: string;
  text: string;
}

/**
 * A moment as the reader lives it: their zone's wall-clock time, written the way their language
 * writes dates, with the zone named so nobody has to guess (e.g. "Tuesday 24 November 2026 at
 * 10:00 CET (Europe/Berlin)").
 */
export function inZone(at: Date, zone: string, locale: string): string {
  const local = DateTime.fromJSDate(at, { zone }).setLocale(locale);
  const when = local.toLocaleString({
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });
  return `${when} (${local.zoneName})`;
}

/** The template for a language tag: exact, then its primary language, then English. */
export function pick<T>(
  byLanguage: Readonly<Record<string, T>> & { en: T },
  tag: string | null,
): T {
  if (!tag) return byLanguage.en;
  return byLanguage[tag] ?? byLanguage[tag.split("-")[0] ?? ""] ?? byLanguage.en;
}

/** "[Case 100042]" leads every subject so that a reply can be matched even without Reply-To. */
export const caseTag = (n: number) => `[Case ${n}]`;
