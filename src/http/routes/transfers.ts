import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { acceptTransfer } from "../../commands/transfers/acceptTransfer.ts";
import { approveInput, approveTransfer } from "../../commands/transfers/approveTransfer.ts";
import { declineTransfer } from "../../commands/transfers/declineTransfer.ts";
import { getTransfer } from "../../commands/transfers/getTransfer.ts";
import { getTransferOptions } from "../../commands/transfers/getTransferOptions.ts";
import { listTransfers, listTransfersQuery } from "../../commands/transfers/listTransfers.ts";
import { previewTransfer } from "../../commands/transfers/previewTransfer.ts";
import { recordStep, stepInput } from "../../commands/transfers/recordStep.ts";
import { rejectTransfer } from "../../commands/transfers/rejectTransfer.ts";
import {
  bulkTransferInput,
  requestBulkTransfer,
} from "../../commands/transfers/requestBulkTransfer.ts";
import { requestTransfer } from "../../commands/transfers/requestTransfer.ts";
import { withdrawTransfer } from "../../commands/transfers/withdrawTransfer.ts";
import { MANUAL_STEPS } from "../../domain/transfer/abilities.ts";
import { decideInput, requestTransferInput } from "../../domain/transfer/inputs.ts";
import { requireActor } from "../context.ts";
import { fastSerializerCompiler } from "../fast-serializer.ts";
import { caseNumberParams } from "./params.ts";
import {
  bulkTransferResult,
  transferList,
  getTransferOptions as transferOptionsSchema,
  transferPreview,
  transferView,
} from "./transfer-schemas.ts";

const tags = ["transfers"];
const idParams = z.strictObject({ id: z.uuid() });
export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    "/cases/:number/transfer-options",
    {
      // A kind asked for that this workspace does not have, or that does not fit the case.
      config: { problems: [422] },
      schema: {
        operationId: "getTransferOptions",
        tags,
        summary: "Transfer kinds this user may use on this case, their fields, steps and blockers",
        params: caseNumberParams,
        response: { 200: transferOptionsSchema },
      },
    },
    async (request) => getTransferOptions(db(), requireActor(request), request.params.number),
  );

  app.post(
    "/cases/:number/transfers",
    {
      schema: {
        operationId: "createTransfer",
        tags,
        summary: "Request a transfer; ?preview=true renders the note and artifacts without storing",
        params: caseNumberParams,
        querystring: z.strictObject({ preview: z.enum(["true", "false"]).optional() }),
        body: requestTransferInput,
        response: { 200: transferPreview, 201: transferView },
      },
      // The hot write path (docs/performance.md): compiled, not checked by Zod on the way.
      serializerCompiler: fastSerializerCompiler,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (request.query.preview === "true")
        return reply
          .code(200)
          .send(await previewTransfer(db(), actor, request.params.number, request.body));
      const created = await requestTransfer(db(), actor, request.params.number, request.body);
      reply.header("location", `/api/v1/transfers/${created.id}`);
      return reply.code(201).send(created.view);
    },
  );

  app.post(
    "/transfers/bulk",
    {
      schema: {
        operationId: "createBulkTransfer",
        tags,
        summary: "Transfer several cases the same way; each succeeds or fails on its own",
        body: bulkTransferInput,
        response: {
          200: bulkTransferResult,
        },
      },
    },
    async (request) => requestBulkTransfer(db(), requireActor(request), request.body),
  );

  app.get(
    "/transfers",
    {
      schema: {
        operationId: "listTransfers",
        tags,
        summary: "Transfers in my workspaces; waiting=me for my approvals and acceptances",
        querystring: listTransfersQuery,
        response: { 200: transferList },
      },
    },
    async (request) => listTransfers(db(), requireActor(request), request.query),
  );

  app.get(
    "/transfers/:id",
    {
      schema: {
        operationId: "getTransfer",
        tags,
        summary: "One transfer",
        params: idParams,
        response: { 200: transferView },
      },
    },
    async (request) => getTransfer(db(), requireActor(request), request.params.id),
  );

  // The five decisions share one shape: a transfer id, a small body, the transfer back.
  const action = <S extends z.ZodType>(
    name: string,
    summary: string,
    body: S,
    run: (actor: Actor, id: string, input: z.infer<S>) => Promise<unknown>,
  ) =>
    app.post(
      `/transfers/:id/${name}`,
      {
        schema: {
          operationId: `${name}Transfer`,
          tags,
          summary,
          params: idParams,
          body,
          response: { 200: transferView },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        await run(actor, request.params.id, request.body as z.infer<S>);
        return getTransfer(db(), actor, request.params.id);
      },
    );

  action(
    "approve",
    "Approve the transfer; the approver's note lands on the case as a private note",
    approveInput,
    (a, id, i) => approveTransfer(db(), a, id, i),
  );
  action("reject", "Reject the request", decideInput, (a, id, i) => rejectTransfer(db(), a, id, i));
  action("accept", "The receiver agrees to take the case", decideInput, (a, id, i) =>
    acceptTransfer(db(), a, id, i),
  );
  action("decline", "Decline; a note is required", decideInput, (a, id, i) =>
    declineTransfer(db(), a, id, i),
  );
  action("withdraw", "The requester or an approver calls it off", decideInput, (a, id, i) =>
    withdrawTransfer(db(), a, id, i),
  );

  app.post(
    "/transfers/:id/steps/:step",
    {
      schema: {
        operationId: "completeTransferStep",
        tags,
        summary:
          "Record a manual step: notes_updated; customer_notified with how and when; " +
          "handover_aligned, by the case owner or the receiving region's handover SME",
        params: z.strictObject({
          id: z.uuid(),
          step: z.enum(MANUAL_STEPS),
        }),
        body: stepInput,
        response: { 200: transferView },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await recordStep(db(), actor, request.params.id, request.params.step, request.body);
      return getTransfer(db(), actor, request.params.id);
    },
  );
};
