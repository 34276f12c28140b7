import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { projectTasks } from "../../db/schema.ts";
import { taskData, taskEnvelope } from "../../domain/projects/events.ts";
import { calendarDate, taskMinutes } from "../../domain/projects/tasks.ts";
import { requiredLine, safeText } from "../../domain/text.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import {
  projectByCode,
  projectsWorkspace,
  taskByNumber,
  taskViewer,
} from "../../loaders/projects.ts";
import { presentTask } from "../../presenters/projects.ts";
import { emit } from "../../writes/emit.ts";

export const createTaskInput = z.strictObject({
  title: requiredLine(300),
  description: safeText(20_000).default(""),
  assigneeId: z.uuid("must be a person's id").nullable().optional(),
  estimateMinutes: taskMinutes.nullable().optional(),
  dueOn: calendarDate.nullable().optional(),
});

/** A piece of project work, by someone who runs projects. */
export async function createTask(
  db: Db,
  actor: Actor,
  slug: string,
  code: string,
  input: z.infer<typeof createTaskInput>,
) {
  const ws = await projectsWorkspace(db, actor, slug);
  authorize(actor, "project.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const number = await db.transaction(async (tx) => {
    const p = await projectByCode(tx, ws.id, code);
    const issues = await checkMembers(tx, ws.id, { assigneeId: input.assigneeId });
    if (issues.length) refuse(issues);
    const [row] = await tx
      .insert(projectTasks)
      .values({
        workspaceId: ws.id,
        projectId: p.row.id,
        title: input.title,
        description: input.description,
        assigneeId: input.assigneeId ?? null,
        estimateMinutes: input.estimateMinutes ?? null,
        dueOn: input.dueOn ?? null,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("task insert returned nothing");
    await emit(tx, {
      ...taskEnvelope(row, actor.userId),
      name: "task.created",
      data: taskData(row, p.row.code),
    });
    return row.number;
  });
  const { task } = await taskByNumber(db, actor, number);
  return presentTask(task, taskViewer(actor, ws));
}
