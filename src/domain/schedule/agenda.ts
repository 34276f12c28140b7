import { DateTime } from "luxon";
import type { Policy } from "../policy/schema.ts";
import {
  agentSchedule,
  isOnShift,
  type MeetingOccurrence,
  nextHolder,
  type ScheduleAgent,
  type ScheduleCase,
  titleRegion,
} from "./index.ts";

// A handover meeting's agenda (S1.2): the 24x7 cases that cross its region pair, each with who
// attends for it. Agendas are only drawn up for meetings near now, because which cases cross a
// pair next week depends on what happens to them until then.

/** Meetings starting this close to now get an agenda; others say it is not known yet. */
export const AGENDA_HORIZON_HOURS = 36;
// Each hand-off goes on the agenda of the pair's meeting nearest to it; pairs meet daily.
const NEAREST_HOURS = 12;

export interface AgendaCase {
  caseNumber: number;
  ownerId: string | null;
  /** When the case changes hands, by the owner's shift end. */
  handoffAt: Date | null;
  toRegion: string;
  /** The title already asks for the receiving region: the hand-off is under way. */
  prefixed: boolean;
  /** The owner when on shift at the meeting, else the handing-over region's handover SMEs. */
  attendeeIds: string[];
}

export interface MeetingAgenda {
  known: boolean;
  cases: AgendaCase[];
}

function regionOf(kase: ScheduleCase, agents: Map<string, ScheduleAgent>): string | null {
  const owner = kase.ownerId ? agents.get(kase.ownerId) : undefined;
  return owner?.region ?? kase.region;
}

function onShiftAt(policy: Policy, agent: ScheduleAgent, at: Date): boolean {
  const schedule = agentSchedule(policy.regions, agent);
  return schedule ? isOnShift(schedule, at) : false;
}

function attendees(
  policy: Policy,
  meeting: MeetingOccurrence,
  owner: ScheduleAgent | undefined,
  agents: readonly ScheduleAgent[],
): string[] {
  if (owner && onShiftAt(policy, owner, meeting.start)) return [owner.id];
  const smes = agents.filter((a) => a.handoverSme && a.region === meeting.from).map((a) => a.id);
  if (smes.length) return smes;
  return owner ? [owner.id] : [];
}

export function meetingAgenda(
  policy: Policy,
  meeting: MeetingOccurrence,
  cases: readonly ScheduleCase[],
  agents: readonly ScheduleAgent[],
  now: Date,
): MeetingAgenda {
  const hoursAway = DateTime.fromJSDate(meeting.start).diff(
    DateTime.fromJSDate(now),
    "hours",
  ).hours;
  if (Math.abs(hoursAway) > AGENDA_HORIZON_HOURS) return { known: false, cases: [] };
  const byId = new Map(agents.map((a) => [a.id, a]));
  const items: AgendaCase[] = [];
  for (const kase of cases) {
    if (!kase.is24x7 || regionOf(kase, byId) !== meeting.from) continue;
    const owner = kase.ownerId ? byId.get(kase.ownerId) : undefined;
    const asked = titleRegion(policy, kase.internalTitle);
    if (asked && meeting.to.includes(asked)) {
      items.push({
        caseNumber: kase.number,
        ownerId: kase.ownerId,
        handoffAt: null,
        toRegion: asked,
        prefixed: true,
        attendeeIds: attendees(policy, meeting, owner, agents),
      });
      continue;
    }
    if (kase.handoverUnderWay || asked) continue;
    const next = nextHolder(policy, kase, agents, meeting.start);
    if (!next.region || !meeting.to.includes(next.region.region) || !next.handoffAt) continue;
    const gap = Math.abs(next.handoffAt.getTime() - meeting.start.getTime());
    if (gap > NEAREST_HOURS * 3_600_000) continue;
    items.push({
      caseNumber: kase.number,
      ownerId: kase.ownerId,
      handoffAt: next.handoffAt,
      toRegion: next.region.region,
      prefixed: false,
      attendeeIds: attendees(policy, meeting, owner, agents),
    });
  }
  items.sort((a, b) => a.caseNumber - b.caseNumber);
  return { known: true, cases: items };
}
