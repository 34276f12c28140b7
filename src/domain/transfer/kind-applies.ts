import type { TransferKind } from "./kind-schema.ts";

/** Why a kind does not apply to this case at all (S1.1 queue scope, 24x7 or not). */
export function kindMismatch(
  kind: Pick<TransferKind, "fromQueues" | "only24x7">,
  kase: { queue: string; is24x7: boolean },
): string | undefined {
  if (kind.fromQueues.length && !kind.fromQueues.includes(kase.queue))
    return `applies only to cases in ${kind.fromQueues.join(", ")}`;
  if (kind.only24x7 === true && !kase.is24x7) return "applies only to 24x7 cases";
  if (kind.only24x7 === false && kase.is24x7) return "applies only to cases without 24x7";
  return undefined;
}
