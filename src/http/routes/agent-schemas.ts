import { z } from "zod";

// What the agent routes answer; the web app's Agent type is this.

export const agent = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  handle: z.string().describe("Mention with @handle in notes"),
  timeZone: z.string(),
  role: z.string(),
  region: z.string().nullable(),
  queues: z.array(z.string()),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  capacity: z.number(),
  workingHours: z
    .record(z.string(), z.array(z.object({ start: z.string(), end: z.string() })))
    .nullable()
    .describe("Weekly hours in the agent's zone; null: the region's business hours"),
  handoverSme: z.boolean().describe("Attends the region's handover meetings"),
  availability: z.object({
    status: z.enum(["available", "off_queue", "on_leave"]),
    leaveFrom: z.string().nullable(),
    leaveUntil: z.string().nullable(),
    backupUserId: z.string().nullable(),
    callDiversion: z.string().nullable(),
  }),
  version: z.number(),
});

export const agentList = z.object({ items: z.array(agent) });

export type Agent = z.infer<typeof agent>;
