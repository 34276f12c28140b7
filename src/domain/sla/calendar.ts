// TEMPORARY stand-in; replaced by the calendar helper's version on merge.
import { openPeriods, type WorkSchedule } from "../schedule/hours.ts";

export type SlaCalendar =
  | { kind: "24x7" }
  | { kind: "hours"; schedule: WorkSchedule; label: string };

const MIN = 60_000;
const WEEK = 7 * 24 * 60 * MIN;

export function addWorkingMinutes(cal: SlaCalendar, from: Date, minutes: number): Date | null {
  if (cal.kind === "24x7") return new Date(from.getTime() + minutes * MIN);
  let left = minutes * MIN;
  let start = from;
  for (let i = 0; i < 110; i++) {
    const end = new Date(start.getTime() + 4 * WEEK);
    for (const p of openPeriods(cal.schedule, start, end)) {
      const len = p.end.getTime() - p.start.getTime();
      if (left <= len) return new Date(p.start.getTime() + left);
      left -= len;
    }
    start = end;
  }
  return null;
}

export function workingMinutesBetween(cal: SlaCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (cal.kind === "24x7") return (to.getTime() - from.getTime()) / MIN;
  return (
    openPeriods(cal.schedule, from, to).reduce(
      (n, p) => n + (p.end.getTime() - p.start.getTime()),
      0,
    ) / MIN
  );
}

export function isWorkingTime(cal: SlaCalendar, at: Date): boolean {
  if (cal.kind === "24x7") return true;
  return openPeriods(cal.schedule, at, new Date(at.getTime() + 1)).length > 0;
}
