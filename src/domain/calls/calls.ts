import { DateTime } from "luxon";
import { ruleBroken } from "../errors.ts";
import type { RoleId } from "../permissions.ts";
import type { CallsPolicy } from "./policy.ts";

export const CALL_STATES = ["scheduled", "held", "missed", "cancelled"] as const;
export type CallState = (typeof CALL_STATES)[number];

/** What someone may do with a scheduled call now; the API answers it as `actions`. */
export const CALL_ACTIONS = ["reschedule", "cancel", "hold"] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

export interface CallFacts {
  state: CallState;
  runnerId: string;
  scheduledBy: string;
  caseOwnerId: string | null;
}

export interface CallActor {
  userId: string;
  /** May change any case of the workspace (leads), not only their own. */
  managesAnyCase: boolean;
}

/**
 * Who may do what with a call: its runner, whoever scheduled it, the case's owner, or someone who
 * may change any case. A scheduled call may be moved, cancelled or logged as held; a missed one
 * may still be logged as held late (it happened, nobody wrote it down in time).
 */
export function callAbilities(actor: CallActor, call: CallFacts): Record<CallAction, boolean> {
  const involved =
    actor.managesAnyCase ||
    [call.runnerId, call.scheduledBy, call.caseOwnerId].includes(actor.userId);
  const open = call.state === "scheduled";
  return {
    reschedule: involved && open,
    cancel: involved && open,
    hold: involved && (open || call.state === "missed"),
  };
}

/** Why an action is refused: the call moved on (a conflict), or this person may not. */
export function callRefusal(
  action: CallAction,
  call: CallFacts,
): { kind: "state" | "who"; message: string } {
  const fits = action === "hold" ? ["scheduled", "missed"] : ["scheduled"];
  if (!fits.includes(call.state))
    return { kind: "state", message: `Cannot ${action} this call: it is ${call.state}` };
  return {
    kind: "who",
    message: "Only the call's runner, whoever scheduled it, the case owner or a lead may change it",
  };
}

/** The instants a call's timing fixes: its end, when to remind, when it counts as missed. */
export function callTimes(
  startsAt: Date,
  durationMinutes: number,
  policy: CallsPolicy,
): { endsAt: Date; remindAt: Date; missedAfter: Date } {
  const start = DateTime.fromJSDate(startsAt);
  const end = start.plus({ minutes: durationMinutes });
  return {
    endsAt: end.toJSDate(),
    remindAt: start.minus({ minutes: policy.reminderMinutes }).toJSDate(),
    missedAfter: end.plus({ minutes: policy.missedGraceMinutes }).toJSDate(),
  };
}

/**
 * A call must start ahead of now (a minute's slack covers the form's trip); refused naming the
 * field otherwise.
 */
export function checkCallStart(startsAt: Date, now: Date): void {
  if (DateTime.fromJSDate(startsAt) < DateTime.fromJSDate(now).minus({ minutes: 1 }))
    throw ruleBroken("call_in_the_past", "startsAt: a call is scheduled ahead of now", "startsAt");
}

/** Whoever hears of a missed call besides its runner and the case owner (the shift leads). */
export const missedCallRoles = (
  calls: CallsPolicy,
  offQueueApprovers: readonly RoleId[],
): readonly RoleId[] => calls.missedNotifyRoles ?? offQueueApprovers;

/**
 * A calendar day in someone's zone as the instants it runs between: "today" is the viewer's own
 * day where they are, not the server's.
 */
export function dayIn(
  zone: string,
  day: "today" | "tomorrow" | string,
  now: Date,
): { date: string; from: Date; to: Date } | null {
  const here = DateTime.fromJSDate(now, { zone });
  const start =
    day === "today"
      ? here.startOf("day")
      : day === "tomorrow"
        ? here.plus({ days: 1 }).startOf("day")
        : DateTime.fromISO(day, { zone }).startOf("day");
  if (!start.isValid) return null;
  return {
    date: start.toISODate() ?? day,
    from: start.toJSDate(),
    to: start.plus({ days: 1 }).toJSDate(),
  };
}

/** A call's start as a person reads it where they are, e.g. "Tue 24 Nov 10:00 CET". */
export const callTimeIn = (at: Date, zone: string): string =>
  DateTime.fromJSDate(at, { zone }).toFormat("ccc d LLL HH:mm ZZZZ");
