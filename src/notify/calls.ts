import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { users } from "../db/schema.ts";
import { callTimeIn, missedCallRoles } from "../domain/calls/calls.ts";
import type { EventOf } from "../events/catalogue.ts";
import { membersInRoles } from "../loaders/case-clocks.ts";
import { caseLink, email, type NotificationKind, renderer, writeInApp } from "./in-app.ts";
import { enqueueDeliveries } from "./outbox.ts";
import { callAlertTopic } from "./templates/call-alert.ts";

// S4.3 "attend all customer calls on time": the runner is reminded before a call; a call nobody
// logged as held is raised to the runner, the case owner and the shift leads.

type CallEvent = EventOf<"call.reminded" | "call.missed">;

/** The sentence each reader gets: the time in their zone and the customer's, and the link. */
function sentence(e: CallEvent, zone: string, customerZone: string | null): string {
  const at = new Date(e.data.startsAt);
  const theirs =
    customerZone && customerZone !== zone ? `, ${callTimeIn(at, customerZone)} for them` : "";
  const when = `${callTimeIn(at, zone)}${theirs}`;
  const f = e.facts;
  const join = f.link ? ` Join: ${f.link}` : "";
  return e.name === "call.reminded"
    ? `Call with ${f.attendee} on case ${e.data.number} at ${when} (${e.data.durationMinutes} min).${join}`
    : `The call with ${f.attendee} on case ${e.data.number} at ${when} was not logged as held, so it is marked missed. If it did happen, log it as held on the case.`;
}

async function tell(tx: Db, e: CallEvent, ids: readonly string[], customerZone: string | null) {
  if (!e.workspaceId || !e.caseId || e.caseNumber === undefined || ids.length === 0) return;
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  const reminded = e.name === "call.reminded";
  const kind: NotificationKind = reminded ? "call_reminder" : "call_missed";
  // A moved call is reminded again: the source names the start it was reminded of.
  const sourceId = `${e.subjectId}@${e.data.startsAt}`;
  const where = { workspaceId: e.workspaceId, caseId: e.caseId, caseNumber: e.caseNumber };
  const alert = reminded ? "Call soon" : "Call missed";
  await writeInApp(
    tx,
    people.map((p) => ({
      ...where,
      userId: p.id,
      kind,
      sourceId,
      title: `${alert}: case ${e.caseNumber} — ${e.facts.caseSubject}`,
      body: sentence(e, p.timeZone, customerZone),
      actorId: null,
    })),
  );
  const render = await renderer(
    tx,
    e.workspaceId,
    callAlertTopic,
    e.facts.policy.defaults.language,
  );
  await enqueueDeliveries(
    tx,
    people.map((p) => {
      const { subject, text } = render({
        caseNumber: e.caseNumber ?? 0,
        caseSubject: e.facts.caseSubject,
        recipientName: p.name,
        alert,
        note: sentence(e, p.timeZone, customerZone),
        link: caseLink(e.caseNumber ?? 0),
      });
      return email(where, e.name, sourceId, "call_alert", p, subject, text);
    }),
  );
}

/** A call about to start: its runner is reminded, in-app and by email. */
export async function callReminded(tx: Db, e: EventOf<"call.reminded">): Promise<void> {
  await tell(tx, e, [e.data.runnerId], e.facts.customerZone);
}

/** A call nobody logged as held: the runner, the case owner and the shift leads hear of it. */
export async function callMissed(tx: Db, e: EventOf<"call.missed">): Promise<void> {
  if (!e.workspaceId) return;
  const { policy } = e.facts;
  const leads = await membersInRoles(
    tx,
    e.workspaceId,
    missedCallRoles(policy.calls, policy.offQueue.approverRoles),
  );
  const ids = [e.data.runnerId, e.facts.caseOwnerId, ...leads.map((l) => l.id)];
  await tell(
    tx,
    e,
    ids.filter((id): id is string => id !== null),
    e.facts.customerZone,
  );
}
