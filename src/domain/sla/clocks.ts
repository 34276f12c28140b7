import type { CaseStatus } from "../case-status.ts";
import { addWorkingMinutes, workingMinutesBetween } from "./calendar.ts";
import type { SlaTerms } from "./terms.ts";

/**
 * A case's clocks as stored: each deadline, and the instants they are measured from. Deadlines
 * are instants, worked out on the case's SLA calendar when a clock starts or moves, so lists
 * sort and filter on them and the alarm job needs no calendar to find what is due.
 */
export interface CaseClocks {
  openedAt: Date;
  /** When the response clock last started: opening, or the last transfer (S3.5). */
  responseClockFrom: Date;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  lastPublicReplyAt: Date | null;
  nextUpdateDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** Since when no agent did anything on the case; a transfer leaves it running (S3.5). */
  idleSince: Date;
  /** A customer wrote and no agent has replied in public since. */
  customerWaitingSince: Date | null;
  /** Clocks stopped while the case waits on the customer (when the policy says so). */
  pausedAt: Date | null;
  /** An auto-assigned case without a first response by then goes back (the return timer). */
  returnDueAt: Date | null;
  /**
   * Working minutes each pending deadline was moved on by pauses since its clock started, so a
   * change of targets or calendar recomputes the deadline with its pauses, not without them.
   */
  pausedMinutes: PausedMinutes;
}

export interface PausedMinutes {
  firstResponse: number;
  nextUpdate: number;
  resolution: number;
}

const NO_PAUSE: PausedMinutes = { firstResponse: 0, nextUpdate: 0, resolution: 0 };

export type ClockChange =
  | { type: "opened"; at: Date }
  | { type: "agent_activity"; at: Date; publicReply: boolean }
  | { type: "customer_reply"; at: Date }
  | { type: "status"; at: Date; from: CaseStatus; to: CaseStatus }
  | { type: "transferred"; at: Date; resetsResponse: boolean }
  | { type: "auto_assigned"; at: Date }
  | { type: "owner_set"; at: Date }
  /** Severity, plan, 24x7 or the owner's region changed: targets or calendar may differ. */
  | { type: "terms_changed"; at: Date };

/** Waiting on the customer: a question asked, or a solution awaiting their confirmation. */
export const WAITING_ON_CUSTOMER: readonly CaseStatus[] = [
  "awaiting_customer",
  "solution_delivered",
];
const STOPPED: readonly CaseStatus[] = ["resolved", "closed"];

const due = (terms: SlaTerms, from: Date, minutes: number | null, paused = 0): Date | null =>
  minutes == null ? null : addWorkingMinutes(terms.calendar, from, minutes + paused);

/** The clocks of a case opened at `at`. */
export function openedClocks(terms: SlaTerms, at: Date): CaseClocks {
  return {
    openedAt: at,
    responseClockFrom: at,
    firstResponseDueAt: due(terms, at, terms.firstResponseMinutes),
    firstRespondedAt: null,
    lastPublicReplyAt: null,
    nextUpdateDueAt: due(terms, at, terms.nextUpdateMinutes),
    resolutionDueAt: due(terms, at, terms.resolutionMinutes),
    idleSince: at,
    customerWaitingSince: null,
    pausedAt: null,
    returnDueAt: null,
    pausedMinutes: NO_PAUSE,
  };
}

/** Pending deadlines move on by the working time the pause lasted. */
function resumed(c: CaseClocks, terms: SlaTerms, at: Date): CaseClocks {
  if (!c.pausedAt) return c;
  const paused = workingMinutesBetween(terms.calendar, c.pausedAt, at);
  const shift = (d: Date | null) => (d ? addWorkingMinutes(terms.calendar, d, paused) : null);
  const p = c.pausedMinutes;
  const responding = !c.firstRespondedAt && c.firstResponseDueAt;
  return {
    ...c,
    firstResponseDueAt: c.firstRespondedAt ? c.firstResponseDueAt : shift(c.firstResponseDueAt),
    nextUpdateDueAt: shift(c.nextUpdateDueAt),
    resolutionDueAt: shift(c.resolutionDueAt),
    returnDueAt: shift(c.returnDueAt),
    pausedAt: null,
    pausedMinutes: {
      firstResponse: p.firstResponse + (responding ? paused : 0),
      nextUpdate: p.nextUpdate + (c.nextUpdateDueAt ? paused : 0),
      resolution: p.resolution + (c.resolutionDueAt ? paused : 0),
    },
  };
}

/**
 * Pauses or resumes the clocks to match the case's status, whatever changed it (an edit, a
 * transfer that set a new status): paused exactly while it waits on the customer, if the policy
 * pauses at all.
 */
