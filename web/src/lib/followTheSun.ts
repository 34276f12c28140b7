// Follow the sun in the web app: how long until a shift ends, calendar subscription addresses,
// the weeks the meetings page lists, which region a person's board opens on, and the words for
// a region's duty. Pure, unit-tested beside this file.
import { t } from "i18next";
import { activeLocale } from "../i18n/locale.ts";
import { dateIn, dayLabel, zonedToInstant } from "./zonedTime.ts";

/** "45 min", "1 h", "1 h 30 min", "2 d 3 h" (whole minutes; negative counts as zero). */
export function durationText(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const span = (unit: "days" | "hours" | "minutes", count: number) =>
    t(`followTheSun.${unit}`, { count });
  if (m < 60) return span("minutes", m);
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0)
    return hours > 0 ? `${span("days", days)} ${span("hours", hours)}` : span("days", days);
  return mins > 0 ? `${span("hours", hours)} ${span("minutes", mins)}` : span("hours", hours);
}

/** "in 1 h 30 min"; "now" when the time has come. */
export function untilText(minutes: number): string {
  return minutes <= 0
    ? t("followTheSun.now")
    : t("followTheSun.inDuration", { duration: durationText(minutes) });
}

/** "1 h 30 min ago"; "just now" under a minute. */
export function agoText(minutes: number): string {
  return minutes < 1
    ? t("format.justNow")
    : t("followTheSun.durationAgo", { duration: durationText(minutes) });
}

/** Whole minutes from `from` to the ISO instant `to` (rounded up, as "time left" is). */
export function minutesUntil(to: string, from: Date): number {
  const t = Date.parse(to);
  if (Number.isNaN(t)) return 0;
  return Math.ceil((t - from.getTime()) / 60_000);
}

export type FeedKind = "region" | "agent";

export interface FeedUrls {
  /** For calendar apps that subscribe: webcal://host/… */
  webcal: string;
  /** The same feed over the web, to paste into apps that ask for an address. */
  web: string;
}

/**
 * The iCalendar feed of a region's or an agent's handover meetings, with the calendar key that
 * lets a calendar app read it without a session. `origin` is the page's, e.g.
 * "https://baton.example".
 */
export function calendarFeedUrls(
  origin: string,
  workspace: string,
  kind: FeedKind,
  id: string,
  key: string,
): FeedUrls {
  const base = origin.replace(/\/+$/, "");
  const query = new URLSearchParams({ workspace, key }).toString();
  const web = `${base}/api/v1/calendar/${kind}/${encodeURIComponent(id)}.ics?${query}`;
  return { web, webcal: web.replace(/^https?:\/\//, "webcal://") };
}

export interface WeekRange {
  /** Monday 00:00 of this week in the viewer's zone, as an ISO instant. */
  from: string;
  /** Monday 00:00 of next week. */
  nextWeek: string;
  /** Monday 00:00 of the week after next (the end of the range). */
  to: string;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** This week and next week, Monday to Monday, in `zone`. */
export function twoWeeks(now: Date, zone: string): WeekRange {
  const today = dateIn(now.getTime(), zone);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  const monday = addDays(today, -weekday);
  const at = (date: string) => zonedToInstant(`${date}T00:00`, zone)?.iso ?? `${date}T00:00:00Z`;
  return { from: at(monday), nextWeek: at(addDays(monday, 7)), to: at(addDays(monday, 14)) };
}

export interface MeetingDay<M> {
  /** The viewer's calendar date, YYYY-MM-DD. */
  date: string;
  today: boolean;
  /** Every meeting of the day has ended. */
  past: boolean;
  meetings: M[];
}

/** Meetings grouped by the viewer's calendar day of their start, in order. */
export function meetingDays<M extends { start: string; end: string }>(
  meetings: readonly M[],
  zone: string,
  now: Date,
): MeetingDay<M>[] {
  const today = dateIn(now.getTime(), zone);
  const days = new Map<string, M[]>();
  const sorted = [...meetings].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const m of sorted) {
    const date = dateIn(Date.parse(m.start), zone);
    days.set(date, [...(days.get(date) ?? []), m]);
  }
  return [...days].map(([date, list]) => ({
    date,
    today: date === today,
    past: list.every((m) => Date.parse(m.end) <= now.getTime()),
    meetings: list,
  }));
}

/**
 * The region a person's board opens on: their own, else the first region on duty, else the
 * first of the policy.
 */
export function defaultRegion(
  regions: readonly { code: string }[],
  mine: string | null | undefined,
  onDuty: readonly { region: string; onDuty: boolean }[] = [],
): string | null {
  if (mine && regions.some((r) => r.code === mine)) return mine;
  const open = onDuty.find((r) => r.onDuty && regions.some((x) => x.code === r.region));
  return open?.region ?? regions[0]?.code ?? null;
}

/** "HH:mm" of a local ISO string such as "2026-11-24T15:30:12.5+08:00". */
export function clockOfLocalIso(localIso: string): string {
  return /T(\d{2}:\d{2})/.exec(localIso)?.[1] ?? "";
}

/** "YYYY-MM-DD" of a local ISO string. */
export function dateOfLocalIso(localIso: string): string {
  return /^(\d{4}-\d{2}-\d{2})/.exec(localIso)?.[1] ?? "";
}

/** "Mon 19:31" of a local ISO string: a region's clock as its people read it. */
export function localClockLabel(localIso: string, locale = activeLocale()): string {
  const date = dateOfLocalIso(localIso);
  const weekday = date ? dayLabel(date, locale).split(" ")[0] : "";
  return `${weekday} ${clockOfLocalIso(localIso)}`.trim();
}

export interface DutyLike {
  onDuty: boolean;
  holiday: boolean;
  changeAt: string | null;
}

/** "On duty", "Off duty", "Holiday". */
export function dutyLabel(r: DutyLike): string {
  if (r.onDuty) return t("followTheSun.onDuty");
  return r.holiday ? t("followTheSun.holiday") : t("followTheSun.offDuty");
}

/** What happens next to a region: "off duty in 1 h 28 min", "on duty in 12 h". */
export function nextChangeText(r: DutyLike, now: Date): string | null {
  if (!r.changeAt) return null;
  const when = untilText(minutesUntil(r.changeAt, now));
  return r.onDuty
    ? t("followTheSun.offDutyWhen", { when })
    : t("followTheSun.onDutyWhen", { when });
}

/** "Need APAC SE": how a case's internal title asks for a region (S1.2). */
export function needPrefix(region: string): string {
  return `Need ${region} SE`;
}

/** A day offset between the customer's date and the viewer's, in words. */
export function dayOffsetText(dayOffset: number): string | null {
  if (dayOffset === 0) return null;
  if (dayOffset === 1) return t("followTheSun.nextDayForCustomer");
  if (dayOffset === -1) return t("followTheSun.previousDayForCustomer");
  return dayOffset > 0
    ? t("followTheSun.daysLaterForCustomer", { count: dayOffset })
    : t("followTheSun.daysEarlierForCustomer", { count: -dayOffset });
}

/** A customer share of working hours (0–1) as a percentage: "63%", "63 %" in German. */
export function shareText(share: number, locale = activeLocale()): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(
    share,
  );
}
