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

/** A completed transfer of the case, as the support owner is looked for among them. */
export interface EarlierTransfer {
  fromOwnerId: string | null;
  fromQueue: string | null;
  targetQueue: string | null;
  requestedBy: string | null;
}

/**
 * Who stays the customer's owner while development works (shared ownership): whoever owned the
 * case last before it went towards development — not a triage engineer who held it on the way —
 * else its secondary owner (in seed 002 the consultant who opened it), else whoever asked for the
 * triage hand-off (or, with no triage on the way, the hand-off into development).
 */
export function supportOwnerOf(c: {
  /** Completed transfers, most recent first; the one into development among them. */
  transfers: readonly EarlierTransfer[];
  secondaryOwnerId: string | null;
  triageQueue: string | undefined;
  developmentQueues: readonly string[];
}): string | null {
  const onTheWay = (queue: string | null) =>
    queue !== null && (queue === c.triageQueue || c.developmentQueues.includes(queue));
  const owner = c.transfers.find((t) => t.fromOwnerId !== null && !onTheWay(t.fromQueue));
  if (owner?.fromOwnerId) return owner.fromOwnerId;
  if (c.secondaryOwnerId) return c.secondaryOwnerId;
  const intoTriage = c.transfers.find(
    (t) => c.triageQueue !== undefined && t.targetQueue === c.triageQueue,
  );
  return intoTriage?.requestedBy ?? c.transfers[0]?.requestedBy ?? null;
}
