import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { countCases, countCasesInput } from "../../commands/cases/countCases.ts";
import { createView, createViewInput } from "../../commands/views/createView.ts";
import { deleteView } from "../../commands/views/deleteView.ts";
import { listViews } from "../../commands/views/listViews.ts";
import { reorderViews, reorderViewsInput } from "../../commands/views/reorderViews.ts";
import { updateView, updateViewInput } from "../../commands/views/updateView.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { versionQuery } from "./params.ts";
import { caseCounts, savedView, savedViewList } from "./view-schemas.ts";

const tags = ["saved views"];
const one = z.strictObject({ id: z.uuid("must be a saved view's id") });
const inWorkspace = z.strictObject({ workspace: slug });

export const viewRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/views",
    {
      schema: {
        operationId: "listViews",
        tags,
        summary: "Your saved views and those shared with you, in the navigation's order",
        params: inWorkspace,
        response: { 200: savedViewList },
      },
    },
    async (request) => listViews(db(), requireActor(request), request.params.workspace),
  );

  app.post(
    "/workspaces/:workspace/views",
    {
      schema: {
        operationId: "createView",
        tags,
        summary: "Save a list's filters and order as a view: your own, or shared (leads, admins)",
        params: inWorkspace,
        body: createViewInput,
        response: { 201: savedView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createView(db(), requireActor(request), request.params.workspace, request.body),
        ),
  );

  app.put(
    "/workspaces/:workspace/views/order",
    {
      schema: {
        operationId: "reorderViews",
        tags,
        summary: "Put views in a new order",
        params: inWorkspace,
        body: reorderViewsInput,
        response: { 200: savedViewList },
      },
    },
    async (request) =>
      reorderViews(db(), requireActor(request), request.params.workspace, request.body),
  );

  app.patch(
    "/views/:id",
    {
      schema: {
        operationId: "updateView",
        tags,
        summary: "Rename a view, change its filters or order, or whom it is shared with",
        params: one,
        body: updateViewInput,
        response: { 200: savedView },
      },
    },
    async (request) => updateView(db(), requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/views/:id",
    {
      schema: {
        operationId: "deleteView",
        tags,
        summary: "Delete a saved view",
        params: one,
        querystring: versionQuery,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteView(db(), requireActor(request), request.params.id, request.query.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/workspaces/:workspace/case-counts",
    {
      schema: {
        operationId: "countCases",
        tags: ["cases"],
        summary: "How many cases several saved views or filters show, exact up to 10000",
        params: inWorkspace,
        body: countCasesInput,
        response: { 200: caseCounts },
      },
    },
    async (request) =>
      countCases(db(), requireActor(request), request.params.workspace, request.body),
  );
};