export function settlePause(
  c: CaseClocks,
  terms: SlaTerms,
  status: CaseStatus,
  at: Date,
): CaseClocks {
  const pause = terms.pauseWhileAwaitingCustomer && WAITING_ON_CUSTOMER.includes(status);
  if (pause && !c.pausedAt) return { ...c, pausedAt: at };
  if (!pause && c.pausedAt) return resumed(c, terms, at);
  return c;
}

/** What a change does to the clocks (the rules are in docs/clocks.md). */
export function moveClocks(
  c: CaseClocks,
  change: ClockChange,
  terms: SlaTerms,
  status: CaseStatus,
): CaseClocks {
  const at = change.at;
  switch (change.type) {
    case "opened":
      return openedClocks(terms, at);
    case "agent_activity": {
      const touched = { ...c, idleSince: at };
      if (!change.publicReply) return touched;
      return {
        ...touched,
        firstRespondedAt: c.firstRespondedAt ?? at,
        lastPublicReplyAt: at,
        nextUpdateDueAt: STOPPED.includes(status) ? null : due(terms, at, terms.nextUpdateMinutes),
        customerWaitingSince: null,
        returnDueAt: null,
        pausedMinutes: { ...c.pausedMinutes, nextUpdate: 0 },
      };
    }
    case "customer_reply":
      return { ...c, customerWaitingSince: c.customerWaitingSince ?? at };
    case "status": {
      let next: CaseClocks = { ...c, idleSince: at };
      const waitsNow = WAITING_ON_CUSTOMER.includes(change.to);
      if (terms.pauseWhileAwaitingCustomer && waitsNow && !next.pausedAt)
        next = { ...next, pausedAt: at };
      if (!waitsNow || !terms.pauseWhileAwaitingCustomer) next = resumed(next, terms, at);
      if (STOPPED.includes(change.to))
        return { ...next, nextUpdateDueAt: null, returnDueAt: null, pausedAt: null };
      // Reopened: the customer is owed an update again.
      if (STOPPED.includes(change.from))
        return {
          ...next,
          nextUpdateDueAt: due(terms, at, terms.nextUpdateMinutes),
          pausedMinutes: { ...next.pausedMinutes, nextUpdate: 0 },
        };
      return next;
    }
    case "transferred":
      // The receiver's response clock starts at the transfer; the idle clock keeps running.
      if (!change.resetsResponse) return c;
      return {
        ...c,
        responseClockFrom: at,
        firstRespondedAt: null,
        firstResponseDueAt: c.pausedAt
          ? c.firstResponseDueAt
          : due(terms, at, terms.firstResponseMinutes),
        returnDueAt: null,
        pausedMinutes: c.pausedAt ? c.pausedMinutes : { ...c.pausedMinutes, firstResponse: 0 },
      };
    case "auto_assigned":
      return {
        ...c,
        returnDueAt:
          c.firstRespondedAt && c.firstRespondedAt >= c.responseClockFrom
            ? null
            : due(terms, at, terms.returnAfterMinutes),
      };
    case "owner_set":
      return { ...c, returnDueAt: null };
    case "terms_changed": {
      // New targets count from the clocks' own starting points, plus the pauses each has had.
      const p = c.pausedMinutes;
      return {
        ...c,
        firstResponseDueAt: c.firstRespondedAt
          ? c.firstResponseDueAt
          : due(terms, c.responseClockFrom, terms.firstResponseMinutes, p.firstResponse),
        nextUpdateDueAt: STOPPED.includes(status)
          ? null
          : due(terms, c.lastPublicReplyAt ?? c.openedAt, terms.nextUpdateMinutes, p.nextUpdate),
        resolutionDueAt: due(terms, c.openedAt, terms.resolutionMinutes, p.resolution),
      };
    }
  }
}

export const CLOCK_NAMES = [
  "first_response",
  "next_update",
  "resolution",
  "idle",
  "return",
] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

export const CLOCK_STATES = [
  "running",
  "due_soon",
  "breached",
  "paused",
  "met",
  "stopped",
] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export interface ClockView {
  clock: ClockName;
  /** When it is due (idle: when the case counts as idle too long); null when it has none. */
  dueAt: Date | null;
  state: ClockState;
  /** When it was met (first response), if it was. */
  metAt: Date | null;
  /** Since when it runs (idle: since when nobody worked the case). */
  since: Date | null;
}

/** When a case counts as idle too long, on its calendar; null when the policy sets no limit. */
export function idleDueAt(c: CaseClocks, terms: SlaTerms): Date | null {
  return due(terms, c.idleSince, terms.idleLimitMinutes);
}

