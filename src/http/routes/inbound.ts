import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { attachInbound, attachInput } from "../../commands/inbound/attachInbound.ts";
import { discardInbound, discardInput } from "../../commands/inbound/discardInbound.ts";
import { getInbound } from "../../commands/inbound/getInbound.ts";
import { handInMessage } from "../../commands/inbound/handInMessage.ts";
import { inboundQuery, listInbound } from "../../commands/inbound/listInbound.ts";
import { invalid } from "../../domain/errors.ts";
import { inboundSettings } from "../../inbound/smtp-listener.ts";
import { requireActor } from "../context.ts";
import { inboundDetail, inboundList, intakeResult } from "./inbound-schemas.ts";

const tags = ["notifications"];
const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a message id")
    .transform(Number),
});

export const inboundRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;
  const { limits } = app.baton.config.inbound;
  // A raw message, as a mail gateway has it; base64 attachments are a third larger on the wire.
  app.addContentTypeParser(
    "message/rfc822",
    { parseAs: "buffer", bodyLimit: Math.ceil((limits.maxMessageBytes * 4) / 3) + 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.post(
    "/inbound/messages",
    {
      schema: {
        operationId: "handInMessage",
        consumes: ["message/rfc822"],
        tags,
        summary:
          "Hand in one email (Content-Type: message/rfc822), as the SMTP listener would take it " +
          "(workspace admins and their API tokens)",
        response: { 200: intakeResult, 201: intakeResult },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!Buffer.isBuffer(request.body))
        throw invalid("content-type", "must be message/rfc822 with the raw message as the body");
      if (request.body.length === 0) throw invalid("body", "is empty");
      const result = await handInMessage(
        db(),
        actor,
        request.body,
        inboundSettings(app.baton.config),
      );
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );

  app.get(
    "/inbound/messages",
    {
      schema: {
        operationId: "listInboundMessages",
        tags,
        summary:
          "Inbound mail of a workspace and mail Baton could not place, newest first (admins)",
        querystring: inboundQuery,
        response: { 200: inboundList },
      },
    },
    async (request) => listInbound(db(), requireActor(request), request.query),
  );

  app.get(
    "/inbound/messages/:id",
    {
      schema: {
        operationId: "getInboundMessage",
        tags,
        summary: "One inbound message with its text, source and attachments (admins)",
        params: idParams,
        response: { 200: inboundDetail },
      },
    },
    async (request) => getInbound(db(), requireActor(request), request.params.id),
  );

  app.post(
    "/inbound/messages/:id/attach",
    {
      schema: {
        operationId: "attachInboundMessage",
        tags,
        summary: "Make a held or ignored message a note on a case (admins of the case's workspace)",
        params: idParams,
        body: attachInput,
        response: { 200: inboundDetail },
      },
    },
    async (request) => attachInbound(db(), requireActor(request), request.params.id, request.body),
  );

  app.post(
    "/inbound/messages/:id/discard",
    {
      schema: {
        operationId: "discardInboundMessage",
        tags,
        summary: "Set a held or ignored message aside; it stays readable (admins)",
        params: idParams,
        body: discardInput,
        response: { 200: inboundDetail },
      },
    },
    async (request) => discardInbound(db(), requireActor(request), request.params.id, request.body),
  );
};
