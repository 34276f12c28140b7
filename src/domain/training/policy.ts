import { z } from "zod";
import { ROLE_IDS } from "../permissions.ts";

/**
 * Sessions customers or the success team ask of support (S4.12): an agent may jump on a call that
 * fits in half an hour; a training that takes longer is the shift lead's call.
 */
export const trainingSchema = z.strictObject({
  agentMayAcceptUpToMinutes: z
    .number()
    .int()
    .min(0)
    .max(480)
    .default(30)
    .describe("The longest training an agent may take up without the shift lead, in minutes"),
  approverRoles: z
    .array(z.enum(ROLE_IDS))
    .min(1)
    .max(ROLE_IDS.length)
    .default(["shift_lead", "supervisor", "admin"])
    .describe("Roles that approve or decline longer trainings (and see every request on the desk)"),
});

export type TrainingPolicy = z.infer<typeof trainingSchema>;

export const DEFAULT_TRAINING: TrainingPolicy = {
  agentMayAcceptUpToMinutes: 30,
  approverRoles: ["shift_lead", "supervisor", "admin"],
};
