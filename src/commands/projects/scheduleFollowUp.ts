import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { forbidden, ruleBroken } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { taskData, taskEnvelope } from "../../domain/projects/events.ts";
import { calendarDate, scheduledNote, taskAbilities } from "../../domain/projects/tasks.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { taskByNumber, taskViewer } from "../../loaders/projects.ts";
import { resolveInApp } from "../../notify/in-app.ts";
import { presentTask } from "../../presenters/projects.ts";
import { emit } from "../../writes/emit.ts";
import { changeTask, insertTaskNote } from "../../writes/projects.ts";

export const scheduleFollowUpInput = z.strictObject({
  version: rowVersion.describe("The task's version you saw"),
  scheduledOn: calendarDate.describe("The day the work is scheduled for"),
  assigneeId: z.uuid("must be a person's id").nullable().optional().describe("Who does it"),
  dueOn: calendarDate.nullable().optional(),
});

/** The PM schedules a draft follow-up (S2.4): it opens, on a day, for someone. */
export async function scheduleFollowUp(
  db: Db,
  actor: Actor,
  number: number,
  input: z.infer<typeof scheduleFollowUpInput>,
) {
  const { ws } = await taskByNumber(db, actor, number);
  const viewer = taskViewer(actor, ws);
  await db.transaction(async (tx) => {
    const { task } = await taskByNumber(tx, actor, number, true);
    if (task.row.status !== "draft")
      throw ruleBroken(
        "task_not_draft",
        `T-${number} is not a draft follow-up waiting to be scheduled`,
      );
    if (!taskAbilities(viewer, task.row).schedule)
      throw forbidden("Only a project manager schedules follow-up tasks");
    const assigneeId = input.assigneeId === undefined ? task.row.assigneeId : input.assigneeId;
    const issues = await checkMembers(tx, ws.id, { assigneeId });
    if (issues.length) refuse(issues);
    const row = await changeTask(tx, task, input.version, {
      status: "open",
      scheduledOn: input.scheduledOn,
      assigneeId,
      ...(input.dueOn !== undefined ? { dueOn: input.dueOn } : {}),
    });
    const { body, line } = scheduledNote(input.scheduledOn, actor.name);
    await insertTaskNote(tx, row, task.project.row.code, {
      kind: "system",
      body,
      authorId: actor.userId,
      data: { line },
    });
    await resolveInApp(tx, "task_follow_up", String(number));
    await emit(tx, {
      ...taskEnvelope(row, actor.userId),
      name: "task.scheduled",
      data: { ...taskData(row, task.project.row.code), scheduledOn: input.scheduledOn },
    });
  });
  const { task } = await taskByNumber(db, actor, number);
  return presentTask(task, viewer);
}
