import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { deleteTemplate } from "../../commands/templates/deleteTemplate.ts";
import { listTemplates } from "../../commands/templates/listTemplates.ts";
import { previewInput, previewTemplate } from "../../commands/templates/previewTemplate.ts";
import { readTemplate } from "../../commands/templates/readTemplate.ts";
import { saveTemplate, templateInput } from "../../commands/templates/saveTemplate.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import {
  effectiveTemplate,
  renderedTemplate,
  savedTemplate,
  templateTopics,
} from "./template-schemas.ts";

const tags = ["notifications"];
const topic = z.string().min(1).max(60).describe("The message topic, e.g. customer_notice");
const language = z.string().min(1).max(35).describe('A BCP 47 language tag, e.g. "de" or "pt-BR"');
const one = z.strictObject({ workspace: slug, topic, language });

export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/workspaces/:workspace/templates",
    {
      schema: {
        operationId: "listTemplates",
        tags,
        summary: "Every editable message: variables, built-in languages, the workspace's wordings",
        params: z.strictObject({ workspace: slug }),
        response: {
          200: templateTopics,
        },
      },
    },
    async (request) => listTemplates(db(), requireActor(request), request.params.workspace),
  );

  app.get(
    "/workspaces/:workspace/templates/:topic/:language",
    {
      schema: {
        operationId: "getTemplate",
        tags,
        summary: "The wording a reader of this language gets, and whether the workspace set it",
        params: one,
        response: {
          200: effectiveTemplate,
        },
      },
    },
    async (request) => {
      const p = request.params;
      return readTemplate(db(), requireActor(request), p.workspace, p.topic, p.language);
    },
  );

  app.put(
    "/workspaces/:workspace/templates/:topic/:language",
    {
      schema: {
        operationId: "saveTemplate",
        tags,
        summary: "Set the workspace's wording for a message in a language (admins)",
        params: one,
        body: templateInput,
        response: { 200: savedTemplate },
      },
    },
    async (request) => {
      const p = request.params;
      return saveTemplate(
        db(),
        requireActor(request),
        p.workspace,
        p.topic,
        p.language,
        request.body,
      );
    },
  );

  app.delete(
    "/workspaces/:workspace/templates/:topic/:language",
    {
      schema: {
        operationId: "deleteTemplate",
        tags,
        summary: "Remove the workspace's wording: the built-in one applies again (admins)",
        params: one,
        querystring: z.strictObject({
          version: z.coerce.number().pipe(rowVersion).optional().describe("Refuse if it changed"),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const p = request.params;
      await deleteTemplate(
        db(),
        requireActor(request),
        p.workspace,
        p.topic,
        p.language,
        request.query.version,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/workspaces/:workspace/templates/:topic/preview",
    {
      schema: {
        operationId: "previewTemplate",
        tags,
        summary: "Render a wording with the message's sample facts; nothing is stored",
        params: z.strictObject({ workspace: slug, topic }),
        body: previewInput,
        response: { 200: renderedTemplate },
      },
    },
    async (request) =>
      previewTemplate(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.topic,
        request.body,
      ),
  );
};
