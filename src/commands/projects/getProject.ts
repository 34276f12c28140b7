import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import {
  projectByCode,
  projectsWorkspace,
  taskCounts,
  tasksOfProject,
  taskViewer,
} from "../../loaders/projects.ts";
import { presentProject, presentTask } from "../../presenters/projects.ts";

/** One project with its tasks, each saying what the caller may do with it. */
export async function getProject(db: Db, actor: Actor, slug: string, code: string) {
  const ws = await projectsWorkspace(db, actor, slug);
  const p = await projectByCode(db, ws.id, code);
  const viewer = taskViewer(actor, ws);
  const [tasks, counts] = await Promise.all([
    tasksOfProject(db, p.row.id),
    taskCounts(db, [p.row.id]),
  ]);
  return {
    ...presentProject(p, counts.get(p.row.id)),
    items: tasks.map((t) => presentTask(t, viewer)),
    viewer: { manage: viewer.manages },
  };
}
