// A call's time where each side lives it, with luxon: the runner's zone and the customer's.
import { DateTime } from "luxon";
import { zoneName } from "./zonedTime.ts";

/** "Tue 24 Nov, 10:00–10:30" in `zone`. */
export function callSpanIn(startsAt: string, endsAt: string, zone: string): string {
  const start = DateTime.fromISO(startsAt, { zone });
  const end = DateTime.fromISO(endsAt, { zone });
  if (!start.isValid || !end.isValid) return "";
  return `${start.toFormat("ccc d LLL, HH:mm")}–${end.toFormat(
    start.hasSame(end, "day") ? "HH:mm" : "ccc HH:mm",
  )}`;
}

/** "10:00 (Asia/Kolkata, GMT+5:30)": when it is for someone, and where. */
export function callZoneLabel(startsAt: string, zone: string): string {
  const at = DateTime.fromISO(startsAt, { zone });
  return at.isValid ? `${zoneName(zone)}, ${at.toFormat("ZZZZ")}` : zoneName(zone);
}
