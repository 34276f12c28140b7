import { z } from "zod";

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
