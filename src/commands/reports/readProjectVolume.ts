import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { invalid } from "../../domain/errors.ts";
import {
  movedProjects,
  reportDays,
  reportingZone,
  reportRange,
  resolutionFigures,
  volumeFigures,
} from "../../domain/reports/project-volume.ts";
import { code } from "../../domain/text.ts";
import {
  blockedTasksWithFinish,
  OPEN_LIMIT,
  openRoadblocks,
  projectByCode,
  projectChoices,
  reportWorkspace,
  resolvedRoadblocks,
  weeklyCounts,
} from "../../loaders/project-volume.ts";

export const projectVolumeQuery = z.strictObject({
  ...reportDays,
  project: code.optional().describe("Only this project, by its code"),
  product: code.optional().describe("Only cases of this product, by its code"),
  queue: code.optional().describe("Only cases opened into this queue, by its code"),
});

export type ProjectVolumeQuery = z.infer<typeof projectVolumeQuery>;

/**
 * The project volume report (S2.6): cases opened from project work by week, product and queue;
 * time from roadblock to resolution; and the projects whose timelines moved.
 */
export async function readProjectVolume(
  db: Db,
  actor: Actor,
  slug: string,
  query: ProjectVolumeQuery,
  now: Date = new Date(),
) {
  const ws = await reportWorkspace(db, actor, slug);
  const { policy } = ws;
  if (query.product && !policy.products.some((p) => p.code === query.product))
    throw invalid("querystring.product", "is not a product of this workspace");
  if (query.queue && !policy.queues.some((q) => q.code === query.queue))
    throw invalid("querystring.queue", "is not a queue of this workspace");
  const project = query.project ? await projectByCode(db, ws.id, query.project) : null;
  if (query.project && !project)
    throw invalid("querystring.project", "is not a project of this workspace");
  const range = reportRange(query, reportingZone(policy.regions), now);
  const filter = { projectId: project?.id, product: query.product, queue: query.queue };
  const [counts, resolved, open, blocked, projects] = await Promise.all([
    weeklyCounts(db, ws.id, range, filter),
    resolvedRoadblocks(db, ws.id, range, filter),
    openRoadblocks(db, ws.id, range, filter),
    blockedTasksWithFinish(db, ws.id, range, filter),
    projectChoices(db, ws.id),
  ]);
  const named = (list: readonly { code: string; name: string }[]) =>
    list.map((i) => ({ code: i.code, name: i.name }));
  return {
    workspace: ws.slug,
    range,
    filters: {
      project: project ? { code: project.code, name: project.name } : null,
      product: query.product ?? null,
      queue: query.queue ?? null,
    },
    volume: volumeFigures(range, counts, { products: policy.products, queues: policy.queues }),
    resolution: resolutionFigures(resolved, open, policy.products, now),
    openMore: open.length >= OPEN_LIMIT,
    movedProjects: movedProjects(blocked),
    choices: {
      projects: projects,
      products: named(policy.products),
      queues: named(policy.queues),
    },
    generatedAt: now,
  };
}

export type ProjectVolume = Awaited<ReturnType<typeof readProjectVolume>>;
