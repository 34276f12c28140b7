import { z } from "zod";
import { slug } from "../text.ts";

/** A version as read: what every change to a plan or one of its cases is checked against. */
export const leaveVersion = z
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .describe("The version you read");

/** Which plan a change is about, and the version read of it. */
export const leavePlanRef = z.strictObject({
  workspace: slug,
  id: z.uuid(),
  version: leaveVersion,
});
