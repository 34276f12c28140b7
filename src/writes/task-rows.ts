import type { Db } from "../db/client.ts";
import { projectTaskNotes } from "../db/schema.ts";

// A task activity row as given, for the commands that write one with their event.

export interface TaskNoteRow {
  kind: "note" | "call" | "system";
  body: string;
  authorId: string | null;
  mentions: readonly string[];
  data?: Record<string, unknown> | undefined;
}

/** A line on a task's activity (S2.1), stored as given. */
export async function insertTaskNoteRow(tx: Db, taskId: string, note: TaskNoteRow) {
  const [row] = await tx
    .insert(projectTaskNotes)
    .values({
      taskId,
      kind: note.kind,
      body: note.body,
      authorId: note.authorId,
      mentions: [...note.mentions],
      data: note.data ?? null,
    })
    .returning({ id: projectTaskNotes.id });
  if (!row) throw new Error("task note insert returned nothing");
  return row.id;
}
