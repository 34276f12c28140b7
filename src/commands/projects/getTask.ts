import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { readCustomers } from "../../loaders/customers.ts";
import { taskByNumber, taskNotes, taskViewer } from "../../loaders/projects.ts";
import { presentTask, presentTaskNote } from "../../presenters/projects.ts";

/**
 * A task with its activity (calls, notes, what Baton did), newest first, and its customer's
 * contacts, whom a case opened from it may name.
 */
export async function getTask(db: Db, actor: Actor, number: number) {
  const { task, ws } = await taskByNumber(db, actor, number);
  const [notes, [customer]] = await Promise.all([
    taskNotes(db, task.row.id),
    readCustomers(db, ws.id, { ids: [task.project.row.customerId], limit: 1 }),
  ]);
  return {
    ...presentTask(task, taskViewer(actor, ws)),
    workspace: ws.slug,
    contacts: (customer?.contacts ?? []).map((c) => ({ id: c.id, name: c.name, email: c.email })),
    activity: notes.map(presentTaskNote),
  };
}
