import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addActivity, addNoteInput, logCallInput } from "../../commands/cases/addActivity.ts";
import { createCase, createCaseInput } from "../../commands/cases/createCase.ts";
import { exportCasesCsv, exportCasesQuery } from "../../commands/cases/exportCasesCsv.ts";
import { getCase } from "../../commands/cases/getCase.ts";
import { getCaseAuditLog } from "../../commands/cases/getCaseAuditLog.ts";
import { getCaseTimeline } from "../../commands/cases/getCaseTimeline.ts";
import { listCases, listCasesQuery } from "../../commands/cases/listCases.ts";
import { pullNextCase, pullNextCaseInput } from "../../commands/cases/pullNextCase.ts";
import { updateCase, updateCaseInput } from "../../commands/cases/updateCase.ts";
import { bulkUpdateCasesInput, updateCasesInBulk } from "../../commands/cases/updateCasesInBulk.ts";
import { type Db, fromReplica } from "../../db/client.ts";
import { requireActor } from "../context.ts";
import { fastSerializerCompiler } from "../fast-serializer.ts";
import { fingerprint } from "../fingerprint.ts";
import {
  auditItem,
  bulkUpdateResult,
  caseDetail,
  caseListItem,
  page,
  timelineItem,
} from "./case-schemas.ts";
import { caseNumberParams, pageQuery } from "./params.ts";

const idempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
    .optional()
    .describe("Retrying a create with the same key returns the first result"),
});

const tags = ["cases"];

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;
  // Reads that may lag a second or two: from the replica when there is one.
  const onReplica = <T>(read: (db: Db) => Promise<T>) => fromReplica(app.baton.database, read);

  app.post(
    "/cases",
    {
      schema: {
        operationId: "createCase",
        tags,
        summary: "Create a case",
        body: createCaseInput,
        headers: idempotencyHeaders,
        response: { 200: caseDetail, 201: caseDetail },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const key = request.headers["idempotency-key"];
      const result = await createCase(
        db(),
        actor,
        request.body,
        key ? { key, fingerprint: fingerprint(request.body) } : undefined,
      );
      if (result.replayed) reply.header("idempotent-replayed", "true");
      reply.header("location", `/api/v1/cases/${result.number}`);
      return reply.code(201).send(await getCase(db(), actor, result.number));
    },
  );

  app.post(
    "/workspaces/:workspace/next-case",
    {
      schema: {
        operationId: "pullNextCase",
        tags,
        summary: "Take the next case waiting in my queues (where the policy lets agents pull)",
        params: pullNextCaseInput,
        response: { 201: caseDetail },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { number } = await pullNextCase(db(), actor, request.params);
      reply.header("location", `/api/v1/cases/${number}`);
      return reply.code(201).send(await getCase(db(), actor, number));
    },
  );

  app.get(
    "/cases",
    {
      schema: {
        operationId: "listCases",
        tags,
        summary: "List cases, newest change first, with filters and a cursor",
        querystring: listCasesQuery,
        response: { 200: page(caseListItem) },
      },
      // Up to 200 cases a page, on every list view: compiled, not checked by Zod on the way.
      serializerCompiler: fastSerializerCompiler,
    },
    async (request) => listCases(db(), requireActor(request), request.query),
  );

  app.get(
    "/cases/:number",
    {
      schema: {
        operationId: "getCase",
        tags,
        summary: "Read a case by its number",
        params: caseNumberParams,
        response: { 200: caseDetail },
      },
    },
    async (request) => getCase(db(), requireActor(request), request.params.number),
  );

  app.patch(
    "/cases/:number",
    {
      schema: {
        operationId: "updateCase",
        tags,
        summary: "Change a case; send the version you read (409 if it is stale)",
        params: caseNumberParams,
        body: updateCaseInput,
        response: { 200: caseDetail },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateCase(db(), actor, request.params.number, request.body);
      return getCase(db(), actor, request.params.number);
    },
  );

  app.post(
    "/cases/bulk",
    {
      schema: {
        operationId: "bulkUpdateCases",
        tags,
        summary:
          "Change status, priority, severity, owner or queue of several cases; each succeeds or fails on its own",
        body: bulkUpdateCasesInput,
        response: { 200: bulkUpdateResult },
      },
    },
    async (request) => updateCasesInBulk(db(), requireActor(request), request.body),
  );

  app.get(
    "/cases.csv",
    {
      schema: {
        operationId: "exportCases",
        tags,
        summary: "Any case list as CSV (RFC 4180, a header row), with the list's filters, streamed",
        querystring: exportCasesQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const file = await onReplica((db) =>
        exportCasesCsv(db, requireActor(request), request.query),
      );
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.stream);
    },
  );

  app.post(
    "/cases/:number/notes",
    {
      schema: {
        operationId: "addCaseNote",
        tags,
        summary: "Add a public or private note; @handles mention agents",
        params: caseNumberParams,
        body: addNoteInput,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await addActivity(db(), actor, request.params.number, {
        ...request.body,
        kind: "note",
      });
      return reply.code(201).send(created);
    },
  );

  app.post(
    "/cases/:number/calls",
    {
      schema: {
        operationId: "logCaseCall",
        tags,
        summary: "Log a phone call on the case",
        params: caseNumberParams,
        body: logCallInput,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await addActivity(db(), actor, request.params.number, {
        ...request.body,
        kind: "call",
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    "/cases/:number/timeline",
    {
      schema: {
        operationId: "getCaseTimeline",
        tags,
        summary: "Notes, calls and system events, oldest first",
        params: caseNumberParams,
        querystring: pageQuery,
        response: { 200: page(timelineItem) },
      },
    },
    async (request) =>
      getCaseTimeline(db(), requireActor(request), request.params.number, request.query),
  );

  app.get(
    "/cases/:number/audit",
    {
      schema: {
        operationId: "getCaseAuditLog",
        tags,
        summary: "The case's audit log, oldest first",
        params: caseNumberParams,
        querystring: pageQuery,
        response: { 200: page(auditItem) },
      },
    },
    async (request) =>
      getCaseAuditLog(db(), requireActor(request), request.params.number, request.query),
  );
};
