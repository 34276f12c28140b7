import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { CASE_STATUSES } from "../../domain/case-status.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { oneByOne } from "../../domain/one-by-one.ts";
import { code } from "../../domain/text.ts";
import { updateCase } from "./updateCase.ts";

/** What a bulk edit may change: the fields a list's selection is worked on with. */
export const bulkCaseChange = z
  .strictObject({
    status: z.enum(CASE_STATUSES).optional().describe("closed closes the cases"),
    severity: code.optional(),
    priority: code.optional(),
    ownerId: z.uuid().nullable().optional().describe("The new owner, where the policy allows"),
    queue: code.optional(),
    confirmOpenChildren: z
      .boolean()
      .optional()
      .describe("Resolve or close although cases opened from them are still open"),
  })
  .refine((v) => Object.keys(v).some((k) => k !== "confirmOpenChildren"), {
    message: "name at least one field to change",
  });

export const bulkUpdateCasesInput = z.strictObject({
  cases: z
    .array(
      z.strictObject({
        number: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
        version: rowVersion,
      }),
    )
    .min(1, "name at least one case")
    .max(100, "at most 100 cases at once")
    .refine((list) => new Set(list.map((c) => c.number)).size === list.length, {
      message: "names a case twice",
    }),
  change: bulkCaseChange,
});

export type BulkUpdateCasesInput = z.infer<typeof bulkUpdateCasesInput>;

/**
 * The same change to each case as if made one by one: each is authorized, version-checked and
 * written in its own transaction, and succeeds or fails on its own with its reason (as bulk
 * transfer, S3.4). A refusal of one case stops nothing.
 */
export async function updateCasesInBulk(db: Db, actor: Actor, input: BulkUpdateCasesInput) {
  return oneByOne(
    input.cases,
    async (c) => {
      await updateCase(db, actor, c.number, { ...input.change, version: c.version });
      return {};
    },
    {},
  );
}
