import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  decideChildCase,
  decideChildCaseInput,
} from "../../commands/child-cases/decideChildCase.ts";
import { listChildCaseRequests } from "../../commands/child-cases/listChildCaseRequests.ts";
import { openChildCase, openChildCaseInput } from "../../commands/child-cases/openChildCase.ts";
import { CHILD_CASE_ACTIONS } from "../../domain/child-cases/requests.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { childCaseList, childCaseOutcome, childCaseRequest } from "./child-case-schemas.ts";
import { caseNumberParams } from "./params.ts";

const tags = ["cases"];

const SUMMARY: Record<(typeof CHILD_CASE_ACTIONS)[number], string> = {
  approve: "Approve a request for a new case (an approver): the case opens now, owned by the asker",
  decline: "Decline a request for a new case (an approver), saying why in the note",
  withdraw: "Withdraw my request for a new case while it waits",
};

export const childCaseRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.post(
    "/cases/:number/children",
    {
      schema: {
        operationId: "createChildCase",
        tags,
        summary:
          "New case from this one (a second issue): opens at once, or asks the shift lead where the policy wants approval",
        params: caseNumberParams,
        body: openChildCaseInput.omit({ number: true }),
        response: { 201: childCaseOutcome },
      },
    },
    async (request, reply) => {
      const made = await openChildCase(db(), requireActor(request), {
        ...request.body,
        number: request.params.number,
      });
      if (made.case) reply.header("location", `/api/v1/cases/${made.case.number}`);
      return reply.code(201).send(made);
    },
  );

  app.get(
    "/workspaces/:workspace/child-case-requests",
    {
      schema: {
        operationId: "listChildCaseRequests",
        tags,
        summary: "Requests for new cases: all of them for an approver, my own for anyone else",
        params: z.strictObject({ workspace: slug }),
        response: { 200: childCaseList },
      },
    },
    async (request) =>
      listChildCaseRequests(db(), requireActor(request), { workspace: request.params.workspace }),
  );

  for (const action of CHILD_CASE_ACTIONS)
    app.post(
      `/workspaces/:workspace/child-case-requests/:id/${action}`,
      {
        schema: {
          operationId: `${action}ChildCaseRequest`,
          tags,
          summary: SUMMARY[action],
          params: z.strictObject({ workspace: slug, id: z.uuid() }),
          body: decideChildCaseInput.omit({ workspace: true, id: true }),
          response: { 200: childCaseRequest },
        },
      },
      async (request) =>
        decideChildCase(db(), requireActor(request), action, {
          ...request.body,
          workspace: request.params.workspace,
          id: request.params.id,
        }),
    );
};
