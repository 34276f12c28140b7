import { DateTime } from "luxon";
import type { HandoverPair, Policy, Region } from "../policy/schema.ts";
import { calendarDates, localDate, wallClock, weekdayOf } from "./hours.ts";
import { localIso } from "./regions.ts";

/** A region's view of one meeting. */
export interface MeetingLocalTime {
  region: string;
  timeZone: string;
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Local start and end, HH:mm. */
  start: string;
  end: string;
  /** Local start with its offset, e.g. 2026-11-23T16:30+08:00. */
  startIso: string;
}

/** One occurrence of a handover pair's meeting. */
export interface MeetingOccurrence {
  /** Stable per pair and date: "<FROM>><TO>+<TO>/<YYYY-MM-DD>" (the date in `timeZone`). */
  key: string;
  /** The pair as the policy lists it. */
  pair: { from: string; to: string[] };
  /** Index of the pair in policy.handover.pairs. */
  pairIndex: number;
  from: string;
  /** The pair's receiving regions that work that day (the others are on a holiday). */
  to: string[];
  title: string;
  location: string | null;
  agenda: string;
  /** The zone the meeting's time is defined in, and the local date there. */
  timeZone: string;
  date: string;
  start: Date;
  end: Date;
  durationMinutes: number;
  /**
   * The policy's time did not exist that day in `timeZone` (the spring daylight-saving gap), so
   * the meeting starts at the first instant after the gap instead.
   */
  adjusted: boolean;
  /** The handing-over region first, then the receiving ones. */
  localTimes: MeetingLocalTime[];
}

/** The longest range `handoverMeetings` accepts, in days. */
export const MAX_MEETING_RANGE_DAYS = 400;

/**
 * A region meets on a local date that is Monday to Friday, has business hours and is not one of
 * its holidays (seed 001: no meetings at weekends; none on either region's holiday).
 */
export function regionMeetsOn(region: Region, at: DateTime): boolean {
  const local = at.setZone(region.timeZone);
  const date = local.toISODate() as string;
  if (local.weekday > 5) return false;
  if (region.businessHours[weekdayOf(local)].length === 0) return false;
  return !region.holidays.includes(date);
}

export function pairTitle(pair: { from: string; to: readonly string[] }): string {
  return `Handover ${pair.from} → ${pair.to.join(", ")}`;
}

function localTime(region: Region, start: DateTime, end: DateTime): MeetingLocalTime {
  const s = start.setZone(region.timeZone);
  return {
    region: region.code,
    timeZone: region.timeZone,
    date: s.toISODate() as string,
    start: s.toFormat("HH:mm"),
    end: end.setZone(region.timeZone).toFormat("HH:mm"),
    startIso: localIso(start.toJSDate(), region.timeZone),
  };
}

function occurrences(
  policy: Policy,
  pair: HandoverPair,
  pairIndex: number,
  from: Date,
  to: Date,
): MeetingOccurrence[] {
  const meeting = pair.meeting;
  if (!meeting) return [];
  const byCode = (c: string) => policy.regions.find((r) => r.code === c);
  const source = byCode(pair.from);
  const targets = pair.to.map(byCode).filter((r): r is Region => r !== undefined);
  const defining = meeting.in === "from" ? source : targets[0];
  if (!source || !defining || targets.length !== pair.to.length) return [];
  const zone = defining.timeZone;
  const out: MeetingOccurrence[] = [];
  const first = DateTime.fromISO(localDate(from, zone), { zone: "UTC" }).minus({ days: 1 });
  const last = DateTime.fromISO(localDate(to, zone), { zone: "UTC" }).plus({ days: 1 });
  for (const date of calendarDates(first.toISODate() as string, last.toISODate() as string)) {
    const iso = date.toISODate() as string;
    if (date.weekday > 5) continue;
    const start = wallClock(date, meeting.at, zone);
    // A date the zone skipped altogether has no meeting.
    if (start.toISODate() !== iso) continue;
    const startDate = start.toJSDate();
    if (startDate < from || startDate >= to) continue;
    if (!regionMeetsOn(source, start)) continue;
    const working = targets.filter((r) => regionMeetsOn(r, start));
    if (working.length === 0) continue;
    const end = start.plus({ minutes: meeting.durationMinutes });
    out.push({
      key: `${pair.from}>${pair.to.join("+")}/${iso}`,
      pair: { from: pair.from, to: [...pair.to] },
      pairIndex,
      from: pair.from,
      to: working.map((r) => r.code),
      // Named for the regions that meet that day, not those on holiday.
      title: meeting.title ?? pairTitle({ from: pair.from, to: working.map((r) => r.code) }),
      location: meeting.location ?? null,
      agenda: policy.handover.agenda,
      timeZone: zone,
      date: iso,
      start: startDate,
      end: end.toJSDate(),
      durationMinutes: meeting.durationMinutes,
      adjusted: start.toFormat("HH:mm") !== meeting.at,
      localTimes: [source, ...working].map((r) => localTime(r, start, end)),
    });
  }
  return out;
}

