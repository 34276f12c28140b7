import { z } from "zod";

// What the webhook and chat subscription routes answer; the web app's types are these.

export const webhook = z.object({
  id: z.string(),
  workspace: z.string(),
  url: z.string(),
  format: z.string().describe('"baton", "slack" or "teams"'),
  events: z.array(z.string()),
  active: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});

export const createdWebhook = webhook.extend({
  secret: z.string().optional().describe('Only for format "baton", only in this answer'),
});

export const webhookList = z.object({ items: z.array(webhook) });

export type WebhookSubscription = z.infer<typeof createdWebhook>;
