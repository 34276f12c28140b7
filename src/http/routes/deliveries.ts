import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  deliveriesQuery,
  getDelivery,
  getMailboxMessage,
  listDeliveries,
  listMailbox,
  mailboxQuery,
  retryDelivery,
} from "../../commands/deliveries.ts";
import { requireActor } from "../context.ts";

const tags = ["notifications"];
const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a delivery id")
    .transform(Number),
});

const delivery = z.object({
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

const mailboxMessage = z.object({
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

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/deliveries",
    {
      schema: {
        tags,
        summary: "The delivery log: what was sent, to whom, when, attempts, last error",
        querystring: deliveriesQuery,
        response: { 200: z.object({ items: z.array(delivery) }) },
      },
    },
    async (request) => listDeliveries(db(), requireActor(request), request.query),
  );

  app.get(
    "/deliveries/:id",
    {
      schema: {
        tags,
        summary: "One delivery, with the text sent",
        params: idParams,
        response: { 200: delivery.extend({ body: z.string() }) },
      },
    },
    async (request) => getDelivery(db(), requireActor(request), request.params.id),
  );

  app.post(
    "/deliveries/:id/retry",
    {
      schema: {
        tags,
        summary: "Send a failed message again, or a waiting one now",
        params: idParams,
        response: { 200: delivery.extend({ body: z.string() }) },
      },
    },
    async (request) => retryDelivery(db(), requireActor(request), request.params.id),
  );

  app.get(
    "/mailbox",
    {
      schema: {
        tags,
        summary: "The local mailbox: mail kept instead of sent when no SMTP server is configured",
        querystring: mailboxQuery,
        response: { 200: z.object({ items: z.array(mailboxMessage) }) },
      },
    },
    async (request) => listMailbox(db(), requireActor(request), request.query),
  );

  app.get(
    "/mailbox/:id",
    {
      schema: {
        tags,
        summary: "One message from the local mailbox, with its full source",
        params: idParams,
        response: { 200: mailboxMessage.extend({ raw: z.string() }) },
      },
    },
    async (request) => getMailboxMessage(db(), requireActor(request), request.params.id),
  );
};
