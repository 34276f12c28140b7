import { z } from "zod";
import { ROLE_IDS } from "../permissions.ts";

/**
 * A new case opened from an existing one: the customer reported a second issue, or came back
 * with a new issue on a very old case (S4.9). Where the organisation wants the shift lead to say
 * yes first, the agent asks and an approver decides; otherwise the case is opened at once.
 */
export const childCasesSchema = z.strictObject({
  needsApproval: z
    .boolean()
    .default(false)
    .describe("Agents ask before opening a new case from an existing one; an approver decides"),
  approverRoles: z
    .array(z.enum(ROLE_IDS))
    .min(1)
    .max(ROLE_IDS.length)
    .default(["shift_lead", "supervisor", "admin"])
    .describe("Roles that approve new cases from existing ones (and open them without asking)"),
});

export type ChildCasesPolicy = z.infer<typeof childCasesSchema>;

export const DEFAULT_CHILD_CASES: ChildCasesPolicy = {
  needsApproval: false,
  approverRoles: ["shift_lead", "supervisor", "admin"],
};
