import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { cancelCall, cancelCallInput } from "../../commands/calls/cancelCall.ts";
import { holdCall, holdCallInput } from "../../commands/calls/holdCall.ts";
import { listCaseCalls } from "../../commands/calls/listCaseCalls.ts";
import { listMyCalls, listMyCallsInput } from "../../commands/calls/listMyCalls.ts";
import { rescheduleCall, rescheduleCallInput } from "../../commands/calls/rescheduleCall.ts";
import { scheduleCall, scheduleCallInput } from "../../commands/calls/scheduleCall.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { callItem, caseCallList, myCallList } from "./call-schemas.ts";
import { caseNumberParams } from "./params.ts";

const tags = ["calls"];
const callParams = z.strictObject({ workspace: slug, id: z.uuid() });

export const callRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/cases/:number/scheduled-calls",
    {
      schema: {
        operationId: "listCaseScheduledCalls",
        tags,
        summary: "The customer calls scheduled on a case, soonest first",
        params: caseNumberParams,
        response: { 200: caseCallList },
      },
    },
    async (request) => listCaseCalls(db(), requireActor(request), request.params.number),
  );

  app.post(
    "/cases/:number/scheduled-calls",
    {
      schema: {
        operationId: "scheduleCaseCall",
        tags,
        summary: "Schedule a customer call on a case; its runner is reminded before it",
        params: caseNumberParams,
        body: scheduleCallInput,
        response: { 201: callItem },
      },
    },
    async (request, reply) => {
      const made = await scheduleCall(
        db(),
        requireActor(request),
        request.params.number,
        request.body,
      );
      return reply.code(201).send(made);
    },
  );

  app.get(
    "/workspaces/:workspace/calls",
    {
      schema: {
        operationId: "listScheduledCalls",
        tags,
        summary: "My calls on one of my days (today by default), in my own time zone",
        params: z.strictObject({ workspace: slug }),
        querystring: listMyCallsInput.omit({ workspace: true }),
        response: { 200: myCallList },
      },
    },
    async (request) =>
      listMyCalls(db(), requireActor(request), {
        ...request.query,
        workspace: request.params.workspace,
      }),
  );

  app.post(
    "/workspaces/:workspace/calls/:id/reschedule",
    {
      schema: {
        operationId: "rescheduleCall",
        tags,
        summary: "Move a scheduled call, or change who attends, who runs it, the link or agenda",
        params: callParams,
        body: rescheduleCallInput.omit({ workspace: true, id: true }),
        response: { 200: callItem },
      },
    },
    async (request) =>
      rescheduleCall(db(), requireActor(request), { ...request.body, ...request.params }),
  );

  app.post(
    "/workspaces/:workspace/calls/:id/cancel",
    {
      schema: {
        operationId: "cancelCall",
        tags,
        summary: "Cancel a scheduled call",
        params: callParams,
        body: cancelCallInput.omit({ workspace: true, id: true }),
        response: { 200: callItem },
      },
    },
    async (request) =>
      cancelCall(db(), requireActor(request), { ...request.body, ...request.params }),
  );

  app.post(
    "/workspaces/:workspace/calls/:id/held",
    {
      schema: {
        operationId: "markCallHeld",
        tags,
        summary: "Log a scheduled (or missed) call as held: the call is written on the timeline",
        params: callParams,
        body: holdCallInput.omit({ workspace: true, id: true }),
        response: { 200: callItem },
      },
    },
    async (request) =>
      holdCall(db(), requireActor(request), { ...request.body, ...request.params }),
  );
};
