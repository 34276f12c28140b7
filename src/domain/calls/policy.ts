import { z } from "zod";
import { ROLE_IDS } from "../permissions.ts";

/**
 * Scheduled customer calls (S4.3, "attend all customer calls on time"): how long before a call
 * its runner is reminded, how long after its end an unlogged call counts as missed, and who
 * besides the runner and the case owner hears of a missed one.
 */
export const callsSchema = z.strictObject({
  reminderMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15)
    .describe(
      "Minutes before a call its runner is reminded, in-app and by email (0: at the start)",
    ),
  missedGraceMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15)
    .describe("Minutes after a call's planned end before an unlogged call is marked missed"),
  missedNotifyRoles: z
    .array(z.enum(ROLE_IDS))
    .max(ROLE_IDS.length)
    .optional()
    .describe("Roles told of a missed call (the shift leads); the off-queue approvers when unset"),
});

export type CallsPolicy = z.infer<typeof callsSchema>;

export const DEFAULT_CALLS: CallsPolicy = { reminderMinutes: 15, missedGraceMinutes: 15 };
