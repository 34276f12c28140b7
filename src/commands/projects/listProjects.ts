import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import {
  projectsOf,
  projectsWorkspace,
  taskCounts,
  tasksOf,
  taskViewer,
} from "../../loaders/projects.ts";
import { presentProject, presentTask } from "../../presenters/projects.ts";

/** The workspace's projects, and the open tasks assigned to the caller across them. */
export async function listProjects(db: Db, actor: Actor, slug: string) {
  const ws = await projectsWorkspace(db, actor, slug);
  const viewer = taskViewer(actor, ws);
  const [all, mine] = await Promise.all([projectsOf(db, ws.id), tasksOf(db, ws.id, actor.userId)]);
  const counts = await taskCounts(
    db,
    all.map((p) => p.row.id),
  );
  return {
    items: all.map((p) => presentProject(p, counts.get(p.row.id))),
    myTasks: mine.map((t) => presentTask(t, viewer)),
    viewer: { manage: viewer.manages },
  };
}
