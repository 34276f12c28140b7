// Wall-clock times in a named IANA zone, with Intl only: the offset a zone has at an instant, a
// `<input type="datetime-local">` value read in a zone (the customer's or the viewer's) turned
// into an ISO instant with its offset, and back. `locale` is left to the browser in the app and
// fixed in tests.
import { activeLocale } from "../i18n/locale.ts";

const MINUTE = 60_000;

/** The viewer's own zone, as the browser reports it. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `zone` at instant `t` (ms). */
function wallClock(t: number, zone: string): WallClock {
  let format = wallFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallFormats.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(t))
    if (p.type !== "literal") parts[p.type] = Number.parseInt(p.value, 10);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes `zone` is ahead of UTC at instant `t` (ms): +60 for Berlin in winter. */
export function offsetMinutes(t: number, zone: string): number {
  const w = wallClock(t, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const whole = Math.floor(t / 1000) * 1000;
  return Math.round((asUtc - whole) / MINUTE);
}

/** "+01:00", "-05:00", "+05:30". */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${sign}${hh}:${mm}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface ZonedInstant {
  /** ISO 8601 with the zone's offset, e.g. "2026-11-24T10:00:00+01:00". */
  iso: string;
  /** Milliseconds since the epoch. */
  time: number;
  /**
   * The wall time does not exist that day (a daylight-saving gap) and was moved forward by the
   * gap, as clocks do: 02:30 on the spring-forward night in Berlin is 03:30.
   */
  shifted: boolean;
  /** The wall time happens twice that day (clocks went back); the first one was taken. */
  ambiguous: boolean;
}

/**
 * A wall time ("YYYY-MM-DDTHH:mm", as a datetime-local input gives it) read in `zone`, as an
 * instant. Null for an empty or malformed value or an unknown zone.
 */
export function zonedToInstant(local: string, zone: string): ZonedInstant | null {
  const m = LOCAL_INPUT.exec(local.trim());
  if (!m || !isValidZone(zone)) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  // Offsets in use around that day; a wall time maps to an instant under an offset when the
  // zone really has that offset at that instant.
  const before = offsetMinutes(wall - 36 * 60 * MINUTE, zone);
  const offsets = [
    ...new Set([before, offsetMinutes(wall, zone), offsetMinutes(wall + 36 * 60 * MINUTE, zone)]),
  ].sort((a, b) => b - a);
  const fits = offsets.filter((o) => offsetMinutes(wall - o * MINUTE, zone) === o);
  // Twice that day: the first, under the larger offset. In a gap: the offset before the change
  // puts the instant after it, where the wall clock reads the time moved forward by the gap.
  const offset = fits[0] ?? before;
  const shifted = fits.length === 0;
  const time = wall - offset * MINUTE;
  const actual = offsetMinutes(time, zone);
  const w = wallClock(time, zone);
  const iso = `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offsetText(actual)}`;
  return { iso, time, shifted, ambiguous: fits.length > 1 };
}

/** An instant as a datetime-local value ("YYYY-MM-DDTHH:mm") in `zone`; "" if unreadable. */
export function instantToZoned(iso: string, zone: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t) || !isValidZone(zone)) return "";
  const w = wallClock(t, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The calendar date ("YYYY-MM-DD") in `zone` at instant `t`. */
export function dateIn(t: number, zone: string): string {
  const w = wallClock(t, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** "Tue 24 Nov, 05:00" in `zone` (the viewer's when left out). */
export function dayAndTime(iso: string, timeZone?: string, locale = activeLocale()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    ...(timeZone ? { timeZone } : {}),
  }).format(t);
}

/**
 * "So., 6. Dez. 2026, 10:32 (Asia/Dubai, UTC+04:00)": an instant as someone lives it where they
 * are, in the app's language. The server's `label` beside it is English, for API readers.
 */
export function zonedLabel(
  local: { iso: string; timeZone: string; offset: string },
  locale = activeLocale(),
): string {
  const t = Date.parse(local.iso);
  if (Number.isNaN(t)) return "";
  const when = new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: local.timeZone,
  }).format(t);
  return `${when} (${local.timeZone}, UTC${local.offset})`;
}

/** "05:00" in `zone` (the viewer's when left out). */
export function clockTime(iso: string, timeZone?: string, locale = activeLocale()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  return new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    ...(timeZone ? { timeZone } : {}),
  }).format(t);
}

/** "Tue 24 Nov" for a calendar date "YYYY-MM-DD" (no zone: the date is already local). */
export function dayLabel(date: string, locale = activeLocale()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(t);
}

/** A zone name for reading: "America/New York". */
export function zoneName(zone: string): string {
  return zone.replaceAll("_", " ");
}
