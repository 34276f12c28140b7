// Statuses and their transitions are the server's own table (pure code, no I/O), so the page
// never offers a move the server would refuse.
import { t } from "i18next";
import {
  CASE_STATUSES,
  type CaseStatus,
  canMoveStatus,
  OPEN_STATUSES,
} from "../../../src/domain/case-status.ts";

export { CASE_STATUSES, type CaseStatus, OPEN_STATUSES };

/** Baton's own words for the statuses (message keys), where the workspace names none. */
const DEFAULT_LABELS: Record<CaseStatus, string> = {
  new: "caseStatus.new",
  active: "caseStatus.active",
  awaiting_customer: "caseStatus.awaitingCustomer",
  solution_delivered: "caseStatus.solutionDelivered",
  resolved: "caseStatus.resolved",
  closed: "caseStatus.closed",
};

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

/** The workspace's label for a status, falling back to Baton's. */
export function statusLabel(status: string, labels: Partial<Record<string, string>> = {}): string {
  return labels[status] ?? (isCaseStatus(status) ? t(DEFAULT_LABELS[status]) : status);
}

/** Statuses a case in `from` may move to, including staying where it is (first). */
export function nextStatuses(from: string): CaseStatus[] {
  if (!isCaseStatus(from)) return [];
  return [from, ...CASE_STATUSES.filter((s) => s !== from && canMoveStatus(from, s))];
}

export function canMove(from: string, to: string): boolean {
  return isCaseStatus(from) && isCaseStatus(to) && canMoveStatus(from, to);
}

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}
