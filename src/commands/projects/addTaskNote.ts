import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { forbidden } from "../../domain/errors.ts";
import { taskAbilities } from "../../domain/projects/tasks.ts";
import { lineText, safeText } from "../../domain/text.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { taskByNumber, taskViewer } from "../../loaders/projects.ts";
import { presentTaskNote } from "../../presenters/projects.ts";
import { insertTaskNote } from "../../writes/projects.ts";

const body = safeText(20_000, 1).refine((v) => v.trim().length > 0, "must not be blank");

export const addTaskNoteInput = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("note"),
    body,
    mentions: z.array(z.uuid()).max(50).optional().describe("People to mention, besides @handles"),
  }),
  z.strictObject({
    kind: z.literal("call").describe("A quick call, logged on the task with its notes"),
    body,
    withWhom: lineText(200).describe("Who was on the call"),
    minutes: z.number().int().min(1).max(480).describe("How long the call took"),
    mentions: z.array(z.uuid()).max(50).optional(),
  }),
]);

/** A note or a quick call's notes on a task (S2.1): the task's assignee or a PM writes it. */
export async function addTaskNote(
  db: Db,
  actor: Actor,
  number: number,
  input: z.infer<typeof addTaskNoteInput>,
) {
  const { task, ws } = await taskByNumber(db, actor, number);
  if (!taskAbilities(taskViewer(actor, ws), task.row).note)
    throw forbidden(`Only the task's assignee or a project manager writes on T-${number}`);
  return db.transaction(async (tx) => {
    const explicit = input.mentions ?? [];
    const missing = await checkMembers(
      tx,
      ws.id,
      Object.fromEntries(explicit.map((id, i) => [`mentions.${i}`, id])),
    );
    if (missing.length) refuse(missing);
    const written = await insertTaskNote(tx, task.row, task.project.row.code, {
      kind: input.kind,
      body: input.body,
      authorId: actor.userId,
      mentions: explicit,
      ...(input.kind === "call"
        ? { data: { withWhom: input.withWhom, minutes: input.minutes } }
        : {}),
    });
    return presentTaskNote({
      id: written.id,
      kind: input.kind,
      body: input.body,
      authorId: actor.userId,
      authorName: actor.name,
      data: input.kind === "call" ? { withWhom: input.withWhom, minutes: input.minutes } : null,
      createdAt: new Date(),
    });
  });
}
