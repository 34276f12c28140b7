import type { Policy } from "./schema.ts";

// What parts of Baton a workspace's policy uses, decided here once so the API and the web agree:
// follow the sun (panels, handoff board, meetings, next-holder suggestions) only where the
// policy says how cases pass between regions' shifts: region handover pairs, whom to raise a
// case to when its owner's shift ended without a handover, or a transfer kind that hands 24x7
// cases to the next region on shift.

export interface WorkspaceFeatures {
  followTheSun: boolean;
}

export function followsTheSun(policy: Policy): boolean {
  return (
    policy.handover.pairs.length > 0 ||
    policy.handover.escalation.length > 0 ||
    policy.transferKinds.some((k) => k.guards.includes("next-region-on-shift"))
  );
}

export function workspaceFeatures(policy: Policy): WorkspaceFeatures {
  return { followTheSun: followsTheSun(policy) };
}
