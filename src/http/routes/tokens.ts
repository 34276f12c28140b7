import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listWorkspaceTokens } from "../../commands/accounts/listWorkspaceTokens.ts";
import { revokeWorkspaceToken } from "../../commands/accounts/revokeWorkspaceToken.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { tokenList } from "./token-schemas.ts";

const tags = ["auth"];

/** A workspace's admins see and end the API tokens of its members. */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/tokens",
    {
      schema: {
        operationId: "listWorkspaceTokens",
        tags,
        summary: "The API tokens of the workspace's members, newest first (admins)",
        params: z.strictObject({ workspace: slug }),
        response: { 200: tokenList },
      },
    },
    async (request) => listWorkspaceTokens(db(), requireActor(request), request.params.workspace),
  );

  app.delete(
    "/workspaces/:workspace/tokens/:id",
    {
      schema: {
        operationId: "revokeWorkspaceToken",
        tags,
        summary: "Revoke a member's API token at once (admins)",
        params: z.strictObject({
          workspace: slug,
          id: z.string().max(64).describe("The token's id"),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const p = request.params;
      await revokeWorkspaceToken(db(), requireActor(request), p.workspace, p.id);
      return reply.code(204).send(null);
    },
  );
};
