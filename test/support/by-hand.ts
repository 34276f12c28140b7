import type { PolicyInput } from "../../src/domain/policy/schema.ts";

/** A preset whose queues all assign by hand: for tests about transfers, not routing. */
export function byHand<P extends PolicyInput>(policy: P): P {
  const copy = structuredClone(policy);
  for (const q of copy.queues) q.distribution = "manual";
  return copy;
}
