import { notFound, ruleBroken } from "../errors.ts";
import { DISTRIBUTIONS, type Distribution, isDistribution } from "../routing/methods.ts";
import type { Policy, Queue } from "./schema.ts";

export type DistributionChange =
  | { changed: false; queue: Queue }
  | {
      changed: true;
      queue: Queue;
      /** The whole policy with only this queue's method changed: the next version's document. */
      policy: Policy;
      from: Distribution;
      to: Distribution;
    };

/** The method as Baton knows it; anything else is refused naming the field. */
export function distributionNamed(value: string): Distribution {
  if (isDistribution(value)) return value;
  throw ruleBroken(
    "unknown_distribution",
    `distribution: must be one of ${DISTRIBUTIONS.join(", ")}`,
    "distribution",
  );
}

export function queueNamed(policy: Policy, code: string): Queue {
  const queue = policy.queues.find((q) => q.code === code);
  if (!queue) throw notFound(`Queue ${code}`);
  return queue;
}

/** How one queue hands out cases from now on; the same method again changes nothing. */
export function changeQueueDistribution(
  policy: Policy,
  code: string,
  to: Distribution,
): DistributionChange {
  const queue = queueNamed(policy, code);
  if (queue.distribution === to) return { changed: false, queue };
  // A stored policy is shared frozen between requests (loaders/workspaces.ts): copy, never edit.
  const next = structuredClone(policy);
  next.queues = next.queues.map((q) => (q.code === code ? { ...q, distribution: to } : q));
  const changed = next.queues.find((q) => q.code === code) ?? queue;
  return { changed: true, queue: changed, policy: next, from: queue.distribution, to };
}
