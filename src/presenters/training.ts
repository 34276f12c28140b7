import { type Actor, membershipIn } from "../auth/actor.ts";
import { can } from "../auth/authorize.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { TrainingPolicy } from "../domain/training/policy.ts";
import {
  type TrainingActor,
  type TrainingAsker,
  type TrainingKind,
  type TrainingState,
  trainingAbilities,
} from "../domain/training/requests.ts";
import type { TrainingRecord } from "../loaders/training.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

/** Who is looking, as the training rules weigh them. */
export const trainingViewer = (
  actor: Actor,
  ws: { id: string; policy: Policy },
): TrainingActor => ({
  userId: actor.userId,
  role: membershipIn(actor, ws.id)?.role ?? null,
  worksCases: can(actor, "case.note", { workspaceId: ws.id }, ws.policy),
});

export const trainingFactsOf = (r: TrainingRecord) => ({
  state: r.row.state as TrainingState,
  needsLead: r.row.needsLead,
  recordedBy: r.row.recordedBy,
});

/** A request as the API answers it: the factors the shift lead weighs, and the viewer's moves. */
export function presentTraining(r: TrainingRecord, policy: TrainingPolicy, viewer: TrainingActor) {
  const { row, kase } = r;
  return {
    id: row.id,
    case: {
      number: kase.number,
      subject: kase.subject,
      severity: kase.severity,
      plan: kase.plan,
      owner: person(kase.ownerId, kase.ownerName),
    },
    customer: r.customer,
    askedBy: row.askedBy as TrainingAsker,
    kind: row.kind as TrainingKind,
    topic: row.topic,
    minutes: row.minutes,
    wantedAt: iso(row.wantedAt),
    needsLead: row.needsLead,
    state: row.state as TrainingState,
    recordedBy: { id: row.recordedBy, name: r.recordedByName },
    runner: person(row.runnerId, r.runnerName),
    decidedBy: person(row.decidedBy, r.decidedByName),
    decidedAt: iso(row.decidedAt),
    decisionNote: row.decisionNote,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    actions: trainingAbilities(policy, viewer, trainingFactsOf(r)),
  };
}

export type TrainingAnswer = ReturnType<typeof presentTraining>;
