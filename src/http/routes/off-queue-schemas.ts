import { z } from "zod";
import { OFF_QUEUE_ACTIONS, OFF_QUEUE_STATES } from "../../domain/off-queue/requests.ts";

// What the off-queue routes answer (S4.6); the web app's types are these.

const person = z.object({ id: z.string(), name: z.string() });

export const offQueueRequest = z.object({
  id: z.string(),
  agent: person,
  reason: z.string(),
  hours: z.number().int(),
  state: z.enum(OFF_QUEUE_STATES),
  startedAt: z.string().nullable().describe("When the time off queue began (approval)"),
  until: z.string().nullable().describe("When it ends by itself"),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  endedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  actions: z
    .object(
      Object.fromEntries(OFF_QUEUE_ACTIONS.map((a) => [a, z.boolean()])) as Record<
        (typeof OFF_QUEUE_ACTIONS)[number],
        z.ZodBoolean
      >,
    )
    .describe("What the viewer may do with it now"),
});

export const offQueueList = z.object({
  items: z.array(offQueueRequest),
  viewer: z.object({
    mayAsk: z.boolean().describe("No request of the viewer's waits or runs, so they may ask"),
    approver: z.boolean().describe("Decides others' requests, and sees them all"),
    needsApproval: z.boolean().describe("The viewer's own request waits for an approver"),
    maxHours: z.number().int(),
  }),
});

export type OffQueueRequestAnswer = z.infer<typeof offQueueRequest>;
export type OffQueueListAnswer = z.infer<typeof offQueueList>;
