import { z } from "zod";
import { ROLE_IDS } from "../permissions.ts";

/** What the policy may ask of someone before their leave starts (S4.11, S1.6). */
export const LEAVE_CHECKS = ["out_of_office", "call_diversion"] as const;
export type LeaveCheck = (typeof LEAVE_CHECKS)[number];

/**
 * Planned leave (S4.4): the cases an absent agent holds are handed off before they go, case by
 * case with the approvers' word, and what the organisation asks before leaving is checked.
 */
export const leaveSchema = z.strictObject({
  requires: z
    .array(z.enum(LEAVE_CHECKS))
    .max(LEAVE_CHECKS.length)
    .default(["out_of_office"])
    .describe("What must be done before leave starts: out-of-office reply, call diversion"),
  approverRoles: z
    .array(z.enum(ROLE_IDS))
    .min(1)
    .max(ROLE_IDS.length)
    .default(["shift_lead", "supervisor", "admin"])
    .describe("Roles that approve leave hand-offs and hear of cases left open when leave starts"),
});

export type LeavePolicy = z.infer<typeof leaveSchema>;

export const DEFAULT_LEAVE: LeavePolicy = {
  requires: ["out_of_office"],
  approverRoles: ["shift_lead", "supervisor", "admin"],
};

export const CHECK_WORDS: Record<LeaveCheck, string> = {
  out_of_office: "out-of-office reply set",
  call_diversion: "call diversion set",
};
