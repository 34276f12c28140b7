import { z } from "zod";
import { INBOUND_STATES } from "../../domain/inbound.ts";

// What the inbound mail routes answer; the web app's types are these.

export const inboundMessage = z.object({
  id: z.number(),
  caseNumber: z.number().nullable(),
  messageId: z.string(),
  from: z.string(),
  fromName: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  state: z.enum(INBOUND_STATES),
  reason: z.string().nullable().describe("Why it was held or ignored"),
  activityId: z.number().nullable().describe("The note it became"),
  version: z.number(),
  preview: z.string(),
  reviewedAt: z.string().nullable(),
  receivedAt: z.string(),
});

export const inboundDetail = inboundMessage.extend({
  text: z.string(),
  raw: z.string().describe("The RFC 5322 source"),
  attachments: z.array(
    z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number() }),
  ),
});

export const intakeResult = z.object({
  id: z.number(),
  state: z.string(),
  reason: z.string().nullable(),
  caseNumber: z.number().nullable(),
  duplicate: z.boolean().describe("The same Message-ID was handed in before; nothing new stored"),
});

export const inboundList = z.object({ items: z.array(inboundMessage) });

export type InboundMessage = z.infer<typeof inboundMessage>;
export type InboundMessageDetail = z.infer<typeof inboundDetail>;
