import { t } from "i18next";
import type { CaseDetail } from "../api/types.ts";
import { activeLocale } from "../i18n/locale.ts";
import { durationText } from "./followTheSun.ts";
import { browserZone, clockTime, dateIn, dayAndTime } from "./zonedTime.ts";

export type ClockView = CaseDetail["sla"]["clocks"][number];
export type ClockState = ClockView["state"];

/** Message keys of the clocks' names. */
export const CLOCK_LABEL: Record<ClockView["clock"], string> = {
  first_response: "clocks.firstResponse",
  next_update: "clocks.nextUpdate",
  resolution: "clocks.resolution",
  idle: "clocks.idle",
  return: "clocks.return",
};

/** Message keys of the clocks' states. */
export const STATE_LABEL: Record<ClockState, string> = {
  running: "clocks.running",
  due_soon: "clocks.dueSoon",
  breached: "clocks.breached",
  paused: "clocks.paused",
  met: "clocks.met",
  stopped: "clocks.stopped",
};

export const STATE_BADGE: Record<ClockState, string> = {
  running: "badge-blue",
  due_soon: "badge-orange",
  breached: "badge-red",
  paused: "badge-gray",
  met: "badge-green",
  stopped: "badge-gray",
};

/**
 * The state as of `now`: the server's answer is as of when the page loaded, and a running clock
 * may have come due or passed its deadline since.
 */
export function stateNow(c: ClockView, now: Date, warnBeforeMinutes: number): ClockState {
  if (c.state !== "running" && c.state !== "due_soon") return c.state;
  if (!c.dueAt) return c.state;
  const left = Date.parse(c.dueAt) - now.getTime();
  if (left <= 0) return "breached";
  return left <= warnBeforeMinutes * 60_000 ? "due_soon" : "running";
}

/** "42 min", "3 h 5 min", "2 d 4 h": a span of time, to the minute, as people say it. */
const spanText = (ms: number) => durationText(Math.abs(ms) / 60_000);

/** "in 2 h", "overdue 1 h": the shorter words a list row has room for. */
export function dueShortText(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  return ms >= 0
    ? t("clocks.inSpan", { span: spanText(ms) })
    : t("clocks.overdueShort", { span: spanText(ms) });
}

/**
 * Whose hours the clocks count, as a sentence: the server says "around the clock" or names the
 * calendar ("EMEA business hours").
 */
export function calendarText(calendar: string): string {
  return calendar === "around the clock"
    ? t("clocks.countedAroundTheClock")
    : t("clocks.countedIn", { calendar });
}

/**
 * An instant in the viewer's zone (or `zone`): just "14:02" when it falls on today's date there,
 * "Tue 24 Nov, 14:02" otherwise, so a deadline days away is not mistaken for one today.
 */
export function whenText(iso: string, now: Date, zone?: string, locale = activeLocale()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "";
  const here = zone ?? browserZone();
  return dateIn(at, here) === dateIn(now.getTime(), here)
    ? clockTime(iso, here, locale)
    : dayAndTime(iso, here, locale);
}

/** "in 42 min", "in 3 h 5 min", "overdue by 2 d 4 h". */
export function remainingText(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  return ms >= 0
    ? t("clocks.inSpan", { span: spanText(ms) })
    : t("clocks.overdueBy", { span: spanText(ms) });
}
