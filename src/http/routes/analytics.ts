import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  exportHandoffAnalyticsCsv,
  handoffAnalyticsCsvQuery,
} from "../../commands/analytics/exportHandoffAnalyticsCsv.ts";
import {
  handoffAnalyticsQuery,
  readHandoffAnalytics,
} from "../../commands/analytics/readHandoffAnalytics.ts";
import { type Db, fromReplica } from "../../db/client.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import { handoffAnalyticsAnswer } from "./analytics-schemas.ts";

const tags = ["analytics"];
const handoffs = "/workspaces/:workspace/analytics/handoffs";

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  // Reads that may lag a second or two: from the replica when there is one.
  const onReplica = <T>(read: (db: Db) => Promise<T>) => fromReplica(app.baton.database, read);

  app.get(
    handoffs,
    {
      schema: {
        operationId: "getHandoffAnalytics",
        tags,
        summary:
          "Handoff analytics: transfers by kind, region pair, queue and week; time in each step; ping-pong; follow-the-sun; SLA after a handoff; quality scores and the lowest transfers explained; capacity",
        params: z.strictObject({ workspace: slug }),
        querystring: handoffAnalyticsQuery,
        response: { 200: handoffAnalyticsAnswer },
      },
    },
    async (request) =>
      onReplica((db) =>
        readHandoffAnalytics(db, requireActor(request), request.params.workspace, request.query),
      ),
  );

  app.get(
    `${handoffs}.csv`,
    {
      schema: {
        operationId: "exportHandoffAnalytics",
        tags,
        summary: "One table of the handoff analytics as CSV (RFC 4180, a header row)",
        params: z.strictObject({ workspace: slug }),
        querystring: handoffAnalyticsCsvQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const file = await onReplica((db) =>
        exportHandoffAnalyticsCsv(
          db,
          requireActor(request),
          request.params.workspace,
          request.query,
        ),
      );
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.csv);
    },
  );
};
