import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  exportProjectVolumeCsv,
  projectVolumeCsvQuery,
} from "../../commands/reports/exportProjectVolumeCsv.ts";
import { projectVolumeQuery, readProjectVolume } from "../../commands/reports/readProjectVolume.ts";
import { type Db, fromReplica } from "../../db/client.ts";
import { slug } from "../../domain/text.ts";
import { presentProjectVolume } from "../../presenters/project-volume.ts";
import { requireActor } from "../context.ts";
import { projectVolumeAnswer } from "./report-schemas.ts";

const tags = ["reports"];
const projectVolume = "/workspaces/:workspace/reports/project-volume";

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  // Reads that may lag a second or two: from the replica when there is one.
  const onReplica = <T>(read: (db: Db) => Promise<T>) => fromReplica(app.baton.database, read);

  app.get(
    projectVolume,
    {
      schema: {
        operationId: "getProjectVolumeReport",
        tags,
        summary:
          "Project volume: cases opened from project work by week, product and queue; time to resolve; projects whose timelines moved",
        params: z.strictObject({ workspace: slug }),
        querystring: projectVolumeQuery,
        response: { 200: projectVolumeAnswer },
      },
    },
    async (request) =>
      presentProjectVolume(
        await onReplica((db) =>
          readProjectVolume(db, requireActor(request), request.params.workspace, request.query),
        ),
      ),
  );

  app.get(
    `${projectVolume}.csv`,
    {
      schema: {
        operationId: "exportProjectVolumeReport",
        tags,
        summary: "One table of the project volume report as CSV (RFC 4180, a header row)",
        params: z.strictObject({ workspace: slug }),
        querystring: projectVolumeCsvQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const file = await onReplica((db) =>
        exportProjectVolumeCsv(db, requireActor(request), request.params.workspace, request.query),
      );
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.csv);
    },
  );
};
