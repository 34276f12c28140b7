import { z } from "zod";
import type { queueDistributionInput } from "../../commands/workspaces/setQueueDistribution.ts";
import { DISTRIBUTIONS } from "../../domain/routing/methods.ts";

export const queueSettings = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  region: z.string().nullable(),
  distribution: z.enum(DISTRIBUTIONS).describe("How the queue hands out cases (docs/routing.md)"),
});

/** GET /workspaces/{ws}/queues */
export const queueList = z.object({
  workspace: z.string(),
  version: z.number().int().describe("The policy version: send it back to change a queue"),
  items: z.array(
    queueSettings.extend({
      waiting: z.number().int().describe("Open cases in the queue that nobody owns"),
      members: z
        .number()
        .int()
        .describe("Members who take routed work here (their queues name it, or they list none)"),
      mayChange: z.boolean().describe("The caller may change the queue's method"),
    }),
  ),
});

/** PATCH /workspaces/{ws}/queues/{queue} */
export const queueChanged = z.object({
  workspace: z.string(),
  version: z.number().int().describe("The policy version now: a new one when something changed"),
  changed: z.boolean().describe("False when the queue already had this method: nothing written"),
  queue: queueSettings,
});

export type QueueList = z.infer<typeof queueList>;
export type QueueListItem = QueueList["items"][number];
export type QueueChanged = z.infer<typeof queueChanged>;
/** The PATCH body, from the use case's own schema. */
export type QueueChangeBody = z.input<typeof queueDistributionInput>;
