import { z } from "zod";
import { ROLE_IDS } from "../permissions.ts";

/**
 * Going off queue for a few hours to clear a backlog (S4.6). Where the organisation says it needs
 * the shift lead's approval ("ONCE APPROVED"), an agent asks and an approver decides; otherwise
 * agents set it themselves. Either way it ends on time by itself.
 */
export const offQueueSchema = z.strictObject({
  needsApproval: z
    .boolean()
    .default(false)
    .describe("Agents ask to go off queue and an approver decides"),
  approverRoles: z
    .array(z.enum(ROLE_IDS))
    .min(1)
    .max(ROLE_IDS.length)
    .default(["shift_lead", "supervisor", "admin"])
    .describe("Roles that approve off-queue requests (and may go off queue without asking)"),
  maxHours: z
    .number()
    .int()
    .min(1)
    .max(24)
    .default(4)
    .describe("The longest an agent may be off queue at once, in hours"),
});

export type OffQueuePolicy = z.infer<typeof offQueueSchema>;

export const DEFAULT_OFF_QUEUE: OffQueuePolicy = {
  needsApproval: false,
  approverRoles: ["shift_lead", "supervisor", "admin"],
  maxHours: 4,
};
