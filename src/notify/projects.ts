import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { projects, projectTasks, users } from "../db/schema.ts";
import type { EventOf } from "../events/catalogue.ts";
import { writeInApp } from "./in-app.ts";

// Project tasks (S2.1, S2.4): whom a task's note mentions, and the PM when a follow-up waits.

/** A note or call on a task that @mentions people: each is told in-app, linking to the task. */
export async function taskMentioned(tx: Db, e: EventOf<"task.note_added">): Promise<void> {
  if (!e.workspaceId || e.data.mentions.length === 0) return;
  const [author] = e.actorId
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, e.actorId))
    : [];
  await writeInApp(
    tx,
    e.data.mentions.map((userId) => ({
      userId,
      workspaceId: e.workspaceId as string,
      caseId: null,
      caseNumber: null,
      kind: "task_mention" as const,
      sourceId: `${e.data.number}:${e.data.noteId}`,
      title: `${author?.name ?? "Someone"} mentioned you on task T-${e.data.number}: ${e.data.title}`,
      body: e.data.kind === "call" ? "A call was logged on the task" : "",
      actorId: e.actorId,
    })),
  );
}

/** A roadblock's case resolved: the project manager is asked to schedule the follow-up. */
export async function followUpWaiting(tx: Db, e: EventOf<"task.follow_up_drafted">): Promise<void> {
  if (!e.workspaceId) return;
  const [p] = await tx
    .select({ managerId: projects.managerId, name: projects.name })
    .from(projectTasks)
    .innerJoin(projects, eq(projects.id, projectTasks.projectId))
    .where(eq(projectTasks.id, e.subjectId));
  if (!p) return;
  await writeInApp(tx, [
    {
      userId: p.managerId,
      workspaceId: e.workspaceId,
      caseId: e.caseId ?? null,
      caseNumber: e.caseNumber ?? null,
      kind: "task_follow_up",
      sourceId: String(e.data.number),
      title: `Case #${e.data.caseNumber} is resolved: schedule T-${e.data.number}, the follow-up to T-${e.data.follows} (${p.name})`,
      body: e.data.title,
      actorId: null,
    },
  ]);
}
