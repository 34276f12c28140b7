import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { decideOffQueue, decideOffQueueInput } from "../../commands/agents/decideOffQueue.ts";
import { listOffQueueRequests } from "../../commands/agents/listOffQueueRequests.ts";
import { requestOffQueue, requestOffQueueInput } from "../../commands/agents/requestOffQueue.ts";
import { OFF_QUEUE_ACTIONS } from "../../domain/off-queue/requests.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { offQueueList, offQueueRequest } from "./off-queue-schemas.ts";

const tags = ["agents"];

const SUMMARY: Record<(typeof OFF_QUEUE_ACTIONS)[number], string> = {
  approve: "Approve an off-queue request (an approver): the time off queue starts now",
  decline: "Decline an off-queue request (an approver), with a note",
  withdraw: "Withdraw my off-queue request while it waits",
  end: "End time off queue early (the agent or an approver): back on queue now",
};

export const offQueueRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/off-queue-requests",
    {
      schema: {
        operationId: "listOffQueueRequests",
        tags,
        summary: "Off-queue requests: all of them for an approver, my own for anyone else",
        params: z.strictObject({ workspace: slug }),
        response: { 200: offQueueList },
      },
    },
    async (request) =>
      listOffQueueRequests(db(), requireActor(request), { workspace: request.params.workspace }),
  );

  app.post(
    "/workspaces/:workspace/off-queue-requests",
    {
      schema: {
        operationId: "requestOffQueue",
        tags,
        summary: "Ask to go off queue for a few hours; starts at once where no approval is needed",
        params: z.strictObject({ workspace: slug }),
        body: requestOffQueueInput.omit({ workspace: true }),
        response: { 201: offQueueRequest },
      },
    },
    async (request, reply) => {
      const made = await requestOffQueue(db(), requireActor(request), {
        ...request.body,
        workspace: request.params.workspace,
      });
      return reply.code(201).send(made);
    },
  );

  for (const action of OFF_QUEUE_ACTIONS)
    app.post(
      `/workspaces/:workspace/off-queue-requests/:id/${action}`,
      {
        schema: {
          operationId: `${action}OffQueueRequest`,
          tags,
          summary: SUMMARY[action],
          params: z.strictObject({ workspace: slug, id: z.uuid() }),
          body: decideOffQueueInput.omit({ workspace: true, id: true }),
          response: { 200: offQueueRequest },
        },
      },
      async (request) =>
        decideOffQueue(db(), requireActor(request), action, {
          ...request.body,
          workspace: request.params.workspace,
          id: request.params.id,
        }),
    );
};