/**
 * Every handover meeting starting in [from, to), sorted by start: each pair's meeting at the same
 * local time every working day of both sides, never at a weekend (Saturday or Sunday in any
 * taking-part region's zone) nor on a holiday of the handing-over region; a receiving region on
 * holiday is left out of that day's meeting, which is skipped when no receiving region works.
 * With `region`, only the meetings that region takes part in. Throws a RangeError for a range
 * longer than MAX_MEETING_RANGE_DAYS.
 */
export function handoverMeetings(
  policy: Policy,
  from: Date,
  to: Date,
  region?: string,
): MeetingOccurrence[] {
  if (to <= from) return [];
  if (to.getTime() - from.getTime() > MAX_MEETING_RANGE_DAYS * 86_400_000)
    throw new RangeError(`meetings can be listed for at most ${MAX_MEETING_RANGE_DAYS} days`);
  const all = policy.handover.pairs.flatMap((pair, i) => occurrences(policy, pair, i, from, to));
  return all
    .filter((m) => !region || m.from === region || m.to.includes(region))
    .sort(
      (a, b) =>
        a.start.getTime() - b.start.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

/** The meeting a hand-off between two regions belonged to, as the analytics name it. */
export interface MeetingRef {
  key: string;
  title: string;
}

/** Hand-offs and missed handovers are counted against the pair's meeting this close to them. */
export const MEETING_NEAR_HOURS = 12;

const nearest = (
  meetings: readonly MeetingOccurrence[],
  from: string,
  to: string,
  at: Date,
): MeetingRef | null => {
  let best: MeetingOccurrence | null = null;
  let bestGap = MEETING_NEAR_HOURS * 3_600_000;
  for (const m of meetings) {
    if (m.from !== from || !m.to.includes(to)) continue;
    const gap = Math.abs(m.start.getTime() - at.getTime());
    if (gap <= bestGap) {
      best = m;
      bestGap = gap;
    }
  }
  return best ? { key: best.key, title: best.title } : null;
};

/**
 * The meeting of a pair from → to (that `to` takes part in) nearest to `at` within
 * MEETING_NEAR_HOURS, as a meeting's agenda would have listed the hand-off; null when the pair
 * has no meeting then. Pairs meet daily, so at most one is that close on either side.
 */
export function meetingNear(policy: Policy, from: string, to: string, at: Date): MeetingRef | null {
  const around = DateTime.fromJSDate(at);
  const meetings = handoverMeetings(
    policy,
    around.minus({ hours: MEETING_NEAR_HOURS }).toJSDate(),
    around.plus({ hours: MEETING_NEAR_HOURS }).toJSDate(),
  );
  return nearest(meetings, from, to, at);
}

/**
 * `meetingNear` for many hand-offs of one policy: each UTC day's meetings (and the days either
 * side) are listed once, however many hand-offs fall on it.
 */
export function meetingFinder(
  policy: Policy,
): (from: string, to: string, at: Date) => MeetingRef | null {
  const byDay = new Map<number, MeetingOccurrence[]>();
  return (from, to, at) => {
    const day = Math.floor(at.getTime() / 86_400_000) * 86_400_000;
    let meetings = byDay.get(day);
    if (!meetings) {
      meetings = handoverMeetings(
        policy,
        new Date(day - 86_400_000),
        new Date(day + 2 * 86_400_000),
      );
      byDay.set(day, meetings);
    }
    return nearest(meetings, from, to, at);
  };
}
