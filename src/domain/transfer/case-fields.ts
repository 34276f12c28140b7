import type { Policy } from "../policy/schema.ts";
import type { TransferKind } from "./kind-schema.ts";

/** The case fields a transfer's answers may fill. */
export interface CaseFieldUpdates {
  stepsToReproduce?: string;
  product?: string;
}

/**
 * A template field pre-filled from a case field is that field, asked again where the transfer
 * needs it (S2.5: Steps to Reproduce and the product before triage). What the person answers
 * there becomes the case's value, so it is entered once and the guards see it. A product answer
 * counts when it names one of the workspace's products (by code or name, any letter case); other
 * text leaves the case's product as it is, and the triage guard says what is missing.
 */
export function caseFieldsFromAnswers(
  kind: TransferKind,
  answers: Record<string, string>,
  kase: { stepsToReproduce: string; product: string | null },
  policy: Policy,
): CaseFieldUpdates {
  const updates: CaseFieldUpdates = {};
  for (const field of kind.template) {
    const value = answers[field.key]?.trim();
    if (!value) continue;
    if (field.prefill === "steps_to_reproduce" && value !== kase.stepsToReproduce.trim())
      updates.stepsToReproduce = value;
    if (field.prefill === "product") {
      const wanted = value.toLowerCase();
      const product = policy.products.find(
        (p) => p.code.toLowerCase() === wanted || p.name.toLowerCase() === wanted,
      );
      if (product && product.code !== kase.product) updates.product = product.code;
    }
  }
  return updates;
}
