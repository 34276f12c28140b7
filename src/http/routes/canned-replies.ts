import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createCannedReply,
  createCannedReplyInput,
} from "../../commands/cannedReplies/createCannedReply.ts";
import { deleteCannedReply } from "../../commands/cannedReplies/deleteCannedReply.ts";
import { fillCannedReplies } from "../../commands/cannedReplies/fillCannedReplies.ts";
import { listCannedReplies } from "../../commands/cannedReplies/listCannedReplies.ts";
import {
  updateCannedReply,
  updateCannedReplyInput,
} from "../../commands/cannedReplies/updateCannedReply.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { cannedReply, cannedReplyList, filledCannedReplies } from "./canned-reply-schemas.ts";
import { caseNumberParams, versionQuery } from "./params.ts";

const tags = ["canned replies"];
const one = z.strictObject({ id: z.uuid("must be a canned reply's id") });

export const cannedReplyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/canned-replies",
    {
      schema: {
        operationId: "listCannedReplies",
        tags,
        summary: "The workspace's canned replies and your own, by title, with the placeholders",
        params: z.strictObject({ workspace: slug }),
        response: { 200: cannedReplyList },
      },
    },
    async (request) => listCannedReplies(db(), requireActor(request), request.params.workspace),
  );

  app.post(
    "/workspaces/:workspace/canned-replies",
    {
      schema: {
        operationId: "createCannedReply",
        tags,
        summary: "Add a canned reply: your own, or the workspace's (admins)",
        params: z.strictObject({ workspace: slug }),
        body: createCannedReplyInput,
        response: { 201: cannedReply },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createCannedReply(
            db(),
            requireActor(request),
            request.params.workspace,
            request.body,
          ),
        ),
  );

  app.patch(
    "/canned-replies/:id",
    {
      schema: {
        operationId: "updateCannedReply",
        tags,
        summary: "Rename or reword a canned reply",
        params: one,
        body: updateCannedReplyInput,
        response: { 200: cannedReply },
      },
    },
    async (request) =>
      updateCannedReply(db(), requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/canned-replies/:id",
    {
      schema: {
        operationId: "deleteCannedReply",
        tags,
        summary: "Delete a canned reply",
        params: one,
        querystring: versionQuery,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteCannedReply(
        db(),
        requireActor(request),
        request.params.id,
        request.query.version,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/cases/:number/canned-replies",
    {
      schema: {
        operationId: "fillCannedReplies",
        tags,
        summary: "Your canned replies filled in for this case, ready for a note",
        params: caseNumberParams,
        response: { 200: filledCannedReplies },
      },
    },
    async (request) => fillCannedReplies(db(), requireActor(request), request.params.number),
  );
};
