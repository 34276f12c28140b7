import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, projects, projectTasks, users } from "../db/schema.ts";
import { hoursText } from "../domain/projects/tasks.ts";
import type { EventOf } from "../events/catalogue.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { caseLink, renderer, writeInApp } from "./in-app.ts";
import { enqueueDeliveries } from "./outbox.ts";
import { followUpDueTopic } from "./templates/follow-up-due.ts";

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

/** A roadblock's case resolved: the project manager is asked, in-app and by email, to schedule the follow-up. */
export async function followUpWaiting(tx: Db, e: EventOf<"task.follow_up_drafted">): Promise<void> {
  if (!e.workspaceId) return;
  const [p] = await tx
    .select({
      managerId: projects.managerId,
      name: projects.name,
      managerName: users.name,
      managerEmail: users.email,
      estimate: projectTasks.estimateMinutes,
      dueOn: projectTasks.dueOn,
    })
    .from(projectTasks)
    .innerJoin(projects, eq(projects.id, projectTasks.projectId))
    .innerJoin(users, eq(users.id, projects.managerId))
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
  if (!e.caseId || !e.caseNumber) return;
  const ws = await workspaceById(tx, e.workspaceId);
  const render = await renderer(tx, e.workspaceId, followUpDueTopic, ws.policy.defaults.language);
  const [kase] = await tx
    .select({ subject: cases.subject })
    .from(cases)
    .where(eq(cases.id, e.caseId));
  const { subject, text } = render({
    caseNumber: e.caseNumber,
    caseSubject: kase?.subject ?? "",
    recipientName: p.managerName,
    projectName: p.name,
    followUp: `T-${e.data.number}`,
    follows: `T-${e.data.follows}`,
    taskTitle: e.data.title.replace(/^Follow-up: /, ""),
    estimate:
      p.estimate === null
        ? "not known yet"
        : `${hoursText(p.estimate)}${p.dueOn ? `, by ${p.dueOn}` : ""}`,
    link: caseLink(e.caseNumber),
  });
  await enqueueDeliveries(tx, [
    {
      workspaceId: e.workspaceId,
      caseId: e.caseId,
      caseNumber: e.caseNumber,
      channel: "email",
      topic: "follow_up_due",
      event: "task.follow_up_drafted",
      sourceId: String(e.data.number),
      recipient: p.managerEmail,
      recipientName: p.managerName,
      subject,
      body: text,
    },
  ]);
}
