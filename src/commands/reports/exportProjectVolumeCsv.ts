import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { CSV_TABLES, projectVolumeCsv } from "../../presenters/project-volume.ts";
import {
  type ProjectVolumeQuery,
  projectVolumeQuery,
  readProjectVolume,
} from "./readProjectVolume.ts";

export const projectVolumeCsvQuery = projectVolumeQuery.extend({
  table: z
    .enum(CSV_TABLES)
    .default("weekly")
    .describe(
      "Which figures: weekly (counts by week, a column per product and queue; the default), resolution (time to resolve per product), open (roadblocks not resolved) or moved (tasks that move their project's timeline)",
    ),
});

/** One table of the project volume report as CSV (RFC 4180, a header row), with its filters. */
export async function exportProjectVolumeCsv(
  db: Db,
  actor: Actor,
  slug: string,
  query: ProjectVolumeQuery & { table: z.infer<typeof projectVolumeCsvQuery>["table"] },
  now: Date = new Date(),
) {
  const report = await readProjectVolume(db, actor, slug, query, now);
  return {
    filename: `project-volume-${report.workspace}-${query.table}-${report.range.from}-to-${report.range.to}.csv`,
    csv: projectVolumeCsv(report, query.table),
  };
}
