import { z } from "zod";
import { ROLE_IDS } from "../permissions.ts";
import { code } from "../text.ts";

const minutes = z.number().int().positive().max(1_000_000);

/**
 * One row of the SLA table: the targets for cases it matches. A row names any of severity, plan
 * and 24x7; the row naming most of them that matches a case wins, the first of equals. Targets a
 * row leaves out come from the severity (`firstResponseMinutes`, `updateEveryMinutes`).
 */
export const slaTargetSchema = z.strictObject({
  severity: code.optional(),
  plan: code.optional(),
  is24x7: z.boolean().optional(),
  firstResponseMinutes: minutes.optional().describe("From opening (or transfer) to a public reply"),
  nextUpdateMinutes: minutes.optional().describe("From a public reply to the next one"),
  resolutionMinutes: minutes.optional().describe("From opening to resolved"),
});

export const SLA_CALENDARS = ["24x7", "owner_region", "case_region", "customer"] as const;
export type SlaCalendarChoice = (typeof SLA_CALENDARS)[number];

export const RETURN_TO = ["queue", "next_agent", "shift_lead"] as const;
export type ReturnTo = (typeof RETURN_TO)[number];

export const slaSchema = z.strictObject({
  targets: z.array(slaTargetSchema).max(500).default([]),
  /**
   * Which hours count: around the clock, or the business hours (with holidays) of the owner's
   * region, the case's region, or the customer's. 24x7 cases always count around the clock.
   */
  calendar: z.enum(SLA_CALENDARS).default("24x7"),
  pauseWhileAwaitingCustomer: z
    .boolean()
    .default(true)
    .describe("Clocks stop while the case waits on the customer"),
  warnBeforeMinutes: minutes.default(30).describe("How long before a deadline its warning comes"),
  idleLimitMinutes: minutes
    .optional()
    .describe("A case nobody touched this long is overdue (a backlog never idles)"),
  /** Who hears of a breach besides the owner: the case is raised to these roles. */
  breachRoles: z.array(z.enum(ROLE_IDS)).max(ROLE_IDS.length).default([]),
  /** An auto-assigned case without a first response this long goes back, as `to` says. */
  returnTimer: z.strictObject({ afterMinutes: minutes, to: z.enum(RETURN_TO) }).optional(),
});

export type SlaPolicy = z.infer<typeof slaSchema>;
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const DEFAULT_SLA: SlaPolicy = slaSchema.parse({});
