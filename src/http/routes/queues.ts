import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listQueues } from "../../commands/workspaces/listQueues.ts";
import {
  queueDistributionInput,
  setQueueDistribution,
} from "../../commands/workspaces/setQueueDistribution.ts";
import { code, slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { queueChanged, queueList } from "./queue-schemas.ts";

const tags = ["workspaces"];

export const queueRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/queues",
    {
      schema: {
        operationId: "listQueues",
        tags,
        summary: "The queues with their distribution method, waiting cases and members",
        params: z.strictObject({ workspace: slug }),
        response: { 200: queueList },
      },
    },
    async (request) => listQueues(db(), requireActor(request), request.params.workspace),
  );

  app.patch(
    "/workspaces/:workspace/queues/:queue",
    {
      schema: {
        operationId: "updateQueue",
        tags,
        summary: "Change how a queue hands out cases (admins): publishes a new policy version",
        params: z.strictObject({ workspace: slug, queue: code.describe("The queue's code") }),
        body: queueDistributionInput,
        response: { 200: queueChanged },
      },
    },
    async (request) =>
      setQueueDistribution(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.queue,
        request.body,
      ),
  );
};
