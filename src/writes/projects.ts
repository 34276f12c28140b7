import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { projectTasks } from "../db/schema.ts";
import { conflict } from "../domain/errors.ts";
import { taskData, taskEnvelope } from "../domain/projects/events.ts";
import type { TaskRecord, TaskRow } from "../loaders/projects.ts";
import { resolveMentions } from "./case-activity.ts";
import { emit } from "./emit.ts";
import { insertTaskNoteRow } from "./task-rows.ts";

/**
 * Changes a task (its row locked by the caller) if it is still at the version the person saw,
 * bumping the version; a stale version is a 409, never a silent overwrite.
 */
export async function changeTask(
  tx: Db,
  task: TaskRecord,
  version: number,
  set: Partial<typeof projectTasks.$inferInsert>,
): Promise<TaskRow> {
  const [row] = await tx
    .update(projectTasks)
    .set({ ...set, version: sql`${projectTasks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(projectTasks.id, task.row.id), eq(projectTasks.version, version)))
    .returning();
  if (!row)
    throw conflict(`Task T-${task.row.number} changed meanwhile; reload it and try again`, {
      currentVersion: task.row.version,
    });
  return row;
}

export interface TaskNoteInput {
  kind: "note" | "call" | "system";
  body: string;
  authorId: string | null;
  /** Ids named besides the @handles in the text. */
  mentions?: readonly string[];
  data?: Record<string, unknown>;
}

/** A line on the task's activity (S2.1), with its @mentions resolved, and its event. */
export async function insertTaskNote(
  tx: Db,
  task: TaskRow,
  projectCode: string,
  note: TaskNoteInput,
): Promise<{ id: number; mentions: string[] }> {
  const mentions = await resolveMentions(tx, task.workspaceId, note.body, [
    ...(note.mentions ?? []),
  ]);
  const id = await insertTaskNoteRow(tx, task.id, { ...note, mentions });
  if (note.kind !== "system")
    await emit(tx, {
      ...taskEnvelope(task, note.authorId),
      name: "task.note_added",
      data: { ...taskData(task, projectCode), noteId: id, kind: note.kind, mentions },
    });
  return { id, mentions };
}
