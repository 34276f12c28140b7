import type { OffQueuePolicy } from "../domain/off-queue/policy.ts";
import {
  type OffQueueActor,
  type OffQueueState,
  offQueueAbilities,
} from "../domain/off-queue/requests.ts";
import type { OffQueueRecord } from "../loaders/off-queue.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A request as the API answers it, with what the viewer may do with it. */
export function presentOffQueue(r: OffQueueRecord, policy: OffQueuePolicy, viewer: OffQueueActor) {
  const state = r.row.state as OffQueueState;
  return {
    id: r.row.id,
    agent: { id: r.row.userId, name: r.userName },
    reason: r.row.reason,
    hours: r.row.hours,
    state,
    startedAt: iso(r.row.startedAt),
    until: iso(r.row.until),
    decidedBy: r.row.decidedBy ? { id: r.row.decidedBy, name: r.decidedByName ?? "" } : null,
    decidedAt: iso(r.row.decidedAt),
    decisionNote: r.row.decisionNote,
    endedAt: iso(r.row.endedAt),
    version: r.row.version,
    createdAt: r.row.createdAt.toISOString(),
    actions: offQueueAbilities(policy, viewer, { userId: r.row.userId, state }),
  };
}

export type OffQueueAnswer = ReturnType<typeof presentOffQueue>;
