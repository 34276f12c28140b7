import { openPeriods, type WorkSchedule } from "../schedule/hours.ts";

/**
 * Which time counts towards an SLA target: every minute, or a schedule's open hours (weekly
 * hours in a zone, minus holidays). The schedule's periods come from `openPeriods`, which works
 * every wall-clock time out in the schedule's zone with luxon: a daylight-saving change makes a
 * day as long as the clocks make it, and holidays are skipped.
 */
export type SlaCalendar =
  | { kind: "24x7" }
  | { kind: "hours"; schedule: WorkSchedule /** e.g. "EMEA business hours" */; label: string };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Periods are read a chunk at a time: a few weeks of a schedule is a few dozen periods. */
const CHUNK = 28 * DAY;
/** A schedule with no open time within this much looks no further: the deadline is never. */
const HORIZON = 2 * 366 * DAY;

/**
 * The instant `minutes` working minutes after `from`. A deadline that falls exactly on the end of
 * an open period is that end, not the next opening; 0 minutes is `from` itself. Null when the
 * calendar has no open time within two years (a schedule without hours).
 */
export function addWorkingMinutes(cal: SlaCalendar, from: Date, minutes: number): Date | null {
  if (cal.kind === "24x7") return new Date(from.getTime() + minutes * MINUTE);
  if (minutes <= 0) return from;
  let left = minutes * MINUTE;
  const limit = from.getTime() + HORIZON;
  for (let start = from.getTime(); start < limit; start += CHUNK) {
    for (const p of openPeriods(cal.schedule, new Date(start), new Date(start + CHUNK))) {
      const length = p.end.getTime() - p.start.getTime();
      if (left <= length) return new Date(p.start.getTime() + left);
      left -= length;
    }
  }
  return null;
}

/** Working minutes from `from` to `to` (0 when `to` is not after `from`); may be fractional. */
export function workingMinutesBetween(cal: SlaCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (cal.kind === "24x7") return (to.getTime() - from.getTime()) / MINUTE;
  let total = 0;
  for (let start = from.getTime(); start < to.getTime(); start += CHUNK) {
    const end = Math.min(start + CHUNK, to.getTime());
    for (const p of openPeriods(cal.schedule, new Date(start), new Date(end)))
      total += p.end.getTime() - p.start.getTime();
  }
  return total / MINUTE;
}

/** Whether the calendar counts the minute starting at `at`. */
export function isWorkingTime(cal: SlaCalendar, at: Date): boolean {
  if (cal.kind === "24x7") return true;
  return openPeriods(cal.schedule, at, new Date(at.getTime() + 1)).length > 0;
}
