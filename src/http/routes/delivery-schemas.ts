import { z } from "zod";

// What the delivery log and the local mailbox answer; the web app's types are these.

export const delivery = z.object({
  id: z.number(),
  key: z.string().describe("The idempotency key the receiver sees (X-Baton-Delivery, Message-ID)"),
  workspace: z.string(),
  caseNumber: z.number().nullable(),
  channel: z.string(),
  topic: z.string(),
  event: z.string(),
  recipient: z.string(),
  recipientName: z.string().nullable(),
  subject: z.string(),
  state: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  response: z.string().nullable(),
  sentAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  retriedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const mailboxMessage = z.object({
  id: z.number(),
  deliveryId: z.number(),
  caseNumber: z.number().nullable(),
  messageId: z.string(),
  from: z.string(),
  to: z.string(),
  replyTo: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
});

export const deliveryList = z.object({ items: z.array(delivery) });
export const deliveryDetail = delivery.extend({ body: z.string() });
export const mailboxList = z.object({ items: z.array(mailboxMessage) });
export const mailboxDetail = mailboxMessage.extend({ raw: z.string() });

export type Delivery = z.infer<typeof delivery>;
export type DeliveryDetail = z.infer<typeof deliveryDetail>;
export type MailboxMessage = z.infer<typeof mailboxMessage>;
export type MailboxDetail = z.infer<typeof mailboxDetail>;
