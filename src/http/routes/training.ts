import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  decideTrainingRequest,
  decideTrainingRequestInput,
} from "../../commands/training/decideTrainingRequest.ts";
import { listCaseTrainingRequests } from "../../commands/training/listCaseTrainingRequests.ts";
import { listTrainingRequests } from "../../commands/training/listTrainingRequests.ts";
import {
  recordTrainingRequest,
  recordTrainingRequestInput,
} from "../../commands/training/recordTrainingRequest.ts";
import { slug } from "../../domain/text.ts";
import { TRAINING_ACTIONS, type TrainingAction } from "../../domain/training/requests.ts";
import { requireActor } from "../context.ts";
import { caseNumberParams } from "./params.ts";
import { caseTrainingList, trainingDeskList, trainingRequest } from "./training-schemas.ts";

const tags = ["training"];

const SUMMARY: Record<TrainingAction, string> = {
  accept: "Take up a session that needs no shift lead: you run it",
  approve: "Approve a session (an approver), naming who runs it; the note lands on the case",
  decline: "Decline a session (an approver), saying why",
  withdraw: "Withdraw a session request I recorded, while it waits",
};

export const trainingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/cases/:number/training-requests",
    {
      schema: {
        operationId: "listCaseTrainingRequests",
        tags,
        summary: "A case's session requests, waiting first, and whether I may record one",
        params: caseNumberParams,
        response: { 200: caseTrainingList },
      },
    },
    async (request) => listCaseTrainingRequests(db(), requireActor(request), request.params.number),
  );

  app.post(
    "/cases/:number/training-requests",
    {
      schema: {
        operationId: "requestTraining",
        tags,
        summary: "Record a technical session or training a customer or the success team asked for",
        params: caseNumberParams,
        body: recordTrainingRequestInput,
        response: { 201: trainingRequest },
      },
    },
    async (request, reply) => {
      const made = await recordTrainingRequest(
        db(),
        requireActor(request),
        request.params.number,
        request.body,
      );
      return reply.code(201).send(made);
    },
  );

  app.get(
    "/workspaces/:workspace/training-requests",
    {
      schema: {
        operationId: "listTrainingRequests",
        tags,
        summary: "The desk's session requests: all for an approver, mine (recorded or run) else",
        params: z.strictObject({ workspace: slug }),
        response: { 200: trainingDeskList },
      },
    },
    async (request) =>
      listTrainingRequests(db(), requireActor(request), { workspace: request.params.workspace }),
  );

  for (const action of TRAINING_ACTIONS)
    app.post(
      `/workspaces/:workspace/training-requests/:id/${action}`,
      {
        schema: {
          operationId: `${action}TrainingRequest`,
          tags,
          summary: SUMMARY[action],
          params: z.strictObject({ workspace: slug, id: z.uuid() }),
          body: decideTrainingRequestInput.omit({ workspace: true, id: true }),
          response: { 200: trainingRequest },
        },
      },
      async (request) =>
        decideTrainingRequest(db(), requireActor(request), action, {
          ...request.body,
          workspace: request.params.workspace,
          id: request.params.id,
        }),
    );
};
