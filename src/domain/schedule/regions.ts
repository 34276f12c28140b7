import { DateTime } from "luxon";
import type { Policy, Region, WeeklyHours } from "../policy/schema.ts";
import {
  DEFAULT_CUSTOMER_HOURS,
  localDate,
  nextShiftChange,
  openPeriods,
  type Period,
  regionSchedule,
} from "./hours.ts";

/** A region at an instant. */
export interface RegionStatus {
  region: string;
  name: string;
  timeZone: string;
  /** The instant in the region's zone, e.g. 2026-11-23T11:00+08:00. */
  localTime: string;
  /** The region's local date is one of its holidays. */
  holiday: boolean;
  onDuty: boolean;
  /** When the current state began (shift start, or the last shift's end); null if long ago. */
  since: Date | null;
  /** When it next changes (shift end, or next shift start); null beyond the horizon. */
  changeAt: Date | null;
  /** The next whole shift after the instant. */
  next: Period | null;
}

export function localIso(at: Date, zone: string): string {
  return DateTime.fromJSDate(at).setZone(zone).toISO({
    suppressSeconds: true,
    suppressMilliseconds: true,
    includeOffset: true,
  }) as string;
}

function statusOf(region: Region, at: Date): RegionStatus {
  const shift = nextShiftChange(regionSchedule(region), at);
  return {
    region: region.code,
    name: region.name,
    timeZone: region.timeZone,
    localTime: localIso(at, region.timeZone),
    holiday: region.holidays.includes(localDate(at, region.timeZone)),
    onDuty: shift.onShift,
    since: shift.since,
    changeAt: shift.changeAt,
    next: shift.next,
  };
}

/** Every region of the policy at `at`, in policy order, on duty or not. */
export function regionStatus(policy: Policy, at: Date): RegionStatus[] {
  return policy.regions.map((r) => statusOf(r, at));
}

/** The regions in business hours at `at` (weekday hours in their zone, holidays excluded). */
export function regionsOnDuty(policy: Policy, at: Date): RegionStatus[] {
  return regionStatus(policy, at).filter((r) => r.onDuty);
}

/** How much of a customer's working week a region is open for. */
export interface RegionCoverage {
  region: string;
  /** Minutes of the customer's working week the region is open for (holidays aside). */
  overlapMinutes: number;
  /** overlapMinutes as a share (0–1) of the customer's working minutes that week. */
  share: number;
}

function overlap(a: Period[], b: Period[]): number {
  let total = 0;
  let j = 0;
  for (const p of a) {
    while (j < b.length && (b[j] as Period).end <= p.start) j++;
    for (let k = j; k < b.length && (b[k] as Period).start < p.end; k++) {
      const q = b[k] as Period;
      const start = Math.max(p.start.getTime(), q.start.getTime());
      const end = Math.min(p.end.getTime(), q.end.getTime());
      if (end > start) total += end - start;
    }
  }
  return total;
}

/**
 * S0.2/S1.3: how well each region serves a customer's time zone, measured over the customer's
 * local week (Monday to Sunday) that contains `at`; holidays do not count, it is the usual week
 * that matters. Sorted best first; ties keep policy order.
 */
export function customerCoverage(
  policy: Policy,
  customerZone: string,
  at: Date,
  customerHours: WeeklyHours | null = null,
): RegionCoverage[] {
  const weekStart = DateTime.fromJSDate(at).setZone(customerZone).startOf("week");
  const from = weekStart.toJSDate();
  const to = weekStart.plus({ weeks: 1 }).toJSDate();
  const customer = openPeriods(
    { zone: customerZone, hours: customerHours ?? DEFAULT_CUSTOMER_HOURS },
    from,
    to,
  );
  const customerMinutes = customer.reduce((n, p) => n + (p.end.getTime() - p.start.getTime()), 0);
  const list = policy.regions.map((r) => {
    const open = openPeriods({ zone: r.timeZone, hours: r.businessHours }, from, to);
    const ms = overlap(customer, open);
    return {
      region: r.code,
      overlapMinutes: Math.round(ms / 60_000),
      share: customerMinutes > 0 ? ms / customerMinutes : 0,
    };
  });
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.share - a.c.share || a.i - b.i)
    .map(({ c }) => c);
}
