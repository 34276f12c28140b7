import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { getDelivery } from "../../commands/deliveries/getDelivery.ts";
import { getMailboxMessage } from "../../commands/deliveries/getMailboxMessage.ts";
import { deliveriesQuery, listDeliveries } from "../../commands/deliveries/listDeliveries.ts";
import { listMailbox, mailboxQuery } from "../../commands/deliveries/listMailbox.ts";
import { retryDelivery } from "../../commands/deliveries/retryDelivery.ts";
import { requireActor } from "../context.ts";
import { deliveryDetail, deliveryList, mailboxDetail, mailboxList } from "./delivery-schemas.ts";

const tags = ["notifications"];
const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a delivery id")
    .transform(Number),
});

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/deliveries",
    {
      schema: {
        operationId: "listDeliveries",
        tags,
        summary: "The delivery log: what was sent, to whom, when, attempts, last error",
        querystring: deliveriesQuery,
        response: { 200: deliveryList },
      },
    },
    async (request) => listDeliveries(db(), requireActor(request), request.query),
  );

  app.get(
    "/deliveries/:id",
    {
      schema: {
        operationId: "getDelivery",
        tags,
        summary: "One delivery, with the text sent",
        params: idParams,
        response: { 200: deliveryDetail },
      },
    },
    async (request) => getDelivery(db(), requireActor(request), request.params.id),
  );

  app.post(
    "/deliveries/:id/retry",
    {
      schema: {
        operationId: "retryDelivery",
        tags,
        summary: "Send a failed message again, or a waiting one now",
        params: idParams,
        response: { 200: deliveryDetail },
      },
    },
    async (request) => retryDelivery(db(), requireActor(request), request.params.id),
  );

  app.get(
    "/mailbox",
    {
      schema: {
        operationId: "listMailbox",
        tags,
        summary: "The local mailbox: mail kept instead of sent when no SMTP server is configured",
        querystring: mailboxQuery,
        response: { 200: mailboxList },
      },
    },
    async (request) => listMailbox(db(), requireActor(request), request.query),
  );

  app.get(
    "/mailbox/:id",
    {
      schema: {
        operationId: "getMailboxMessage",
        tags,
        summary: "One message from the local mailbox, with its full source",
        params: idParams,
        response: { 200: mailboxDetail },
      },
    },
    async (request) => getMailboxMessage(db(), requireActor(request), request.params.id),
  );
};
