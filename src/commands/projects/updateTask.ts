import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { forbidden, ruleBroken } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { taskData, taskEnvelope } from "../../domain/projects/events.ts";
import { calendarDate, taskAbilities, taskMinutes } from "../../domain/projects/tasks.ts";
import { requiredLine, safeText } from "../../domain/text.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { taskByNumber, taskViewer } from "../../loaders/projects.ts";
import { presentTask } from "../../presenters/projects.ts";
import { emit } from "../../writes/emit.ts";
import { changeTask } from "../../writes/projects.ts";

export const updateTaskInput = z.strictObject({
  version: rowVersion.describe("The version you saw; a stale one is refused"),
  title: requiredLine(300).optional(),
  description: safeText(20_000).optional(),
  assigneeId: z.uuid("must be a person's id").nullable().optional(),
  status: z.enum(["open", "in_progress", "closed"]).optional(),
  minutesDelivered: taskMinutes.optional(),
  estimateMinutes: taskMinutes.nullable().optional(),
  dueOn: calendarDate.nullable().optional(),
});

/**
 * Changes a task: its assignee keeps their own up to date (status, time delivered, estimate);
 * reassigning or re-planning is the PM's. A draft follow-up is scheduled, not edited open.
 */
export async function updateTask(
  db: Db,
  actor: Actor,
  number: number,
  input: z.infer<typeof updateTaskInput>,
) {
  const { ws } = await taskByNumber(db, actor, number);
  const viewer = taskViewer(actor, ws);
  await db.transaction(async (tx) => {
    const { task } = await taskByNumber(tx, actor, number, true);
    const can = taskAbilities(viewer, task.row);
    if (!can.edit)
      throw forbidden(`Only the task's assignee or a project manager changes T-${number}`);
    const pmOnly = ["title", "assigneeId", "dueOn"] as const;
    const byPm = pmOnly.find((k) => input[k] !== undefined && input[k] !== task.row[k]);
    if (byPm && !viewer.manages) throw forbidden(`${byPm}: only a project manager changes it`);
    if (task.row.status === "draft" && input.status)
      throw ruleBroken(
        "task_draft",
        `status: schedule the follow-up T-${number} to open it`,
        "status",
      );
    if (input.assigneeId) {
      const issues = await checkMembers(tx, ws.id, { assigneeId: input.assigneeId });
      if (issues.length) refuse(issues);
    }
    const { version, ...fields } = input;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, to] of Object.entries(fields)) {
      const from = task.row[key as keyof typeof fields];
      if (to !== undefined && to !== from) changes[key] = { from, to };
    }
    const closing = fields.status === "closed" && task.row.status !== "closed";
    const reopening = fields.status !== undefined && fields.status !== "closed";
    const row = await changeTask(tx, task, version, {
      ...fields,
      ...(closing ? { closedAt: new Date() } : reopening ? { closedAt: null } : {}),
    });
    await emit(tx, {
      ...taskEnvelope(row, actor.userId),
      name: "task.updated",
      data: { ...taskData(row, task.project.row.code), changes },
    });
  });
  const { task } = await taskByNumber(db, actor, number);
  return presentTask(task, viewer);
}
