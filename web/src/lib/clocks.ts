import type { CaseDetail } from "../api/types.ts";

export type ClockView = CaseDetail["sla"]["clocks"][number];
export type ClockState = ClockView["state"];

export const CLOCK_LABEL: Record<ClockView["clock"], string> = {
  first_response: "First response",
  next_update: "Next update",
  resolution: "Resolution",
  idle: "Idle limit",
  return: "Return to queue",
};

export const STATE_LABEL: Record<ClockState, string> = {
  running: "Running",
  due_soon: "Due soon",
  breached: "Breached",
  paused: "Paused",
  met: "Met",
  stopped: "Stopped",
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

/** "in 42 min", "in 3 h 5 min", "overdue by 2 d 4 h". */
export function remainingText(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const span =
    d > 0 ? `${d} d${h ? ` ${h} h` : ""}` : h > 0 ? `${h} h${m ? ` ${m} min` : ""}` : `${m} min`;
  return ms >= 0 ? `in ${span}` : `overdue by ${span}`;
}
