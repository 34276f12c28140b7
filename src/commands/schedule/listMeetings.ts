import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { activities, cases, transfers } from "../../db/schema.ts";
import { invalid } from "../../domain/errors.ts";
import { type MeetingAgenda, meetingAgenda } from "../../domain/schedule/agenda.ts";
import {
  handoverMeetings,
  MAX_MEETING_RANGE_DAYS,
  type MeetingOccurrence,
} from "../../domain/schedule/index.ts";
import { caseCards } from "../../loaders/case-cards.ts";
import { scheduleAgents, scheduleCases } from "../../loaders/schedule.ts";
import {
  knownRegion,
  requireFollowTheSun,
  scheduleWorkspace,
} from "../../loaders/schedule-workspace.ts";

/** The latest handover note per case, from the transfers that rendered one. */
async function handoverNotes(db: Db, workspaceId: string, numbers: number[]) {
  if (!numbers.length) return new Map<number, string>();
  const rows = await db
    .select({ number: cases.number, body: activities.body })
    .from(transfers)
    .innerJoin(cases, eq(cases.id, transfers.caseId))
    .innerJoin(activities, eq(activities.id, transfers.handoverNoteId))
    .where(
      and(
        eq(transfers.workspaceId, workspaceId),
        inArray(cases.number, numbers),
        isNotNull(transfers.handoverNoteId),
      ),
    )
    .orderBy(desc(transfers.createdAt));
  const notes = new Map<number, string>();
  for (const r of rows) if (!notes.has(r.number)) notes.set(r.number, r.body);
  return notes;
}

export interface MeetingQuery {
  workspace?: string;
  from: Date;
  to: Date;
  region?: string | undefined;
  /** Only the meetings this agent attends (owner of an agenda case, or the region's SME). */
  attendee?: string | undefined;
  now: Date;
}

export async function listMeetings(db: Db, actor: Actor, q: MeetingQuery) {
  const ws = await scheduleWorkspace(db, actor, q.workspace, "agent.list");
  requireFollowTheSun(ws.policy, ws.slug);
  if (q.region) knownRegion(ws, q.region);
  if (q.to <= q.from) throw invalid("to", "must be after from");
  const days = DateTime.fromJSDate(q.to).diff(DateTime.fromJSDate(q.from), "days").days;
  if (days > MAX_MEETING_RANGE_DAYS)
    throw invalid("to", `meetings can be listed for at most ${MAX_MEETING_RANGE_DAYS} days`);
  const [open, agents] = await Promise.all([scheduleCases(db, ws.id), scheduleAgents(db, ws.id)]);
  const meetings = handoverMeetings(ws.policy, q.from, q.to, q.region);
  const withAgenda = meetings.map((m) => ({
    meeting: m,
    agenda: meetingAgenda(ws.policy, m, open, agents, q.now),
  }));
  const attendee = q.attendee ? agents.find((a) => a.id === q.attendee) : undefined;
  const chosen = q.attendee
    ? withAgenda.filter(({ meeting, agenda }) => attends(attendee, meeting, agenda))
    : withAgenda;
  const numbers = [...new Set(chosen.flatMap((x) => x.agenda.cases.map((c) => c.caseNumber)))];
  const [cards, notes] = await Promise.all([
    caseCards(db, ws.id, numbers),
    handoverNotes(db, ws.id, numbers),
  ]);
  const names = new Map(agents.map((a) => [a.id, a.name]));
  return {
    workspace: ws.slug,
    items: chosen.map(({ meeting, agenda }) => ({
      ...meeting,
      agendaKnown: agenda.known,
      cases: agenda.cases.map((c) => ({
        ...c,
        case: cards.get(c.caseNumber) ?? null,
        handoverNote: notes.get(c.caseNumber) ?? null,
        attendees: c.attendeeIds.map((id) => ({ id, name: names.get(id) ?? "(unknown)" })),
      })),
    })),
  };
}

function attends(
  agent: { id: string; region: string | null; handoverSme?: boolean } | undefined,
  meeting: MeetingOccurrence,
  agenda: MeetingAgenda,
): boolean {
  if (!agent) return false;
  if (agenda.cases.some((c) => c.attendeeIds.includes(agent.id) || c.ownerId === agent.id))
    return true;
  const inMeeting = agent.region === meeting.from || meeting.to.includes(agent.region ?? "");
  return Boolean(agent.handoverSme) && inMeeting;
}

export type MeetingsView = Awaited<ReturnType<typeof listMeetings>>;
