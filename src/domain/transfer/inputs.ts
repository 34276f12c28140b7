// The shapes of transfer requests and decisions as the API takes them: pure zod, shared by the
// routes, the plan that reads them and the use cases.
import { z } from "zod";
import { CASE_STATUSES } from "../case-status.ts";
import { rowVersion } from "../numbers.ts";
import { code, isoDateTime, safeText, slug } from "../text.ts";

export const version = z
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .describe("The transfer version you read");

export const decideInput = z.strictObject({ version, note: safeText(5_000).optional() });

export type DecideInput = z.infer<typeof decideInput>;

export const transferTargetInput = z
  .strictObject({
    agentId: z.uuid().optional(),
    queue: code.optional(),
    region: code.optional(),
    workspace: slug
      .optional()
      .describe("Another workspace (another instance), where both allow it"),
    autoAssign: z
      .boolean()
      .default(false)
      .describe("Let the queue's distribution method pick the agent (queues that auto-assign)"),
  })
  .describe("An agent, a queue (optionally a region's), or another workspace");

export const requestTransferInput = z.strictObject({
  version: rowVersion.describe("The case version you read"),
  kind: code,
  target: transferTargetInput,
  reason: code,
  reasonText: safeText(2_000).optional(),
  fields: z.record(code, safeText(20_000)).default({}),
  confirmations: z.strictObject({ customerNeedsNextShift: z.boolean().optional() }).default({}),
  newPriority: code.optional(),
  newBrand: code.optional().describe("The brand the case moves to"),
  newStatus: z.enum(CASE_STATUSES).optional(),
  pin: z.boolean().default(false),
  pinUntil: isoDateTime.optional(),
  comment: safeText(5_000).default(""),
});

export type RequestTransferInput = z.infer<typeof requestTransferInput>;
