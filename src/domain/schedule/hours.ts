import { DateTime, IANAZone } from "luxon";
import {
  type Region,
  WEEKDAYS,
  type Weekday,
  type WeeklyHours,
  weeklyHoursSchema,
} from "../policy/schema.ts";

// Weekly hours in a zone, minus holidays, as real instants. Every wall-clock time goes through
// luxon in the schedule's zone, so daylight-saving changes are handled there: a span that crosses
// a change is as long as the clocks make it, a time that does not exist that day (the spring gap)
// moves to the first instant after the gap, and a time that happens twice is taken once.

/** A stretch of time, start inclusive, end exclusive. */
export interface Period {
  start: Date;
  end: Date;
}

/** Weekly hours in a time zone, with dates (local, YYYY-MM-DD) on which nobody works. */
export interface WorkSchedule {
  zone: string;
  hours: WeeklyHours;
  holidays?: readonly string[];
}

/** Where an instant falls in a schedule. */
export interface ShiftState {
  onShift: boolean;
  /**
   * When the current state began: the shift's start when on shift, the last shift's end when
   * off shift. null when that is further back than the look-back (or never).
   */
  since: Date | null;
  /**
   * When the state next changes: the shift's end when on shift, the next shift's start when off
   * shift. null when that is beyond the horizon (always on, or nothing scheduled).
   */
  changeAt: Date | null;
  /** The next whole shift that starts after the instant; null when none within the horizon. */
  next: Period | null;
}

/** How far `nextShiftChange` looks ahead and back, in days. */
export const SHIFT_HORIZON_DAYS = 35;

/** Customers without hours of their own: Monday to Friday, 09:00–17:00 in their time zone. */
export const DEFAULT_CUSTOMER_HOURS: WeeklyHours = weeklyHoursSchema.parse({
  mon: [{ start: "09:00", end: "17:00" }],
  tue: [{ start: "09:00", end: "17:00" }],
  wed: [{ start: "09:00", end: "17:00" }],
  thu: [{ start: "09:00", end: "17:00" }],
  fri: [{ start: "09:00", end: "17:00" }],
});

/** Working hours as stored (jsonb, unchecked): the parsed week, or null when absent or invalid. */
export function parseWeeklyHours(value: unknown): WeeklyHours | null {
  if (value == null) return null;
  const parsed = weeklyHoursSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const isValidZone = (zone: string): boolean => IANAZone.isValidZone(zone);

export function weekdayOf(date: DateTime): Weekday {
  return WEEKDAYS[date.weekday - 1] as Weekday;
}

/** Calendar dates (no zone) from `first` to `last` inclusive, as UTC midnights. */
export function calendarDates(first: string, last: string): DateTime[] {
  const out: DateTime[] = [];
  const end = DateTime.fromISO(last, { zone: "UTC" });
  for (let d = DateTime.fromISO(first, { zone: "UTC" }); d <= end; d = d.plus({ days: 1 }))
    out.push(d);
  return out;
}

/** The local date of an instant in a zone, YYYY-MM-DD. */
export function localDate(at: Date | DateTime, zone: string): string {
  const dt = at instanceof Date ? DateTime.fromJSDate(at) : at;
  return dt.setZone(zone).toISODate() as string;
}

/** A wall-clock time on a calendar date in a zone; "24:00" is the next day's midnight. */
export function wallClock(date: DateTime, clock: string, zone: string): DateTime {
  const [h, m] = clock.split(":").map(Number) as [number, number];
  const day = h === 24 ? date.plus({ days: 1 }) : date;
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: h === 24 ? 0 : h, minute: m },
    { zone },
  );
}

/** The schedule's periods that start on one local date (none on a holiday). */
function dayPeriods(s: WorkSchedule, date: DateTime): Period[] {
  const iso = date.toISODate() as string;
  if (s.holidays?.includes(iso)) return [];
  const out: Period[] = [];
  for (const span of s.hours[weekdayOf(date)]) {
    const start = wallClock(date, span.start, s.zone);
    // A date the zone skipped altogether (Samoa, 30 Dec 2011) has no hours.
    if (start.toISODate() !== iso) continue;
    const end = wallClock(date, span.end, s.zone);
    if (end > start) out.push({ start: start.toJSDate(), end: end.toJSDate() });
  }
  return out;
}

/** Sorts and joins periods that overlap or touch (Mon 22:00–24:00 + Tue 00:00–06:00). */
function merge(periods: Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Period[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.start.getTime() <= last.end.getTime()) {
      if (p.end > last.end) last.end = p.end;
    } else out.push({ start: p.start, end: p.end });
  }
  return out;
}

/** The schedule's working periods within [from, to), joined and clipped to the range. */
export function openPeriods(s: WorkSchedule, from: Date, to: Date): Period[] {
  if (to <= from) return [];
  const first = DateTime.fromISO(localDate(from, s.zone), { zone: "UTC" }).minus({ days: 1 });
  const last = DateTime.fromISO(localDate(to, s.zone), { zone: "UTC" }).plus({ days: 1 });
  const raw: Period[] = [];
  for (const date of calendarDates(first.toISODate() as string, last.toISODate() as string))
    for (const p of dayPeriods(s, date)) {
      const start = p.start < from ? from : p.start;
      const end = p.end > to ? to : p.end;
      if (end > start) raw.push({ start, end });
    }
  return merge(raw);
}

