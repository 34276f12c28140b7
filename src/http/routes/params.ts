import { z } from "zod";
import { rowVersion } from "../../domain/numbers.ts";

export const caseNumberParams = z.strictObject({
  // Digits only: Number() would also read "0x10" and "1e3" as case numbers.
  number: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a case number")
    .transform(Number)
    .describe("The case number"),
});

export const pageQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const person = z.object({ id: z.string(), name: z.string() }).nullable();

/** A delete's `?version=`: the version the caller read; a stale one is refused with 409. */
export const versionQuery = z.strictObject({
  version: z.coerce
    .number("must be the version you read")
    .pipe(rowVersion)
    .describe("The version you read; a stale one is refused with 409"),
});