function stateOf(dueAt: Date | null, terms: SlaTerms, now: Date): ClockState {
  if (!dueAt) return "stopped";
  if (dueAt <= now) return "breached";
  return dueAt.getTime() - now.getTime() <= terms.warnBeforeMinutes * 60_000
    ? "due_soon"
    : "running";
}

/** Every clock of a case as people read it at `now`. */
export function clockViews(
  c: CaseClocks,
  terms: SlaTerms,
  status: CaseStatus,
  now: Date,
): ClockView[] {
  const stopped = STOPPED.includes(status);
  const view = (clock: ClockName, dueAt: Date | null, since: Date | null): ClockView => ({
    clock,
    dueAt,
    since,
    metAt: null,
    state: stopped ? "stopped" : c.pausedAt ? "paused" : stateOf(dueAt, terms, now),
  });
  const first: ClockView = c.firstRespondedAt
    ? {
        clock: "first_response",
        dueAt: c.firstResponseDueAt,
        since: c.responseClockFrom,
        metAt: c.firstRespondedAt,
        state:
          c.firstResponseDueAt && c.firstRespondedAt > c.firstResponseDueAt ? "breached" : "met",
      }
    : view("first_response", c.firstResponseDueAt, c.responseClockFrom);
  const resolution =
    status === "resolved" || status === "closed"
      ? { ...view("resolution", c.resolutionDueAt, c.openedAt), state: "met" as const }
      : view("resolution", c.resolutionDueAt, c.openedAt);
  const views = [
    first,
    view("next_update", c.nextUpdateDueAt, c.lastPublicReplyAt ?? c.openedAt),
    resolution,
    view("idle", idleDueAt(c, terms), c.idleSince),
  ];
  if (c.returnDueAt) views.push(view("return", c.returnDueAt, null));
  return views.filter((v) => v.dueAt !== null || v.state === "met");
}

/** The earliest deadline still ahead of a running case: what "due soonest" sorts on. */
export function slaDueAt(c: CaseClocks, terms: SlaTerms, status: CaseStatus): Date | null {
  if (STOPPED.includes(status) || c.pausedAt) return null;
  const pending = [
    c.firstRespondedAt ? null : c.firstResponseDueAt,
    c.nextUpdateDueAt,
    c.resolutionDueAt,
    idleDueAt(c, terms),
  ].filter((d): d is Date => d !== null);
  return pending.length ? new Date(Math.min(...pending.map((d) => d.getTime()))) : null;
}

export type AlarmKind = "warning" | "breach";

/** A moment a clock calls for attention: its warning, or its deadline passing. */
export interface Alarm {
  clock: ClockName;
  kind: AlarmKind;
  at: Date;
  /** The deadline it is about; with clock and kind, what makes it fire only once. */
  dueAt: Date;
}

/**
 * The alarms a running case's clocks will raise. A warning comes `warnBeforeMinutes` of
 * wall-clock time before its deadline, and only if that is after the clock started (a target
 * shorter than the warning has none). The return timer has no warning.
 */
export function alarmsOf(c: CaseClocks, terms: SlaTerms, status: CaseStatus): Alarm[] {
  if (STOPPED.includes(status) || c.pausedAt) return [];
  const warnMs = terms.warnBeforeMinutes * 60_000;
  const out: Alarm[] = [];
  const add = (clock: ClockName, dueAt: Date | null, from: Date | null) => {
    if (!dueAt) return;
    const warnAt = new Date(dueAt.getTime() - warnMs);
    if (from && warnAt > from) out.push({ clock, kind: "warning", at: warnAt, dueAt });
    out.push({ clock, kind: "breach", at: dueAt, dueAt });
  };
  if (!c.firstRespondedAt) add("first_response", c.firstResponseDueAt, c.responseClockFrom);
  add("next_update", c.nextUpdateDueAt, c.lastPublicReplyAt ?? c.openedAt);
  add("resolution", c.resolutionDueAt, c.openedAt);
  add("idle", idleDueAt(c, terms), c.idleSince);
  add("return", c.returnDueAt, null);
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** When the alarm job next needs to look at the case: its first alarm after `after` (or any). */
export function nextAlarmAt(alarms: readonly Alarm[], after?: Date): Date | null {
  const next = alarms.find((a) => !after || a.at > after);
  return next ? next.at : null;
}

/** The key that makes an alarm fire once, whichever process sees it first. */
export const alarmKey = (a: Alarm): string => `${a.clock}:${a.kind}:${a.dueAt.toISOString()}`;
