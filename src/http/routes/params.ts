import { z } from "zod";

export const caseNumberParams = z.strictObject({
  number: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .describe("The case number"),
});

export const pageQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const person = z.object({ id: z.string(), name: z.string() }).nullable();
