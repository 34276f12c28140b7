import { z } from "zod";

/**
 * The answer of a bulk request: each case succeeds or fails on its own (S3.4), with what a
 * success gave (`outcome`) or why it failed.
 */
export function bulkResult<Outcome extends z.ZodRawShape>(outcome: Outcome) {
  return z.object({
    succeeded: z.number(),
    failed: z.number(),
    results: z.array(
      z.object({
        number: z.number(),
        ok: z.boolean(),
        ...outcome,
        error: z.object({ code: z.string(), detail: z.string() }).nullable(),
      }),
    ),
  });
}
