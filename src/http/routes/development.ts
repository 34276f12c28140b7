import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  setDevelopmentStage,
  setDevelopmentStageInput,
} from "../../commands/development/setDevelopmentStage.ts";
import { getTrackerHook } from "../../commands/tracker/getTrackerHook.ts";
import { receiveTrackerWebhook } from "../../commands/tracker/receiveTrackerWebhook.ts";
import { rotateTrackerSecret } from "../../commands/tracker/rotateTrackerSecret.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { caseNumberParams } from "./params.ts";

const tags = ["development"];
const ws = z.strictObject({ workspace: slug });

const stageAnswer = z.object({ stage: z.string(), version: z.number() });
const trackerHook = z.object({
  configured: z.boolean(),
  path: z.string().describe("Where the tracker posts, under this server's address"),
  createdAt: z.string().nullable(),
  stages: z.array(z.object({ code: z.string(), name: z.string() })),
});
const trackerSecret = z.object({
  secret: z.string().describe("Shown this once: paste it into the tracker's webhook settings"),
  path: z.string(),
  createdAt: z.string(),
});
const trackerAnswer = z.object({
  case: z.number(),
  stage: z.string(),
  version: z.number(),
  replayed: z.boolean().describe("This webhook id was applied before; nothing changed again"),
});

export const developmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.post(
    "/cases/:number/development",
    {
      schema: {
        operationId: "setDevelopmentStage",
        tags,
        summary:
          "Move a case development works on to another stage; the customer's owner is told, and the customer where the stage says",
        params: caseNumberParams,
        body: setDevelopmentStageInput,
        response: { 200: stageAnswer },
      },
    },
    async (request) =>
      setDevelopmentStage(db(), requireActor(request), request.params.number, request.body),
  );

  app.get(
    "/workspaces/:workspace/tracker-hook",
    {
      schema: {
        operationId: "getTrackerHook",
        tags,
        summary: "The tracker webhook's settings (admins)",
        params: ws,
        response: { 200: trackerHook },
      },
    },
    async (request) => getTrackerHook(db(), requireActor(request), request.params.workspace),
  );

  app.post(
    "/workspaces/:workspace/tracker-hook/secret",
    {
      schema: {
        operationId: "rotateTrackerHookSecret",
        tags,
        summary: "Make a new secret for the tracker webhook, replacing the old one (admins)",
        params: ws,
        response: { 201: trackerSecret },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await rotateTrackerSecret(db(), requireActor(request), request.params.workspace)),
  );

  // The tracker signs the body's exact bytes, so this route reads it as text, not as parsed JSON.
  await app.register(async (plain) => {
    const hooks = plain.withTypeProvider<ZodTypeProvider>();
    hooks.removeContentTypeParser("application/json");
    hooks.addContentTypeParser(
      "application/json",
      { parseAs: "string", bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, body),
    );
    hooks.post(
      "/hooks/tracker/:workspace",
      {
        schema: {
          operationId: "receiveTrackerWebhook",
          tags,
          summary:
            "The team's tracker posts a status change onto a case (signed, Standard Webhooks headers)",
          params: ws,
          response: { 200: trackerAnswer },
        },
      },
      async (request) => {
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === "string" ? v : undefined;
        };
        return receiveTrackerWebhook(db(), {
          slug: request.params.workspace,
          headers: {
            id: header("webhook-id"),
            timestamp: header("webhook-timestamp"),
            signature: header("webhook-signature"),
          },
          body: typeof request.body === "string" ? request.body : "",
          now: new Date(),
        });
      },
    );
  });
};
