import { DateTime } from "luxon";
import type { WeeklyHours } from "../policy/schema.ts";
import { DEFAULT_CUSTOMER_HOURS, nextShiftChange, weekdayOf } from "./hours.ts";
import { localIso } from "./regions.ts";

/** An instant as someone in a zone reads it. */
export interface LocalRendering {
  timeZone: string;
  /** With the offset: 2026-11-23T18:00+09:00. */
  iso: string;
  /** YYYY-MM-DD. */
  date: string;
  /** HH:mm. */
  time: string;
  /** Mon … Sun. */
  weekday: string;
  /** UTC offset, +09:00. */
  offset: string;
  /** e.g. "Mon 23 Nov 2026, 18:00 (Asia/Tokyo, UTC+09:00)". */
  label: string;
}

/** S0.4 NEXT CUSTOMER CONTACT: a contact time as the customer and the viewer see it. */
export interface CustomerContactTime {
  at: Date;
  customer: LocalRendering;
  viewer: LocalRendering;
  /** Calendar days from the viewer's date to the customer's (−1, 0, 1; ±2 across the date line). */
  dayOffset: number;
  /** The customer's local day has working hours and is not one of their holidays. */
  customerBusinessDay: boolean;
  /** The instant is within the customer's working hours. */
  withinCustomerHours: boolean;
  /** When the customer's working hours next begin: `at` when within them; null beyond 35 days. */
  customerHoursFrom: Date | null;
}

export interface CustomerContactInput {
  at: Date;
  customerZone: string;
  viewerZone: string;
  /** The customer's working hours; Monday to Friday 09:00–17:00 when absent. */
  customerHours?: WeeklyHours | null;
  /** The customer's days off, YYYY-MM-DD in their zone. */
  customerHolidays?: readonly string[];
}

export function renderLocal(at: Date, zone: string): LocalRendering {
  const dt = DateTime.fromJSDate(at).setZone(zone).setLocale("en-GB");
  const offset = dt.toFormat("ZZ");
  return {
    timeZone: zone,
    iso: localIso(at, zone),
    date: dt.toISODate() as string,
    time: dt.toFormat("HH:mm"),
    weekday: dt.toFormat("ccc"),
    offset,
    label: `${dt.toFormat("ccc d LLL yyyy, HH:mm")} (${zone}, UTC${offset})`,
  };
}

/**
 * A proposed customer contact time in both the customer's and the viewer's zone, and whether it
 * falls on the customer's business day and within their working hours.
 */
export function nextCustomerContact(input: CustomerContactInput): CustomerContactTime {
  const { at, customerZone, viewerZone } = input;
  const hours = input.customerHours ?? DEFAULT_CUSTOMER_HOURS;
  const holidays = input.customerHolidays ?? [];
  const customer = renderLocal(at, customerZone);
  const viewer = renderLocal(at, viewerZone);
  const customerDay = DateTime.fromISO(customer.date, { zone: "UTC" });
  const viewerDay = DateTime.fromISO(viewer.date, { zone: "UTC" });
  const shift = nextShiftChange({ zone: customerZone, hours, holidays }, at);
  return {
    at,
    customer,
    viewer,
    dayOffset: Math.round(customerDay.diff(viewerDay, "days").days),
    customerBusinessDay:
      hours[weekdayOf(customerDay)].length > 0 && !holidays.includes(customer.date),
    withinCustomerHours: shift.onShift,
    customerHoursFrom: shift.onShift ? at : shift.changeAt,
  };
}
