import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listAgents } from "../../commands/agents/listAgents.ts";
import { setAgentHours, setHoursInput } from "../../commands/agents/setAgentHours.ts";
import { setAvailability, setAvailabilityInput } from "../../commands/agents/setAvailability.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { agent, agentList } from "./agent-schemas.ts";

const tags = ["agents"];

export const agentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/agents",
    {
      schema: {
        operationId: "listAgents",
        tags,
        summary: "The agents of a workspace with roles, regions, skills and availability",
        params: z.strictObject({ workspace: slug }),
        response: { 200: agentList },
      },
    },
    async (request) => ({
      items: await listAgents(db(), requireActor(request), request.params.workspace),
    }),
  );

  app.put(
    "/workspaces/:workspace/agents/:agentId/availability",
    {
      schema: {
        operationId: "setAgentAvailability",
        tags,
        summary: "Set availability: available, off queue, or on leave from/to with a backup",
        params: z.strictObject({
          workspace: slug,
          agentId: z.union([z.literal("me"), z.uuid()]).describe('An agent id, or "me"'),
        }),
        body: setAvailabilityInput,
        response: { 200: agent },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const id = request.params.agentId === "me" ? actor.userId : request.params.agentId;
      return setAvailability(db(), actor, request.params.workspace, id, request.body);
    },
  );

  app.put(
    "/workspaces/:workspace/agents/:agentId/hours",
    {
      schema: {
        operationId: "setAgentHours",
        tags,
        summary: "Set an agent's time zone, working hours and handover-SME flag",
        params: z.strictObject({
          workspace: slug,
          agentId: z.union([z.literal("me"), z.uuid()]).describe('An agent id, or "me"'),
        }),
        body: setHoursInput,
        response: { 200: agent },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const id = request.params.agentId === "me" ? actor.userId : request.params.agentId;
      return setAgentHours(db(), actor, request.params.workspace, id, request.body);
    },
  );
};
