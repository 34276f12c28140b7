import type { Policy } from "../policy/schema.ts";
import type { DevelopmentStage } from "./policy.ts";

/** Whether a queue is one of development's (S2.5). */
export const isDevelopmentQueue = (policy: Policy, queue: string | null | undefined) =>
  Boolean(queue) && policy.guardOptions.developmentQueues.includes(queue as string);

export const stageOf = (policy: Policy, code: string): DevelopmentStage | undefined =>
  policy.development.stages.find((s) => s.code === code);

/** The stage's name, or its code when a later policy dropped it. */
export const stageName = (policy: Policy, code: string) => stageOf(policy, code)?.name ?? code;

/** The stage a case starts at when it enters development. */
export const firstStage = (policy: Policy): DevelopmentStage => {
  const first = policy.development.stages[0];
  if (!first) throw new Error("a policy has at least one development stage");
  return first;
};

/**
 * Who stays the customer's owner while development works (shared ownership): whoever owned the
 * case before it went towards development, else its secondary owner (in seed 002 the consultant
 * who opened it), else whoever asked for the hand-off.
 */
export function supportOwnerOf(candidates: {
  previousOwners: readonly (string | null)[];
  secondaryOwnerId: string | null;
  requestedBy: string | null;
}): string | null {
  const owner = candidates.previousOwners.find((id) => id !== null);
  return owner ?? candidates.secondaryOwnerId ?? candidates.requestedBy;
}
