import { DateTime } from "luxon";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { callTimeIn } from "../../domain/calls/calls.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import type { IcsEvent } from "../../domain/schedule/ics.ts";
import { renderIcs } from "../../domain/schedule/index.ts";
import { type CallRecord, callsOfRunner } from "../../loaders/calls.ts";
import { policyVersionTime } from "../../loaders/policy-versions.ts";
import { scheduleAgents } from "../../loaders/schedule.ts";
import { knownRegion, scheduleWorkspace } from "../../loaders/schedule-workspace.ts";
import { listMeetings, type MeetingsView } from "./listMeetings.ts";

// The .ics feeds a calendar client subscribes to: a region's handover meetings, or the meetings
// one agent attends. A feed covers two weeks back and three months ahead, which is what calendar
// clients keep; they fetch it again every few hours.

const BACK_DAYS = 14;
const AHEAD_DAYS = 92;
const NOTE_LINES = 12;
// Handover notes and the cases to align change during the day; an hour keeps a calendar current
// without every client fetching every few minutes.
const REFRESH_MINUTES = 60;

type Meeting = MeetingsView["items"][number];

function describe(m: Meeting): string {
  const parts = [m.agenda || "Handover of the 24x7 cases that cross this region pair."];
  if (!m.agendaKnown) parts.push("The cases to hand over are listed nearer the day.");
  else if (!m.cases.length) parts.push("No case needs to cross this pair at this meeting.");
  for (const c of m.cases) {
    const who = c.attendees.map((a) => a.name).join(", ") || "the region's handover SME";
    const head = `#${c.caseNumber} → ${c.toRegion}: ${c.case?.subject ?? ""} (attends: ${who})`;
    const note = c.handoverNote?.split("\n").slice(0, NOTE_LINES).join("\n");
    parts.push(note ? `${head}\n${note}` : head);
  }
  return parts.join("\n\n");
}

/** A customer call the agent runs, as a calendar event (S4.3). */
function callEvent(c: CallRecord): IcsEvent {
  const customer = c.customerZone
    ? `Customer's time: ${callTimeIn(c.row.startsAt, c.customerZone)}`
    : "";
  return {
    uid: `call:${c.row.id}`,
    start: c.row.startsAt,
    end: c.row.endsAt,
    summary: `Customer call: #${c.caseNumber} ${c.caseSubject} (${c.row.attendee})`,
    description: [c.row.agenda, customer, c.row.link ? `Join: ${c.row.link}` : ""]
      .filter((s) => s.trim())
      .join("\n\n"),
    location: c.row.link,
    cancelled: c.row.state === "cancelled",
    revision: { sequence: c.row.version, modifiedAt: c.row.updatedAt },
  };
}

export interface CalendarQuery {
  workspace?: string;
  kind: "region" | "agent";
  id: string;
  now: Date;
  uidDomain: string;
}

export async function getCalendarFeed(db: Db, actor: Actor, q: CalendarQuery) {
  const ws = await scheduleWorkspace(db, actor, q.workspace, "agent.list");
  const base = DateTime.fromJSDate(q.now);
  const range = {
    workspace: ws.slug,
    from: base.minus({ days: BACK_DAYS }).startOf("day").toJSDate(),
    to: base.plus({ days: AHEAD_DAYS }).startOf("day").toJSDate(),
    now: q.now,
  };
  let name: string;
  let view: MeetingsView;
  let events: IcsEvent[] = [];
  if (q.kind === "region") {
    const region = knownRegion(ws, q.id);
    const label = ws.policy.regions.find((r) => r.code === region)?.name ?? region;
    name = `Handover meetings — ${label} (${ws.name})`;
    view = await listMeetings(db, actor, { ...range, region });
  } else {
    if (!/^[0-9a-f-]{36}$/i.test(q.id)) throw invalid("id", "must be an agent id (a UUID)");
    const agent = (await scheduleAgents(db, ws.id)).find((a) => a.id === q.id);
    if (!agent) throw notFound("Agent");
    name = `Handover meetings and calls — ${agent.name} (${ws.name})`;
    view = await listMeetings(db, actor, { ...range, attendee: agent.id });
    const calls = await callsOfRunner(db, ws.id, agent.id, {
      ...range,
      states: ["scheduled", "held", "cancelled"],
    });
    events = calls.map(callEvent);
  }
  const descriptions = new Map(view.items.map((m) => [m.key, describe(m)]));
  const policyMadeAt = await policyVersionTime(db, ws.id, ws.policyVersion);
  const text = renderIcs(view.items, {
    calendarName: name,
    uidDomain: `${ws.slug}.${q.uidDomain}`,
    generatedAt: q.now,
    description: (m) => descriptions.get(m.key) ?? "",
    events,
    meetingRevision: { sequence: ws.policyVersion, modifiedAt: policyMadeAt },
    refreshMinutes: REFRESH_MINUTES,
  });
  return { text, filename: `${ws.slug}-${q.kind}-${q.id}.ics`.replace(/[^\w.-]/g, "_") };
}
