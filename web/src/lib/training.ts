// Words for session requests (S4.12), shared by the case page's panel and the desk. The tables
// hold message keys.
import { t } from "i18next";
import { sessionLength } from "../../../src/domain/training/requests.ts";
import type { TrainingAction, TrainingRequest } from "../api/types.ts";

export const TRAINING_STATE: Record<TrainingRequest["state"], string> = {
  pending: "training.statePending",
  accepted: "training.stateAccepted",
  approved: "training.stateApproved",
  declined: "training.stateDeclined",
  withdrawn: "training.stateWithdrawn",
};

export const TRAINING_BUTTON: Record<TrainingAction, string> = {
  accept: "training.accept",
  approve: "training.approve",
  decline: "training.decline",
  withdraw: "training.withdraw",
};

export const ASKED_BY: Record<TrainingRequest["askedBy"], string> = {
  customer: "training.askedByCustomer",
  success: "training.askedBySuccess",
};

/** "2 h training", "20 min technical session". */
export const sessionText = (r: Pick<TrainingRequest, "minutes" | "kind">) =>
  r.kind === "training"
    ? t("training.training", { length: sessionLength(r.minutes) })
    : t("training.technicalSession", { length: sessionLength(r.minutes) });

/** Where a request stands, with who runs it and the decision's note. */
export function trainingStatus(r: TrainingRequest): string {
  const parts = [t(TRAINING_STATE[r.state])];
  if (r.state === "pending" && r.needsLead) parts[0] = t("training.waitingForShiftLead");
  if (r.runner) parts.push(t("training.runsIt", { name: r.runner.name }));
  if (r.decidedBy && r.state === "declined")
    parts.push(t("training.by", { name: r.decidedBy.name }));
  if (r.decisionNote) parts.push(`“${r.decisionNote}”`);
  return parts.join(" · ");
}
