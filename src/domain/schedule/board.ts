import { DateTime } from "luxon";
import { OPEN_STATUSES } from "../case-status.ts";
import type { RoleId } from "../permissions.ts";
import type { Policy } from "../policy/schema.ts";
import { agentsWithRole, type ScheduleContext, scheduleContext, workingState } from "./context.ts";
import type { ScheduleAgent, ScheduleCase } from "./facts.ts";
import { minutesBetween } from "./hours.ts";
import type { MeetingOccurrence } from "./meetings.ts";
import {
  currentRegionOf,
  customerService,
  customerZone,
  nextHolderIn,
  type RegionOption,
} from "./next-holder.ts";
import { titleRegion } from "./title.ts";

/** S1.2: a 24x7 case whose owner's shift ends within the board's window. */
export interface EndingSoonItem {
  caseNumber: number;
  ownerId: string;
  shiftEndsAt: Date;
  minutesLeft: number;
  /** The suggested next region and when it can take the case. */
  next: RegionOption | null;
  /** The pair's next handover meeting with that region. */
  meeting: MeetingOccurrence | null;
}

/** S1.2/S1.3: a case whose title asks for this region (`Need <REGION> SE`). */
export interface WaitingItem {
  caseNumber: number;
  /** Still set when the owner in another region has not sent it back to the queue yet. */
  ownerId: string | null;
  is24x7: boolean;
  idleSince: Date | null;
  minutesWaiting: number | null;
}

/** S0.2/S1.3: a non-24x7 case whose customer's time zone this region does not serve. */
export interface NotServedItem {
  caseNumber: number;
  ownerId: string | null;
  customerTimeZone: string;
  /** Share (0–1) of the customer's working week this region is open for. */
  share: number;
  servingRegion: string | null;
}

/** S1.5: a 24x7 case whose owner's shift ended (or who went on leave) without a handover. */
export interface EscalationItem {
  caseNumber: number;
  ownerId: string;
  /** When the owner stopped working; null when longer ago than the look-back. */
  shiftEndedAt: Date | null;
  minutesSinceShiftEnd: number | null;
  /** The policy's escalation level reached (index into handover.escalation), -1 before the first. */
  level: number;
  /** The role to raise the case to now; null before the first level or with no levels. */
  raiseTo: RoleId | null;
  /** When the next level applies; null at the last level. */
  nextLevelAt: Date | null;
  /** People holding `raiseTo`, in this region and on shift first. */
  raiseToAgents: readonly {
    agentId: string;
    name: string;
    region: string | null;
    onShift: boolean;
  }[];
  next: RegionOption | null;
}

export interface HandoffBoard {
  region: string;
  at: Date;
  windowMinutes: number;
  endingSoon: EndingSoonItem[];
  waiting: WaitingItem[];
  notServed: NotServedItem[];
  escalations: EscalationItem[];
}

/**
 * The escalation level a missed handover has reached `at` (an index into handover.escalation;
 * -1 before the first), counted from the owner's shift end; the last level when that is unknown.
 */
export function escalationLevel(policy: Policy, since: Date | null, at: Date): number {
  const minutes = since ? minutesBetween(since, at) : Number.POSITIVE_INFINITY;
  let level = -1;
  policy.handover.escalation.forEach((l, i) => {
    if (l.afterMinutes <= minutes) level = i;
  });
  return level;
}

function escalation(
  ctx: ScheduleContext,
  region: string,
  since: Date | null,
): Pick<EscalationItem, "level" | "raiseTo" | "nextLevelAt" | "raiseToAgents"> {
  const levels = ctx.policy.handover.escalation;
  const level = escalationLevel(ctx.policy, since, ctx.at);
  const raiseTo = levels[level]?.role ?? null;
  const following = levels[level + 1];
  return {
    level,
    raiseTo,
    nextLevelAt:
      following && since
        ? DateTime.fromJSDate(since).plus({ minutes: following.afterMinutes }).toJSDate()
        : null,
    raiseToAgents: raiseTo ? agentsWithRole(ctx, raiseTo, region) : [],
  };
}