/** A schedule's periods over a window; ends at the window's edges are unknown, not real. */
export interface Timeline {
  from: Date;
  to: Date;
  periods: Period[];
}

export function timeline(s: WorkSchedule, from: Date, to: Date): Timeline {
  return { from, to, periods: openPeriods(s, from, to) };
}

export interface Located {
  /** The period containing the instant; start/end null where they run past the window. */
  containing: { start: Date | null; end: Date | null } | null;
  /** End of the last period before the instant (when not in one). */
  previousEnd: Date | null;
  /** The first period starting after the instant (its end null if it runs past the window). */
  following: { start: Date; end: Date | null } | null;
}

/** Where `at` falls in a timeline (at must lie inside the window). */
export function locate(tl: Timeline, at: Date): Located {
  const t = at.getTime();
  const startOf = (p: Period) => (p.start.getTime() <= tl.from.getTime() ? null : p.start);
  const endOf = (p: Period) => (p.end.getTime() >= tl.to.getTime() ? null : p.end);
  let containing: Located["containing"] = null;
  let previousEnd: Date | null = null;
  let following: Located["following"] = null;
  for (const p of tl.periods) {
    if (p.end.getTime() <= t) {
      previousEnd = endOf(p);
      continue;
    }
    if (p.start.getTime() <= t) {
      containing = { start: startOf(p), end: endOf(p) };
      continue;
    }
    following = { start: p.start, end: endOf(p) };
    break;
  }
  return { containing, previousEnd: containing ? null : previousEnd, following };
}

const shiftDays = (at: Date, days: number) => DateTime.fromJSDate(at).plus({ days }).toJSDate();

/** Shift state read off a timeline around `at`. */
export function shiftFrom(tl: Timeline, at: Date): ShiftState {
  return shiftOf(locate(tl, at));
}

/** Whether a located instant has every answer inside the window (else look wider). */
export function settled(l: Located): boolean {
  const inside = l.containing
    ? l.containing.start !== null && l.containing.end !== null
    : l.previousEnd !== null;
  return inside && l.following !== null && l.following.end !== null;
}

/** Shift state from where an instant falls. */
export function shiftOf(l: Located): ShiftState {
  if (l.containing) {
    const changeAt = l.containing.end;
    const next =
      changeAt && l.following?.end ? { start: l.following.start, end: l.following.end } : null;
    return { onShift: true, since: l.containing.start, changeAt, next };
  }
  const next = l.following?.end ? { start: l.following.start, end: l.following.end } : null;
  return { onShift: false, since: l.previousEnd, changeAt: l.following?.start ?? null, next };
}

/** A timeline around `at` wide enough for most questions: a few days back, a week ahead. */
export function timelineAround(s: WorkSchedule, at: Date, back = 4, ahead = 9): Timeline {
  return timeline(s, shiftDays(at, -back), shiftDays(at, ahead));
}

/**
 * Whether `at` is within the schedule, when the current state began, when it next changes, and
 * the next whole shift. Looks up to SHIFT_HORIZON_DAYS either way.
 */
export function nextShiftChange(s: WorkSchedule, at: Date): ShiftState {
  const near = locate(timelineAround(s, at), at);
  if (settled(near)) return shiftOf(near);
  return shiftFrom(timelineAround(s, at, SHIFT_HORIZON_DAYS, SHIFT_HORIZON_DAYS), at);
}

/** Whether `at` falls within the schedule's working hours. */
export function isOnShift(s: WorkSchedule, at: Date): boolean {
  return locate(timelineAround(s, at, 1, 1), at).containing !== null;
}

/** Whether an agent with these weekly hours in this zone is working at `at`. */
export function agentOnShift(
  hours: WeeklyHours,
  zone: string,
  at: Date,
  holidays: readonly string[] = [],
): boolean {
  return isOnShift({ hours, zone, holidays }, at);
}

/** A region's business hours and holidays as a schedule. */
export function regionSchedule(region: Region): WorkSchedule {
  return { zone: region.timeZone, hours: region.businessHours, holidays: region.holidays };
}

/** What an agent's working time is built from; see `agentSchedule`. */
export interface AgentHours {
  timeZone: string;
  workingHours: WeeklyHours | null;
  region: string | null;
}

/**
 * An agent's working time: their own hours in their own zone, else their region's business
 * hours in the region's zone; their region's holidays apply either way. null when the agent has
 * neither hours nor a known region.
 */
export function agentSchedule(regions: readonly Region[], agent: AgentHours): WorkSchedule | null {
  const region = agent.region ? regions.find((r) => r.code === agent.region) : undefined;
  const holidays = region?.holidays ?? [];
  if (agent.workingHours && isValidZone(agent.timeZone))
    return { zone: agent.timeZone, hours: agent.workingHours, holidays };
  if (agent.workingHours && region)
    return { zone: region.timeZone, hours: agent.workingHours, holidays };
  return region ? regionSchedule(region) : null;
}

/** Minutes from `a` to `b`, rounded down (negative when b is before a). */
export function minutesBetween(a: Date, b: Date): number {
  return Math.floor((b.getTime() - a.getTime()) / 60_000);
}
