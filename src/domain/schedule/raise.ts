import type { Policy } from "../policy/schema.ts";
import { type Said, said } from "../said.ts";
import { type EscalationItem, escalationLevel } from "./board.ts";
import { renderLocal } from "./contact.ts";
import { scheduleContext, workingState } from "./context.ts";
import type { ScheduleAgent } from "./facts.ts";
import { type MeetingRef, meetingNear } from "./meetings.ts";

// S1.5 "transfer early, never after idling": when a 24x7 case's owner has gone off shift with no
// handover, the case is raised to the role the policy names, once per level and shift end.

/** Identifies one raise, so a sweep that runs again does not raise the same thing twice. */
export function raiseKey(item: Pick<EscalationItem, "shiftEndedAt" | "level">): string {
  return `${item.shiftEndedAt?.toISOString() ?? "earlier"}#${item.level}`;
}

/**
 * The raise each agent's 24x7 cases would get now: for every agent off shift whose missed
 * handover has reached a level, that raise's key. The minute's sweep looks only at cases whose
 * owner is here and that do not carry the key yet, so a sweep with nothing new reads nothing.
 */
export function dueRaises(
  policy: Policy,
  agents: readonly ScheduleAgent[],
  at: Date,
): { ownerId: string; key: string }[] {
  if (!policy.handover.escalation.length) return [];
  const ctx = scheduleContext(policy, agents, at);
  return agents.flatMap((agent) => {
    const shift = workingState(ctx, agent);
    if (!shift || shift.onShift) return [];
    const level = escalationLevel(policy, shift.since, at);
    return level >= 0
      ? [{ ownerId: agent.id, key: raiseKey({ shiftEndedAt: shift.since, level }) }]
      : [];
  });
}

/** Where a missed handover should have gone, kept with its raise for the analytics. */
export interface MissedHandoverFacts {
  ownerId: string;
  shiftEndedAt: string | null;
  fromRegion: string;
  toRegion: string | null;
  meeting: MeetingRef | null;
}

/**
 * The raised case's owner's region, the region the board suggested taking it, and the pair's
 * meeting nearest the shift end, where the handover would have been agreed.
 */
export function missedHandoverFacts(
  policy: Policy,
  region: string,
  item: Pick<EscalationItem, "ownerId" | "shiftEndedAt" | "next">,
): MissedHandoverFacts {
  const toRegion = item.next?.region ?? null;
  return {
    ownerId: item.ownerId,
    shiftEndedAt: item.shiftEndedAt?.toISOString() ?? null,
    fromRegion: region,
    toRegion,
    meeting:
      toRegion && item.shiftEndedAt
        ? meetingNear(policy, region, toRegion, item.shiftEndedAt)
        : null,
  };
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

/** The same note as a code and its values; the times as instants, for the reader's own zone. */
export function raiseLine(policy: Policy, item: EscalationItem): Said {
  return said("handoverMissed", {
    role: policy.roles.find((r) => r.id === item.raiseTo)?.name ?? item.raiseTo,
    people: item.raiseToAgents.length ? item.raiseToAgents.map((a) => a.name).join(", ") : null,
    endedAt: item.shiftEndedAt?.toISOString(),
    next: item.next?.name,
    nextFrom: item.next?.from.toISOString(),
  });
}
