import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addSheetEntry, addSheetEntryInput } from "../../commands/sheet/addSheetEntry.ts";
import { claimSheetEntry, sheetVersionInput } from "../../commands/sheet/claimSheetEntry.ts";
import { completeSheetEntry } from "../../commands/sheet/completeSheetEntry.ts";
import { editSheetEntry, editSheetEntryInput } from "../../commands/sheet/editSheetEntry.ts";
import { exportSheetCsv } from "../../commands/sheet/exportSheetCsv.ts";
import { listSheetEntries, sheetQuery } from "../../commands/sheet/listSheetEntries.ts";
import { releaseSheetEntry } from "../../commands/sheet/releaseSheetEntry.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { sheetEntry, sheetList } from "./sheet-schemas.ts";

const tags = ["hand-off sheet"];
const sheet = "/workspaces/:workspace/sheet";
const entryParams = z.strictObject({ workspace: slug, id: z.uuid().describe("The entry's id") });

export const sheetRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.get(
    sheet,
    {
      schema: {
        operationId: "listSheetEntries",
        tags,
        summary: "The hand-off sheet: cases that need attention, due soonest first",
        params: z.strictObject({ workspace: slug }),
        querystring: sheetQuery,
        response: { 200: sheetList },
      },
    },
    async (request) =>
      listSheetEntries(db(), requireActor(request), request.params.workspace, request.query),
  );

  app.get(
    `${sheet}.csv`,
    {
      schema: {
        operationId: "exportSheet",
        tags,
        summary: "The hand-off sheet as CSV (RFC 4180, a header row), with the list's filters",
        params: z.strictObject({ workspace: slug }),
        querystring: sheetQuery.omit({ limit: true }),
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const file = await exportSheetCsv(
        db(),
        requireActor(request),
        request.params.workspace,
        request.query,
      );
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.csv);
    },
  );

  app.post(
    sheet,
    {
      schema: {
        operationId: "addSheetEntry",
        tags,
        summary: "Put a case on the hand-off sheet: what it needs, by when, for which team",
        params: z.strictObject({ workspace: slug }),
        body: addSheetEntryInput,
        response: { 201: sheetEntry },
      },
    },
    async (request, reply) => {
      const added = await addSheetEntry(
        db(),
        requireActor(request),
        request.params.workspace,
        request.body,
      );
      return reply.code(201).send(added);
    },
  );

  app.patch(
    `${sheet}/:id`,
    {
      schema: {
        operationId: "updateSheetEntry",
        tags,
        summary: "Change what an entry needs, its due date or note (with its version)",
        params: entryParams,
        body: editSheetEntryInput,
        response: { 200: sheetEntry },
      },
    },
    async (request) => {
      const p = request.params;
      return editSheetEntry(db(), requireActor(request), p.workspace, p.id, request.body);
    },
  );

  const moves = [
    ["claim", claimSheetEntry, "claimSheetEntry", "Claim an open entry: it is yours to work"],
    ["release", releaseSheetEntry, "releaseSheetEntry", "Give a claimed entry back to the sheet"],
    ["done", completeSheetEntry, "finishSheetEntry", "Mark an entry done (its holder, or a lead)"],
  ] as const;
  for (const [path, move, operationId, summary] of moves)
    app.post(
      `${sheet}/:id/${path}`,
      {
        schema: {
          operationId,
          tags,
          summary,
          params: entryParams,
          body: sheetVersionInput,
          response: { 200: sheetEntry },
        },
      },
      async (request) => {
        const p = request.params;
        return move(db(), requireActor(request), p.workspace, p.id, request.body);
      },
    );
};
