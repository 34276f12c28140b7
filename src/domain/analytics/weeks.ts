import { DateTime } from "luxon";
import { isoWeekKey } from "../reports/project-volume.ts";

/** Days from…to, both counted, as YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * A report range cut into the ISO weeks that lie wholly inside it (`weeks`: their Mondays, from
 * the first to the last) and the days before and after them (`days`), so a read can take whole
 * weeks from the weekly rollups and only the rest day by day. A range without a whole week is
 * all days.
 */
export interface RangeSplit {
  weeks: DayRange | null;
  days: DayRange[];
}

export function splitRange(range: DayRange): RangeSplit {
  const from = DateTime.fromISO(range.from, { zone: "utc" });
  const to = DateTime.fromISO(range.to, { zone: "utc" });
  if (!from.isValid || !to.isValid || from > to) return { weeks: null, days: [] };
  const startMonday = from.startOf("week");
  const firstMonday = startMonday < from ? startMonday.plus({ weeks: 1 }) : startMonday;
  const lastMonday = to.plus({ days: 1 }).startOf("week").minus({ weeks: 1 });
  const iso = (d: DateTime) => d.toISODate() ?? "";
  if (firstMonday > lastMonday) return { weeks: null, days: [{ from: range.from, to: range.to }] };
  const days: DayRange[] = [];
  if (from < firstMonday) days.push({ from: range.from, to: iso(firstMonday.minus({ days: 1 })) });
  const after = lastMonday.plus({ weeks: 1 });
  if (after <= to) days.push({ from: iso(after), to: range.to });
  return { weeks: { from: iso(firstMonday), to: iso(lastMonday) }, days };
}

/** The Monday (YYYY-MM-DD) of the ISO week a day falls in, as the weekly rollups key weeks. */
export function mondayOf(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).startOf("week").toISODate() ?? day;
}

/** The ISO weeks ("2026-W10") the days of a range touch, in order. */
export function isoWeeksOf(range: DayRange): string[] {
  const from = DateTime.fromISO(range.from, { zone: "utc" });
  const to = DateTime.fromISO(range.to, { zone: "utc" });
  if (!from.isValid || !to.isValid) return [];
  const weeks: string[] = [];
  for (let d = from.startOf("week"); d <= to; d = d.plus({ weeks: 1 })) weeks.push(isoWeekKey(d));
  return weeks;
}
