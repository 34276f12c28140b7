import { z } from "zod";
import { caseFilters } from "../../domain/case-filters.ts";
import { VIEW_SHARES, viewSort } from "../../domain/saved-views.ts";

// What the saved view and count routes answer; the web app's types are these.

export const savedView = z.object({
  id: z.string(),
  name: z.string(),
  share: z.enum(VIEW_SHARES),
  queue: z.string().nullable().describe("The queue whose members see it, when share is queue"),
  filters: caseFilters,
  sort: viewSort,
  position: z.number(),
  version: z.number(),
  problems: z
    .array(z.string())
    .describe("Why it shows fewer cases than when saved: a queue or severity the policy dropped"),
  can: z
    .object({
      edit: z.boolean().describe("May rename it or change its filters"),
      delete: z.boolean(),
      share: z.boolean().describe("May share it with a queue or the workspace"),
    })
    .describe("What the caller may do with it"),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const savedViewList = z.object({ items: z.array(savedView) });

export const caseCount = z.object({
  key: z.string(),
  count: z.number().describe("Exact up to 10000; 10000 when capped"),
  capped: z.boolean().describe("More than 10000 cases: counting stopped there"),
  text: z.string().describe('The count as shown: "42", or "10000+" when capped'),
});

export const caseCounts = z.object({ items: z.array(caseCount) });

export type SavedView = z.infer<typeof savedView>;
export type SavedViewList = z.infer<typeof savedViewList>;
export type CaseCount = z.infer<typeof caseCount>;
export type CaseCounts = z.infer<typeof caseCounts>;
