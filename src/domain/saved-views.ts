import { z } from "zod";
import { caseFilters, filtersGone } from "./case-filters.ts";
import type { FieldIssue } from "./errors.ts";
import type { Policy } from "./policy/schema.ts";

/**
 * Who sees a saved view: its owner alone, the members of one queue, or everyone in the workspace.
 * Queues are how Baton groups people for work (a membership's queues); a region is where people
 * sit, not whose cases they share, so a region is a filter of a view rather than its audience.
 */
export const VIEW_SHARES = ["personal", "queue", "workspace"] as const;
export type ViewShare = (typeof VIEW_SHARES)[number];

/** The list's orders: the server's own (last change, due soonest) and the loaded rows'. */
export const VIEW_SORT_KEYS = ["updated", "number", "severity", "due", "relevance"] as const;

export const viewSort = z.strictObject({
  key: z.enum(VIEW_SORT_KEYS, `must be one of ${VIEW_SORT_KEYS.join(", ")}`),
  dir: z.enum(["asc", "desc"], 'must be "asc" or "desc"'),
});

export const DEFAULT_VIEW_SORT = { key: "updated", dir: "desc" } as const;

/** What a view shows: the list's filters, as GET /cases takes them, and its order. */
export const viewDefinition = z.strictObject({
  filters: caseFilters.describe('The list\'s filters as GET /cases takes them; "me" is the viewer'),
  sort: viewSort.default(DEFAULT_VIEW_SORT),
});
export type ViewDefinition = z.infer<typeof viewDefinition>;

export const VIEW_NAME_MAX = 80;

/**
 * A stored definition as the list reads it. One the schema no longer takes (written before a
 * change of the filters) still opens, showing every case, and says what was dropped.
 */
export function readDefinition(stored: unknown): { definition: ViewDefinition; gone: string[] } {
  const parsed = viewDefinition.safeParse(stored);
  if (parsed.success) return { definition: parsed.data, gone: [] };
  return {
    definition: { filters: {}, sort: DEFAULT_VIEW_SORT },
    gone: [
      "its filters are no longer ones Baton reads; it shows every case until it is saved again",
    ],
  };
}

/** What is wrong with a view's name and audience, field by field; empty when it may be saved. */
export function viewIssues(
  view: { name?: string; share?: ViewShare; queue?: string | null },
  policy: Policy,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (view.name !== undefined && view.name.trim() === "")
    issues.push({ field: "name", message: "must not be blank" });
  if (view.share === "queue") {
    if (!view.queue)
      issues.push({ field: "queue", message: "is required when the view is shared with a queue" });
    else if (!policy.queues.some((q) => q.code === view.queue))
      issues.push({ field: "queue", message: `${view.queue} is not a queue of this workspace` });
  } else if (view.share !== undefined && view.queue)
    issues.push({ field: "queue", message: "is only for a view shared with a queue" });
  return issues;
}

/** Why a view shows fewer cases than it was saved for, in Baton's words. */
export const viewProblems = (definition: ViewDefinition, gone: string[], policy: Policy) => [
  ...gone,
  ...filtersGone(definition.filters, policy),
];

/** What a view's events carry: enough for the audit trail to say who shared what with whom. */
export const viewEventData = (v: {
  name: string;
  share: ViewShare;
  queue: string | null;
  ownerId: string | null;
  version: number;
  definition: unknown;
}) => ({
  name: v.name,
  share: v.share,
  queue: v.queue,
  ownerId: v.ownerId,
  version: v.version,
  ...(v.share === "personal" ? {} : { definition: v.definition }),
});
