import type { TransferStep } from "../domain/transfer/kind-schema.ts";
import { type TransferPlan, templateProblems } from "../loaders/transfer-plan.ts";

export interface TransferPreview {
  kind: string;
  target: string;
  requiredSteps: TransferStep[];
  note: string;
  artifacts: TransferPlan["artifacts"];
  fields: Record<string, string>;
  missingFields: { field: string; message: string }[];
  guards: TransferPlan["findings"];
  blocked: boolean;
}

export function previewOf(plan: TransferPlan): TransferPreview {
  const missing = templateProblems(plan);
  return {
    kind: plan.kind.code,
    target: plan.target.label,
    requiredSteps: plan.required,
    note: plan.note,
    artifacts: plan.artifacts,
    fields: plan.values,
    missingFields: missing,
    guards: plan.findings,
    blocked: missing.length > 0 || plan.findings.some((f) => f.outcome === "block"),
  };
}
