import { z } from "zod";
import { auditItem, page } from "./case-schemas.ts";
import { person } from "./params.ts";

// What the policy editing routes answer; the web app's types are these.

export const policyChange = z.object({
  path: z
    .string()
    .describe("Where in the document, dotted; listed things by their code: queues.billing.name"),
  kind: z.enum(["added", "removed", "changed"]),
  from: z.unknown().describe("The value before (null when added)"),
  to: z.unknown().describe("The value after (null when removed)"),
});

export const policyPublished = z.object({
  workspace: z.string(),
  version: z.number().describe("The current version after the request"),
  changed: z.boolean().describe("False when the document was the same: no version was written"),
  changes: z.array(policyChange),
});

export const policyPreview = z.object({
  workspace: z.string(),
  version: z.number().describe("The current version the changes are against"),
  changed: z.boolean(),
  changes: z.array(policyChange),
});

export const policyVersionItem = z.object({
  version: z.number(),
  by: person.describe("Who published it; null for the preset and the command line"),
  at: z.string(),
  summary: z.string().nullable().describe("What they said about the change"),
  restoredFrom: z.number().nullable().describe("The earlier version this one restores"),
  current: z.boolean(),
});

export const policyVersionList = z.object({
  workspace: z.string(),
  current: z.number(),
  items: z.array(policyVersionItem),
  nextCursor: z.string().nullable(),
});

export const policyVersionDetail = policyVersionItem.extend({
  workspace: z.string(),
  document: z.record(z.string(), z.unknown()).describe("The document exactly as stored"),
  restorable: z.boolean().describe("Today's rules still accept it, so it may be restored"),
  issues: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .describe("Why today's rules refuse it, by field"),
});

export const policyDiffAnswer = z.object({
  workspace: z.string(),
  from: z.number(),
  to: z.number(),
  changes: z.array(policyChange),
});

export const workspaceAuditPage = page(auditItem);

export type PolicyChange = z.infer<typeof policyChange>;
export type PolicyPublished = z.infer<typeof policyPublished>;
export type PolicyPreview = z.infer<typeof policyPreview>;
export type PolicyVersionItem = z.infer<typeof policyVersionItem>;
export type PolicyVersionList = z.infer<typeof policyVersionList>;
export type PolicyVersionDetail = z.infer<typeof policyVersionDetail>;
export type PolicyDiffAnswer = z.infer<typeof policyDiffAnswer>;
