import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { membershipIn } from "../../auth/actor.ts";
import { authorize, workspaceRights } from "../../auth/authorize.ts";
import { notFound } from "../../domain/errors.ts";
import { workspaceFeatures } from "../../domain/policy/features.ts";
import { slug } from "../../domain/text.ts";
import { workspaceBySlug } from "../../loaders/workspaces.ts";
import { requireActor } from "../context.ts";
import { membership } from "./session-schemas.ts";
import { policyAnswer } from "./workspace-schemas.ts";

export const workspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces",
    {
      schema: {
        operationId: "listWorkspaces",
        tags: ["workspaces"],
        summary: "The workspaces I belong to, with my role",
        response: {
          200: z.object({
            items: z.array(membership),
          }),
        },
      },
    },
    async (request) => ({
      items: requireActor(request).memberships.map((m) => ({
        id: m.workspaceId,
        slug: m.workspaceSlug,
        role: m.role,
      })),
    }),
  );

  app.get(
    "/workspaces/:workspace/policy",
    {
      schema: {
        operationId: "getPolicy",
        tags: ["workspaces"],
        summary: "The workspace's current policy: regions, queues, severities, roles, …",
        params: z.strictObject({ workspace: slug }),
        response: {
          200: policyAnswer,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.memberships.some((m) => m.workspaceSlug === request.params.workspace))
        throw notFound(`Workspace ${request.params.workspace}`);
      const ws = await workspaceBySlug(db(), request.params.workspace);
      authorize(actor, "policy.read", { workspaceId: ws.id }, ws.policy, "Workspace");
      return {
        workspace: ws.slug,
        version: ws.policyVersion,
        policy: ws.policy,
        viewer: {
          role: membershipIn(actor, ws.id)?.role ?? null,
          ...workspaceRights(actor, ws.id, ws.policy),
        },
        features: workspaceFeatures(ws.policy),
      };
    },
  );
};
