// Words for session requests (S4.12), shared by the case page's panel and the desk.
import { sessionLength } from "../../../src/domain/training/requests.ts";
import type { TrainingAction, TrainingRequest } from "../api/types.ts";

export const TRAINING_STATE: Record<TrainingRequest["state"], string> = {
  pending: "Waiting",
  accepted: "Taken up",
  approved: "Approved",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

export const TRAINING_BUTTON: Record<TrainingAction, string> = {
  accept: "Take it up",
  approve: "Approve",
  decline: "Decline",
  withdraw: "Withdraw",
};

export const ASKED_BY: Record<TrainingRequest["askedBy"], string> = {
  customer: "the customer",
  success: "the success team",
};

/** "2 h training", "20 min technical session". */
export const sessionText = (r: Pick<TrainingRequest, "minutes" | "kind">) =>
  `${sessionLength(r.minutes)} ${r.kind === "training" ? "training" : "technical session"}`;

/** Where a request stands, with who runs it and the decision's note. */
export function trainingStatus(r: TrainingRequest): string {
  const parts = [TRAINING_STATE[r.state]];
  if (r.state === "pending") parts[0] = r.needsLead ? "Waiting for the shift lead" : "Waiting";
  if (r.runner) parts.push(`${r.runner.name} runs it`);
  if (r.decidedBy && r.state === "declined") parts.push(`by ${r.decidedBy.name}`);
  if (r.decisionNote) parts.push(`“${r.decisionNote}”`);
  return parts.join(" · ");
}
