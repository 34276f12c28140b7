import { z } from "zod";
import { CALL_ACTIONS, CALL_STATES } from "../../domain/calls/calls.ts";

// What the scheduled-call routes answer (S4.3); the web app's types are these.

const person = z.object({ id: z.string(), name: z.string() });

export const callItem = z.object({
  id: z.string(),
  case: z.object({ number: z.number().int(), subject: z.string() }),
  startsAt: z.string().describe("An ISO instant; show it in both `zones`"),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  attendee: z.string().describe("Who on the customer's side"),
  link: z.string().nullable(),
  agenda: z.string(),
  state: z.enum(CALL_STATES),
  runner: person.describe("Who on our side runs the call"),
  scheduledBy: person,
  zones: z.object({
    customer: z.string().nullable().describe("The contact's time zone, else the customer's"),
    agent: z.string().describe("The runner's time zone"),
  }),
  remindedAt: z.string().nullable(),
  missedAt: z.string().nullable(),
  heldActivityId: z.number().int().nullable().describe("The call's entry on the case timeline"),
  version: z.number().int(),
  createdAt: z.string(),
  actions: z
    .object(
      Object.fromEntries(CALL_ACTIONS.map((a) => [a, z.boolean()])) as Record<
        (typeof CALL_ACTIONS)[number],
        z.ZodBoolean
      >,
    )
    .describe("What the viewer may do with it now"),
});

export const caseCallList = z.object({
  items: z.array(callItem),
  maySchedule: z.boolean().describe("The viewer may schedule a call on this case"),
});

export const myCallList = z.object({
  day: z.string().describe("The viewer's calendar day, YYYY-MM-DD"),
  timeZone: z.string().describe("The viewer's zone, whose day it is"),
  from: z.string(),
  to: z.string(),
  items: z.array(callItem),
});

export type CallItemAnswer = z.infer<typeof callItem>;
export type CaseCallListAnswer = z.infer<typeof caseCallList>;
export type MyCallListAnswer = z.infer<typeof myCallList>;
