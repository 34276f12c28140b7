import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createWebhook, createWebhookInput } from "../../commands/webhooks/createWebhook.ts";
import { deleteWebhook } from "../../commands/webhooks/deleteWebhook.ts";
import { listWebhookEvents } from "../../commands/webhooks/listWebhookEvents.ts";
import { listWebhooks } from "../../commands/webhooks/listWebhooks.ts";
import { pingWebhook } from "../../commands/webhooks/pingWebhook.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { createdWebhook, webhookList } from "./webhook-schemas.ts";

const tags = ["notifications"];
const idParams = z.strictObject({ id: z.uuid("must be a webhook id") });

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.post(
    "/workspaces/:workspace/webhooks",
    {
      schema: {
        operationId: "createWebhook",
        tags,
        summary:
          "Subscribe a URL or a chat channel to the workspace's events (admins); a signed " +
          "subscription's secret is shown once",
        params: z.strictObject({ workspace: slug }),
        body: createWebhookInput,
        response: {
          201: createdWebhook,
        },
      },
    },
    async (request, reply) => {
      const created = await createWebhook(
        db(),
        requireActor(request),
        request.params.workspace,
        request.body,
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    "/workspaces/:workspace/webhooks",
    {
      schema: {
        operationId: "listWebhooks",
        tags,
        summary: "The workspace's webhook subscriptions (admins), without their secrets",
        params: z.strictObject({ workspace: slug }),
        response: { 200: webhookList },
      },
    },
    async (request) => listWebhooks(db(), requireActor(request), request.params.workspace),
  );

  app.get(
    "/webhook-events",
    {
      schema: {
        operationId: "listWebhookEvents",
        tags,
        summary: "The events a subscription may ask for, and the formats it may take",
        response: {
          200: z.object({ events: z.array(z.string()), formats: z.array(z.string()) }),
        },
      },
    },
    async (request) => {
      requireActor(request);
      return listWebhookEvents();
    },
  );

  app.delete(
    "/webhooks/:id",
    {
      schema: {
        operationId: "deleteWebhook",
        tags,
        summary: "Stop posting to a webhook (admins)",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteWebhook(db(), requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/webhooks/:id/ping",
    {
      schema: {
        operationId: "pingWebhook",
        tags,
        summary: "Queue a ping event for one webhook (admins)",
        params: idParams,
        response: {
          202: z.object({
            queued: z.boolean(),
            deliveryId: z.number().describe("The ping's entry in the delivery log"),
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await pingWebhook(db(), requireActor(request), request.params.id);
      return reply.code(202).send(result);
    },
  );
};
