import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Actor } from "../../auth/actor.ts";
import { membershipIn } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { activities, cases, transfers, users } from "../../db/schema.ts";
import { assignersText, reassignRights } from "../../domain/assignment.ts";
import { invalid } from "../../domain/errors.ts";
import { type MeetingAgenda, meetingAgenda } from "../../domain/schedule/agenda.ts";
import { agentShift } from "../../domain/schedule/context.ts";
import {
  handoffBoard,
  handoverMeetings,
  MAX_MEETING_RANGE_DAYS,
  type MeetingOccurrence,
  nextCustomerContact,
  nextHolder,
  regionStatus,
} from "../../domain/schedule/index.ts";
import { loadCase } from "../../loaders/cases.ts";
import { scheduleAgents, scheduleCases } from "../../loaders/schedule.ts";
import {
  knownRegion,
  requireFollowTheSun,
  scheduleWorkspace,
} from "../../loaders/schedule-workspace.ts";

// Follow the sun as the API answers it: each question loads the facts once and lets the pure
// schedule functions decide. Names and subjects are added here so pages need no second request.

export async function regionsOnDuty(db: Db, actor: Actor, q: { workspace?: string; at: Date }) {
  const ws = await scheduleWorkspace(db, actor, q.workspace, "agent.list");
  const agents = await scheduleAgents(db, ws.id);
  const onShift = agents.flatMap((a) => {
    const shift = agentShift(ws.policy, a, q.at);
    return shift?.onShift
      ? [{ id: a.id, name: a.name, role: a.role, region: a.region, until: shift.changeAt }]
      : [];
  });
  return { workspace: ws.slug, at: q.at, regions: regionStatus(ws.policy, q.at), agents: onShift };
}

export async function caseNextHolder(
  db: Db,
  actor: Actor,
  number: number,
  q: { at: Date; viewerZone: string | undefined },
) {
  const { row, workspace } = await loadCase(db, actor, number, "case.read");
  requireFollowTheSun(workspace.policy, workspace.slug);
  const [kase] = await scheduleCases(db, row.workspaceId, { numbers: [number] });
  if (!kase) throw new Error(`case ${number} vanished while being read`);
  const agents = await scheduleAgents(db, row.workspaceId);
  const answer = nextHolder(workspace.policy, kase, agents, q.at);
  const viewer = agents.find((a) => a.id === actor.userId);
  const viewerZone = q.viewerZone ?? viewer?.timeZone ?? "UTC";
  const customerZone = kase.contact?.timeZone ?? kase.customer?.timeZone;
  // Suggestions offer assignment only to someone who may assign the case (S4.7: the shift lead).
  const role = membershipIn(actor, row.workspaceId)?.role;
  const mayAssign =
    role !== undefined &&
    can(actor, "case.assign", { workspaceId: row.workspaceId }, workspace.policy) &&
    reassignRights(workspace.policy, role, row).direct;
  return {
    ...answer,
    at: q.at,
    onDuty: regionStatus(workspace.policy, q.at),
    agents: answer.agents,
    nextContact:
      row.nextContactAt && customerZone
        ? nextCustomerContact({ at: row.nextContactAt, customerZone, viewerZone })
        : null,
    customerNow: customerZone ? nextCustomerContact({ at: q.at, customerZone, viewerZone }) : null,
    mayAssign,
    assignNote: mayAssign ? null : assignersText(workspace.policy),
  };
}

async function caseCards(db: Db, workspaceId: string, numbers: number[]) {
  if (!numbers.length) return new Map<number, CaseCard>();
  const rows = await db
    .select({
      number: cases.number,
      subject: cases.subject,
      internalTitle: cases.internalTitle,
      severity: cases.severity,
      status: cases.status,
      ownerId: cases.ownerId,
      ownerName: users.name,
    })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.ownerId))
    .where(and(eq(cases.workspaceId, workspaceId), inArray(cases.number, numbers)));
  return new Map(rows.map((r) => [r.number, r]));
}

interface CaseCard {
  number: number;
  subject: string;
  internalTitle: string;
  severity: string;
  status: string;
  ownerId: string | null;
  ownerName: string | null;
}

export async function handoffBoardView(
  db: Db,
  actor: Actor,
  q: { workspace?: string; region: string; at: Date },
) {
  const ws = await scheduleWorkspace(db, actor, q.workspace, "case.read");
  requireFollowTheSun(ws.policy, ws.slug);
  const region = knownRegion(ws, q.region);
  const [open, agents] = await Promise.all([scheduleCases(db, ws.id), scheduleAgents(db, ws.id)]);
  const board = handoffBoard(ws.policy, region, open, agents, q.at);
  const numbers = [
    ...board.endingSoon,
    ...board.waiting,
    ...board.notServed,
    ...board.escalations,
  ].map((i) => i.caseNumber);
  const cards = await caseCards(db, ws.id, [...new Set(numbers)]);
  const card = <T extends { caseNumber: number }>(item: T) => ({
    ...item,
    case: cards.get(item.caseNumber) ?? null,
  });
  return {
    workspace: ws.slug,
    ...board,
    endingSoon: board.endingSoon.map(card),
    waiting: board.waiting.map(card),
    notServed: board.notServed.map(card),
    escalations: board.escalations.map(card),
  };
}

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

export async function meetingsView(db: Db, actor: Actor, q: MeetingQuery) {
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

export type MeetingsView = Awaited<ReturnType<typeof meetingsView>>;
