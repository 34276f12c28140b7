// Statuses are fixed by Baton because guards and SLA clocks depend on their meaning;
// a workspace labels them, it does not invent new ones.
export const CASE_STATUSES = [
  "new",
  "active",
  "awaiting_customer",
  "solution_delivered",
  "resolved",
  "closed",
] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

const ALLOWED: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ["active", "awaiting_customer", "solution_delivered", "resolved", "closed"],
  active: ["awaiting_customer", "solution_delivered", "resolved", "closed"],
  awaiting_customer: ["active", "solution_delivered", "resolved", "closed"],
  solution_delivered: ["active", "awaiting_customer", "resolved", "closed"],
  resolved: ["active", "closed"],
  closed: [],
};

export function canMoveStatus(from: CaseStatus, to: CaseStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

export const OPEN_STATUSES: readonly CaseStatus[] = [
  "new",
  "active",
  "awaiting_customer",
  "solution_delivered",
];
