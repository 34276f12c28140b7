import type { RoleId } from "../permissions.ts";
import type { TrainingPolicy } from "./policy.ts";

export const TRAINING_STATES = [
  "pending",
  "accepted",
  "approved",
  "declined",
  "withdrawn",
] as const;
export type TrainingState = (typeof TRAINING_STATES)[number];

/** Who asked support for the session. */
export const TRAINING_ASKERS = ["customer", "success"] as const;
export type TrainingAsker = (typeof TRAINING_ASKERS)[number];

/** A technical session (a problem looked at together) or a training (teaching the product). */
export const TRAINING_KINDS = ["technical", "training"] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const TRAINING_ACTIONS = ["accept", "approve", "decline", "withdraw"] as const;
export type TrainingAction = (typeof TRAINING_ACTIONS)[number];

export interface TrainingFacts {
  state: TrainingState;
  /** Decided when the request was recorded (`needsShiftLead`), so a later policy edit does not move it. */
  needsLead: boolean;
  recordedBy: string;
}

export interface TrainingActor {
  userId: string;
  role: RoleId | null;
  /** May work cases here (note them): who may take a session up. */
  worksCases: boolean;
}

/**
 * Seed 004, rule 14: "Support can take up any technical session — but not training sessions
 * which you need to spend hours with customer … if the session can be done within 30 mins". So a
 * technical session of any length is the agent's to take; only a training longer than the
 * policy's limit waits for the shift lead.
 */
export const needsShiftLead = (
  policy: TrainingPolicy,
  request: { kind: TrainingKind; minutes: number },
) => request.kind === "training" && request.minutes > policy.agentMayAcceptUpToMinutes;

/** Whether this person decides trainings (and sees every request on the desk). */
export const mayApproveTraining = (policy: TrainingPolicy, actor: TrainingActor) =>
  actor.role !== null && policy.approverRoles.includes(actor.role);

/**
 * Who may do what with a request: anyone who works cases accepts one that does not need the
 * lead (and runs it); an approver approves (naming who runs it) or declines any waiting one; the
 * recorder withdraws it while it waits. The one place this is decided; the API answers it as
 * `actions`.
 */
export function trainingAbilities(
  policy: TrainingPolicy,
  actor: TrainingActor,
  request: TrainingFacts,
): Record<TrainingAction, boolean> {
  const pending = request.state === "pending";
  const approver = mayApproveTraining(policy, actor);
  return {
    accept: pending && !request.needsLead && actor.worksCases,
    approve: pending && approver,
    decline: pending && approver,
    withdraw: pending && actor.userId === request.recordedBy,
  };
}

/**
 * Why an action is refused: the request has moved on (a conflict), or this person may not take
 * it (and, for a long training an agent tries to accept, whose call it is).
 */
export function trainingRefusal(
  policy: TrainingPolicy,
  action: TrainingAction,
  request: TrainingFacts,
): { kind: "state" | "who"; message: string } {
  if (request.state !== "pending")
    return { kind: "state", message: `Cannot ${action}: this request is ${request.state}` };
  const who: Record<TrainingAction, string> = {
    accept: request.needsLead
      ? `Sessions over ${policy.agentMayAcceptUpToMinutes} minutes are the shift lead's call: it waits on the desk`
      : "Only someone who works cases here takes up a session",
    approve: "Only the shift lead (an approver) approves a session",
    decline: "Only the shift lead (an approver) declines a session",
    withdraw: "Only whoever recorded the request withdraws it",
  };
  return { kind: "who", message: who[action] };
}

/** "20 min", "2 h", "1 h 30 min": how long a session is, as the desk and the case say it. */
export function sessionLength(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
