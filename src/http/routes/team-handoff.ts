import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendTeamHandoff, teamHandoffInput } from "../../commands/cases/sendTeamHandoff.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";

export const teamHandoffRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/workspaces/:workspace/team-handoffs",
    {
      schema: {
        operationId: "createTeamHandoff",
        tags: ["notifications"],
        summary: "Email the team a hand-off: the cases, what was validated so far, what is next",
        params: z.strictObject({ workspace: slug }),
        body: teamHandoffInput,
        response: {
          201: z.object({
            id: z.string(),
            workspace: z.string(),
            recipients: z.array(z.object({ address: z.string(), name: z.string().nullable() })),
            cases: z.array(z.number()),
            queued: z.number().describe("Emails queued, one per recipient"),
          }),
        },
      },
    },
    async (request, reply) => {
      const sent = await sendTeamHandoff(
        app.baton.database.db,
        requireActor(request),
        request.params.workspace,
        request.body,
      );
      return reply.code(201).send(sent);
    },
  );
};
