import { z } from "zod";
import type { GuardOutcome } from "../../domain/transfer/guards.ts";
import {
  PREFILL_SOURCES,
  TARGET_TYPES,
  TRANSFER_STEPS,
} from "../../domain/transfer/kind-schema.ts";
import { TRANSFER_STATES } from "../../domain/transfer/machine.ts";
import { bulkResult } from "./bulk-schemas.ts";
import { person } from "./params.ts";

// What the transfer routes answer. The routes serialize with these schemas (keys not named here
// are dropped), the OpenAPI document shows them, and the web app takes its types from them.

const GUARD_OUTCOMES = ["block", "warn", "require_approval"] as const satisfies GuardOutcome[];

export const transferStep = z.enum(TRANSFER_STEPS);
export const transferTargetType = z.enum(TARGET_TYPES);
export const transferState = z.enum(TRANSFER_STATES);

export const guardFinding = z.object({
  id: z.string(),
  outcome: z.enum(GUARD_OUTCOMES),
  message: z.string(),
});

/** What a transfer generated: the texts named here, and whatever else the kind renders. */
export const transferArtifacts = z
  .object({
    titlePrefix: z.string().nullable().optional(),
    internalTitle: z.string().nullable().optional(),
    dispatchSubject: z.string().nullable().optional(),
    channelEntry: z.string().nullable().optional(),
    handoverNote: z.string().nullable().optional(),
    targetLabel: z.string().nullable().optional(),
  })
  .catchall(z.string().nullable());

export const transferStepRecord = z.object({
  step: transferStep,
  by: person,
  at: z.string(),
  note: z.string().optional(),
  how: z.string().optional(),
});

export const transferView = z.object({
  id: z.string(),
  caseNumber: z.number(),
  caseSubject: z.string(),
  caseSeverity: z.string(),
  workspace: z.string(),
  kind: z.string(),
  kindName: z.string(),
  state: transferState,
  requestedBy: person,
  from: z.object({ owner: person, queue: z.string() }),
  target: z.object({
    type: transferTargetType,
    agent: person,
    queue: z.string().nullable(),
    region: z.string().nullable(),
    label: z.string(),
  }),
  reason: z.string(),
  reasonLabel: z.string(),
  reasonText: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  requiredSteps: z.array(transferStep),
  steps: z.array(transferStepRecord),
  nextStep: transferStep.nullable(),
  warnings: z.array(guardFinding),
  artifacts: transferArtifacts,
  newPriority: z.string().nullable(),
  newBrand: z.string().nullable(),
  newStatus: z.string(),
  pin: z.boolean(),
  pinUntil: z.string().nullable(),
  comment: z.string(),
  decidedBy: person,
  decisionNote: z.string().nullable(),
  expiresAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  actions: z
    .array(z.string())
    .describe(
      "What the caller may do next: approve, reject, accept, decline, withdraw, step:<step>",
    ),
});

export const transferList = z.object({ items: z.array(transferView) });

export const transferPreview = z.object({
  kind: z.string(),
  target: z.string(),
  requiredSteps: z.array(transferStep),
  note: z.string(),
  artifacts: transferArtifacts,
  fields: z.record(z.string(), z.string()),
  missingFields: z.array(z.object({ field: z.string(), message: z.string() })),
  guards: z.array(guardFinding),
  blocked: z.boolean(),
});

export const transferReason = z.object({
  code: z.string(),
  label: z.string(),
  requiresText: z.boolean(),
  isLeave: z.boolean(),
  customerChoosesRegion: z
    .boolean()
    .describe("The customer picked the region: the next-region rule of follow the sun yields"),
});

export const templateFieldOption = z.object({
  key: z.string(),
  label: z.string(),
  help: z.string(),
  kind: z.enum(["text", "textarea", "yesno", "choice"]),
  choices: z.array(z.string()).optional(),
  required: z.boolean(),
  prefill: z.enum(PREFILL_SOURCES).optional(),
  value: z.string().describe("Pre-filled from what Baton knows about the case"),
});

export const transferKindOption = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  available: z.boolean(),
  unavailableBecause: z.string().nullable(),
  targets: z.array(transferTargetType),
  toQueues: z.array(z.string()),
  region: z.enum(["same", "other", "any"]),
  reasons: z.array(transferReason),
  template: z.array(templateFieldOption),
  steps: z.array(transferStep),
  approverRoles: z.array(z.string()),
  guards: z.array(z.string()),
  needsRegion: z.boolean().describe("Queue targets need a region the requester names"),
  asks24x7Confirmation: z.boolean(),
  blockers: z.array(z.object({ targetType: transferTargetType, guards: z.array(guardFinding) })),
});

export const getTransferOptions = z.object({
  caseNumber: z.number(),
  version: z.number().describe("The case version a request must carry"),
  handoffCount: z.number(),
  openTransferId: z.string().nullable(),
  kinds: z.array(transferKindOption),
});

export const bulkTransferResult = bulkResult({
  transferId: z.string().nullable(),
  state: transferState.nullable(),
});

export type TransferView = z.infer<typeof transferView>;
export type TransferList = z.infer<typeof transferList>;
export type TransferPreview = z.infer<typeof transferPreview>;
export type TransferArtifacts = z.infer<typeof transferArtifacts>;
export type TransferStepRecord = z.infer<typeof transferStepRecord>;
export type GuardFinding = z.infer<typeof guardFinding>;
export type TransferReason = z.infer<typeof transferReason>;
export type TemplateFieldOption = z.infer<typeof templateFieldOption>;
export type TransferKindOption = z.infer<typeof transferKindOption>;
export type TransferOptions = z.infer<typeof getTransferOptions>;
export type BulkTransferResult = z.infer<typeof bulkTransferResult>;
