import { type CallActor, type CallState, callAbilities } from "../domain/calls/calls.ts";
import type { CallRecord } from "../loaders/calls.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A call as the API answers it: instants in ISO, with the zones people read them in (the
 * customer's and the runner's), and what the viewer may do with it now.
 */
export function presentCall(r: CallRecord, viewer: CallActor) {
  const state = r.row.state as CallState;
  return {
    id: r.row.id,
    case: { number: r.caseNumber, subject: r.caseSubject },
    startsAt: r.row.startsAt.toISOString(),
    endsAt: r.row.endsAt.toISOString(),
    durationMinutes: r.row.durationMinutes,
    attendee: r.row.attendee,
    link: r.row.link,
    agenda: r.row.agenda,
    state,
    runner: { id: r.runner.id, name: r.runner.name },
    scheduledBy: { id: r.row.scheduledBy, name: r.scheduledByName },
    zones: { customer: r.customerZone, agent: r.runner.timeZone },
    remindedAt: iso(r.row.remindedAt),
    missedAt: iso(r.row.missedAt),
    heldActivityId: r.row.heldActivityId,
    version: r.row.version,
    createdAt: r.row.createdAt.toISOString(),
    actions: callAbilities(viewer, {
      state,
      runnerId: r.row.runnerId,
      scheduledBy: r.row.scheduledBy,
      caseOwnerId: r.caseOwnerId,
    }),
  };
}

export type CallAnswer = ReturnType<typeof presentCall>;
