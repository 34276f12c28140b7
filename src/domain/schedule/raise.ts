import type { Policy } from "../policy/schema.ts";
import type { EscalationItem } from "./board.ts";
import { renderLocal } from "./contact.ts";

// S1.5 "transfer early, never after idling": when a 24x7 case's owner has gone off shift with no
// handover, the case is raised to the role the policy names, once per level and shift end.

/** Identifies one raise, so a sweep that runs again does not raise the same thing twice. */
export function raiseKey(item: Pick<EscalationItem, "shiftEndedAt" | "level">): string {
  return `${item.shiftEndedAt?.toISOString() ?? "earlier"}#${item.level}`;
}

export function raiseNote(policy: Policy, item: EscalationItem, regionZone: string): string {
  const role = policy.roles.find((r) => r.id === item.raiseTo)?.name ?? item.raiseTo ?? "a lead";
  const people = item.raiseToAgents.map((a) => a.name);
  const ended = item.shiftEndedAt
    ? `at ${renderLocal(item.shiftEndedAt, regionZone).label}`
    : "some time ago";
  const next = item.next
    ? ` ${item.next.name} can take it from ${renderLocal(item.next.from, regionZone).label}.`
    : "";
  const who = people.length ? ` (${people.join(", ")})` : "";
  return (
    `Raised to ${role}${who}: this 24x7 case's owner went off shift ${ended} without a handover.` +
    `${next} Hand the case over now, or confirm the customer does not need the next shift.`
  );
}
