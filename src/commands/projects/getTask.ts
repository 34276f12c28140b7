import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { taskByNumber, taskNotes, taskViewer } from "../../loaders/projects.ts";
import { presentTask, presentTaskNote } from "../../presenters/projects.ts";

/** A task with its activity (calls, notes, what Baton did), newest first. */
export async function getTask(db: Db, actor: Actor, number: number) {
  const { task, ws } = await taskByNumber(db, actor, number);
  const notes = await taskNotes(db, task.row.id);
  return { ...presentTask(task, taskViewer(actor, ws)), activity: notes.map(presentTaskNote) };
}
