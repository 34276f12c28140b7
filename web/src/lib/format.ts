// Dates and times for people in many time zones, in the app's language (`activeLocale`) unless a
// test fixes `locale`.
import { t } from "i18next";
import { activeLocale } from "../i18n/locale.ts";

export interface LocalTime {
  /** e.g. "Tue 14:05" */
  time: string;
  /** e.g. "GMT+9" */
  offset: string;
  zone: string;
  valid: boolean;
}

/** The time right now where someone is, from their IANA time zone. */
export function localTime(zone: string, now: Date, locale = activeLocale()): LocalTime {
  try {
    const part = (options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes) =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, ...options })
        .formatToParts(now)
        .find((p) => p.type === type)?.value ?? "";
    const weekday = part({ weekday: "short" }, "weekday");
    const clock = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      hour: "2-digit",
      minute: "2-digit",
    }).format(now);
    const offset = part({ timeZoneName: "shortOffset" }, "timeZoneName");
    const time = `${weekday} ${clock}`;
    return { time, offset, zone, valid: true };
  } catch {
    return { time: "", offset: "", zone, valid: false };
  }
}

/** The hour of day (0–23) in a zone, or null for an unknown zone. */
export function hourIn(zone: string, now: Date): number | null {
  try {
    const h = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hour: "2-digit",
      hourCycle: "h23",
    }).format(now);
    const n = Number.parseInt(h, 10);
    return Number.isNaN(n) ? null : n;
  } catch {
    return null;
  }
}

/** "outside working hours" hint: before 08:00 or from 18:00 local time. */
export function isOutsideWorkingHours(zone: string, now: Date): boolean {
  const h = hourIn(zone, now);
  return h !== null && (h < 8 || h >= 18);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago", "in 2 hours", "just now". */
export function relativeTime(iso: string, now: Date, locale = activeLocale()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  const seconds = Math.round((at - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return t("format.justNow");
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "minute")
      return rtf.format(Math.trunc(seconds / size) || Math.sign(seconds), unit);
  }
  return "";
}

/** Absolute date and time in the viewer's zone, e.g. for a tooltip. */
export function dateTime(iso: string, locale = activeLocale(), timeZone?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(t);
}

/** "a, b and c", or "a, b or c" as a disjunction, in the app's language. */
export function listText(
  items: readonly string[],
  type: Intl.ListFormatType = "conjunction",
  locale = activeLocale(),
): string {
  if (items.length <= 1) return items.join("");
  return new Intl.ListFormat(locale, { type }).format(items);
}

/** A file's size for people: bytes, kB or MB (1024-based, as file managers show them). */
export function fileSize(bytes: number, locale = activeLocale()): string {
  const size = (value: number, unit: string, unitDisplay: "long" | "short" = "short") =>
    new Intl.NumberFormat(locale, {
      style: "unit",
      unit,
      unitDisplay,
      maximumFractionDigits: 1,
    }).format(value);
  // "300 bytes": the short form would say "300 byte".
  if (bytes < 1024) return size(bytes, "byte", "long");
  if (bytes < 1024 * 1024) return size(Math.max(1, Math.round(bytes / 1024)), "kilobyte");
  return size(bytes / 1024 / 1024, "megabyte");
}

/** A count or a mean for people: "1,234", "76.7" ("1.234", "76,7" in German); "—" for none. */
export function numberText(
  value: number | null | undefined,
  fractionDigits = 0,
  locale = activeLocale(),
): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value);
}

/** A share 0…1 as a percentage: "12 %" in German, "12%" in English. */
export function percentText(share: number | null | undefined, locale = activeLocale()): string {
  if (share === null || share === undefined || Number.isNaN(share)) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(
    share,
  );
}

/**
 * A wait in minutes in the unit that reads best: "45 min" under two hours, then hours, then
 * days from two days, to one decimal; "—" for none. Intl words the units in the app's language.
 */
export function durationText(minutes: number | null | undefined, locale = activeLocale()): string {
  if (minutes === null || minutes === undefined || Number.isNaN(minutes)) return "—";
  const [value, unit] =
    minutes < 120
      ? [minutes, "minute"]
      : minutes < 48 * 60
        ? [minutes / 60, "hour"]
        : [minutes / 1440, "day"];
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: unit === "minute" ? 0 : 1,
  }).format(value);
}

/** A calendar day (YYYY-MM-DD, a day in the workspace's reporting zone) written for people. */
export function dayText(day: string, locale = activeLocale()): string {
  const at = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(at)) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(at);
}

/** A calendar day (YYYY-MM-DD) as a chart's axis writes it: "6.12." in German, "06/12" in English. */
export function shortDayText(day: string, locale = activeLocale()): string {
  const at = Date.parse(`${day}T12:00:00Z`);
  if (Number.isNaN(at)) return day;
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "numeric",
    timeZone: "UTC",
  }).format(at);
}

/** A chart axis's or tooltip's number in the app's language: "0,15" in German. */
export function axisNumber(value: unknown, locale = activeLocale()): string {
  return typeof value === "number" ? numberText(value, 2, locale) : String(value ?? "");
}
