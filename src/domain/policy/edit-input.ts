import { z } from "zod";
import { lineText } from "../text.ts";

// Fields shared by the requests that write a policy version (replace, import, roll back).

export const policyVersionField = z
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .describe("The policy version you read; a newer one answers 409");

export const policySummaryField = lineText(500, 0)
  .optional()
  .describe("What changed and why, in a line; the version history shows it");

export const policyDocumentField = z
  .record(z.string(), z.unknown())
  .describe("The whole policy document, exactly as `baton policy validate` accepts it");
