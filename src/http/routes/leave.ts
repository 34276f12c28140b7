import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { cancelLeavePlan, cancelLeavePlanInput } from "../../commands/leave/cancelLeavePlan.ts";
import { decideLeaveItem, decideLeaveItemInput } from "../../commands/leave/decideLeaveItem.ts";
import { editLeaveItem, editLeaveItemInput } from "../../commands/leave/editLeaveItem.ts";
import { getLeavePlan } from "../../commands/leave/getLeavePlan.ts";
import { listLeavePlans } from "../../commands/leave/listLeavePlans.ts";
import { planLeave, planLeaveInput } from "../../commands/leave/planLeave.ts";
import { recordLeaveCheck, recordLeaveCheckInput } from "../../commands/leave/recordLeaveCheck.ts";
import { submitLeavePlan, submitLeavePlanInput } from "../../commands/leave/submitLeavePlan.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { leavePlan, leavePlanList } from "./leave-schemas.ts";

const tags = ["leave"];
const plan = z.strictObject({ workspace: slug, id: z.uuid() });
const item = plan.extend({ itemId: z.uuid() });
const base = "/workspaces/:workspace/leave-plans";

export const leaveRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    base,
    {
      schema: {
        operationId: "listLeavePlans",
        tags,
        summary: "Leave plans: everyone's for an approver, my own for anyone else",
        params: z.strictObject({ workspace: slug }),
        response: { 200: leavePlanList },
      },
    },
    async (request) => listLeavePlans(db(), requireActor(request), request.params),
  );

  app.post(
    base,
    {
      schema: {
        operationId: "createLeavePlan",
        tags,
        summary:
          "Declare my leave: it is booked, and a draft plan lists my open cases with a proposed in-region holder each",
        params: z.strictObject({ workspace: slug }),
        body: planLeaveInput,
        response: { 201: leavePlan },
      },
    },
    async (request, reply) => {
      const made = await planLeave(db(), requireActor(request), {
        ...request.body,
        workspace: request.params.workspace,
      });
      return reply.code(201).send(made);
    },
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        operationId: "getLeavePlan",
        tags,
        summary: "One leave plan with its cases",
        params: plan,
        response: { 200: leavePlan },
      },
    },
    async (request) => getLeavePlan(db(), requireActor(request), request.params),
  );

  app.patch(
    `${base}/:id/items/:itemId`,
    {
      schema: {
        operationId: "updateLeavePlanItem",
        tags,
        summary: "Describe one case of my draft plan: what is handed off, validated, still due",
        params: item,
        body: editLeaveItemInput.omit({ workspace: true, id: true, itemId: true }),
        response: { 200: leavePlan },
      },
    },
    async (request) =>
      editLeaveItem(db(), requireActor(request), { ...request.body, ...request.params }),
  );

  app.post(
    `${base}/:id/checks`,
    {
      schema: {
        operationId: "checkLeavePlan",
        tags,
        summary: "Record what I set up before leaving: out-of-office reply, call diversion",
        params: plan,
        body: recordLeaveCheckInput.omit({ workspace: true, id: true }),
        response: { 200: leavePlan },
      },
    },
    async (request) =>
      recordLeaveCheck(db(), requireActor(request), { ...request.body, ...request.params }),
  );

  app.post(
    `${base}/:id/submit`,
    {
      schema: {
        operationId: "submitLeavePlan",
        tags,
        summary: "Hand my plan to the shift lead: one leave transfer per case",
        params: plan,
        body: submitLeavePlanInput.omit({ workspace: true, id: true }),
        response: { 200: leavePlan },
      },
    },
    async (request) =>
      submitLeavePlan(db(), requireActor(request), { ...request.body, ...request.params }),
  );

  app.post(
    `${base}/:id/cancel`,
    {
      schema: {
        operationId: "cancelLeavePlan",
        tags,
        summary: "Cancel a leave plan before the leave starts (the agent or an approver)",
        params: plan,
        body: cancelLeavePlanInput.omit({ workspace: true, id: true }),
        response: { 200: leavePlan },
      },
    },
    async (request) =>
      cancelLeavePlan(db(), requireActor(request), { ...request.body, ...request.params }),
  );

  for (const decision of ["approve", "keep"] as const)
    app.post(
      `${base}/:id/items/:itemId/${decision}`,
      {
        schema: {
          operationId: `${decision}LeavePlanItem`,
          tags,
          summary:
            decision === "approve"
              ? "Approve one case's hand-off (an approver), naming who takes it, with a private note"
              : "Keep one case with its owner to close before leave (an approver), with a note",
          params: item,
          body: decideLeaveItemInput.omit({ workspace: true, id: true, itemId: true }),
          response: { 200: leavePlan },
        },
      },
      async (request) =>
        decideLeaveItem(db(), requireActor(request), decision, {
          ...request.body,
          ...request.params,
        }),
    );
};