/**
 * A region's handoff board at `at`, for the open cases given (others are ignored):
 * - endingSoon: 24x7 cases owned in the region whose owner's shift ends within the window and
 *   with no handover under way, with the suggested next region (S1.2);
 * - waiting: cases whose title asks for this region (`Need <REGION> SE`) and that nobody in the
 *   region owns yet, oldest first;
 * - notServed: non-24x7 cases owned in the region whose customer's time zone it does not serve
 *   (S0.2/S1.3);
 * - escalations: 24x7 cases owned in the region whose owner's shift ended (or leave began)
 *   without a handover, with the role to raise them to (S1.5).
 * A handover is under way when `handoverUnderWay` is set or the title already asks for another
 * region. `windowMinutes` defaults to the policy's handover.boardWindowMinutes.
 */
export function handoffBoard(
  policy: Policy,
  region: string,
  cases: readonly ScheduleCase[],
  agents: readonly ScheduleAgent[],
  at: Date,
  options: {
    windowMinutes?: number;
    /**
     * Only the escalations, and only those this accepts: the minute's sweep asks for the ones it
     * has not raised yet, so it does not rank next holders for cases it will not raise again.
     */
    escalationsOnly?: (item: Omit<EscalationItem, "next">) => boolean;
  } = {},
): HandoffBoard {
  const ctx = scheduleContext(policy, agents, at);
  const windowMinutes = options.windowMinutes ?? policy.handover.boardWindowMinutes;
  const board: HandoffBoard = {
    region,
    at,
    windowMinutes,
    endingSoon: [],
    waiting: [],
    notServed: [],
    escalations: [],
  };
  for (const kase of cases) {
    if (!OPEN_STATUSES.includes(kase.status)) continue;
    const owner = kase.ownerId ? ctx.agents.get(kase.ownerId) : undefined;
    const current = currentRegionOf(ctx, kase);
    const askedFor = titleRegion(policy, kase.internalTitle);
    const only = options.escalationsOnly;
    if (!only && askedFor === region && (!owner || owner.region !== region)) {
      const idleSince = kase.idleSince ?? null;
      board.waiting.push({
        caseNumber: kase.number,
        ownerId: kase.ownerId,
        is24x7: kase.is24x7,
        idleSince,
        minutesWaiting: idleSince ? minutesBetween(idleSince, at) : null,
      });
    }
    if (current !== region) continue;
    if (!kase.is24x7) {
      if (only) continue;
      const service = customerService(ctx, kase, current);
      if (service?.currentRegionServes === false)
        board.notServed.push({
          caseNumber: kase.number,
          ownerId: kase.ownerId,
          customerTimeZone: customerZone(kase) ?? service.timeZone,
          share: service.coverage.find((c) => c.region === region)?.share ?? 0,
          servingRegion: service.servingRegion,
        });
      continue;
    }
    const underWay = kase.handoverUnderWay || (askedFor !== null && askedFor !== current);
    if (!owner || underWay) continue;
    const shift = workingState(ctx, owner);
    if (!shift) continue;
    if (shift.onShift) {
      if (only) continue;
      const end = shift.changeAt;
      if (!end || minutesBetween(at, end) > windowMinutes) continue;
      const next = nextHolderIn(ctx, kase);
      board.endingSoon.push({
        caseNumber: kase.number,
        ownerId: owner.id,
        shiftEndsAt: end,
        minutesLeft: Math.max(0, Math.ceil((end.getTime() - at.getTime()) / 60_000)),
        next: next.region,
        meeting: next.meeting,
      });
    } else {
      const item = {
        caseNumber: kase.number,
        ownerId: owner.id,
        shiftEndedAt: shift.since,
        minutesSinceShiftEnd: shift.since ? minutesBetween(shift.since, at) : null,
        ...escalation(ctx, region, shift.since),
      };
      if (only && !only(item)) continue;
      board.escalations.push({ ...item, next: nextHolderIn(ctx, kase).region });
    }
  }
  const time = (d: Date | null) => d?.getTime() ?? Number.NEGATIVE_INFINITY;
  board.endingSoon.sort((a, b) => a.minutesLeft - b.minutesLeft || a.caseNumber - b.caseNumber);
  board.waiting.sort(
    (a, b) => time(a.idleSince) - time(b.idleSince) || a.caseNumber - b.caseNumber,
  );
  board.notServed.sort((a, b) => a.caseNumber - b.caseNumber);
  board.escalations.sort(
    (a, b) => time(a.shiftEndedAt) - time(b.shiftEndedAt) || a.caseNumber - b.caseNumber,
  );
  return board;
}
