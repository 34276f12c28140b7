import { z } from "zod";
import { CASE_STATUSES, OPEN_STATUSES } from "./case-status.ts";
import type { Policy } from "./policy/schema.ts";
import { code, lineText } from "./text.ts";

// The filters of a case list, in one place: the list query (GET /cases), the counts and the
// saved views are all built from these fields, so a view stores exactly what a list accepts.

const statusList = z
  .string()
  .max(200)
  .refine(
    (v) =>
      v.split(",").every((s) => s === "open" || (CASE_STATUSES as readonly string[]).includes(s)),
    `must be "open" or a comma-separated list of ${CASE_STATUSES.join(", ")}`,
  );

export const caseFilterFields = {
  owner: z
    .union([z.literal("me"), z.literal("none"), z.uuid()])
    .optional()
    .describe('"me", "none" (unassigned) or an agent id'),
  queue: code.optional(),
  status: statusList.optional().describe('"open", or e.g. new,active'),
  region: code.optional(),
  severity: code.optional(),
  is24x7: z.enum(["true", "false"]).optional(),
  q: lineText(200)
    .optional()
    .describe(
      "Words to find in the subject, description, notes, customer's and contact's names and email addresses (docs/search.md)",
    ),
};

/** A list's filters without paging or order: what a count or a saved view holds. */
export const caseFilters = z.strictObject(caseFilterFields);
export type CaseFilters = z.infer<typeof caseFilters>;

/** The statuses a status filter stands for ("open" is every status not yet resolved). */
export const statusesOf = (status: string): string[] => [
  ...new Set(status.split(",").flatMap((s) => (s === "open" ? [...OPEN_STATUSES] : [s]))),
];

/**
 * Filters naming a queue, severity or region the policy no longer has, in Baton's words: a view
 * saved before the policy changed still opens (it simply matches fewer cases) and says why.
 */
export function filtersGone(filters: CaseFilters, policy: Policy): string[] {
  const gone: string[] = [];
  const lists = [
    ["queue", filters.queue, policy.queues],
    ["severity", filters.severity, policy.severities],
    ["region", filters.region, policy.regions],
  ] as const;
  for (const [field, value, known] of lists)
    if (value !== undefined && !known.some((k) => k.code === value))
      gone.push(`${field} ${value} is no longer in the workspace's policy`);
  return gone;
}
