import type { transfers } from "../db/schema.ts";
import type { TransferFacts } from "../domain/transfer/abilities.ts";
import type { TransferStep } from "../domain/transfer/kind-schema.ts";
import type { StepRecord, TransferState } from "../domain/transfer/machine.ts";

/** The facts `transferAbilities` decides on, from the rows in hand. */
export function transferFacts(t: TransferRow, caseOwnerId: string | null): TransferFacts {
  return {
    state: t.state as TransferState,
    requestedBy: t.requestedBy,
    targetAgentId: t.targetAgentId,
    caseOwnerId,
    fromOwnerId: t.fromOwnerId,
    targetRegion: t.targetRegion,
    requiredSteps: t.requiredSteps as TransferStep[],
    steps: t.steps as StepRecord[],
    warnings: t.warnings as { id: string; outcome: string }[],
  };
}

export type TransferRow = typeof transfers.$inferSelect;
