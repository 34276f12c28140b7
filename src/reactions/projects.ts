import { and, desc, eq, exists, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { activities, cases, projects, projectTaskNotes, projectTasks } from "../db/schema.ts";
import { taskData, taskEnvelope } from "../domain/projects/events.ts";
import { followUpDraft, followUpDraftedNote } from "../domain/projects/tasks.ts";
import type { EventOf } from "../events/catalogue.ts";
import type { EmitScope, SubscriberList } from "../events/emit.ts";
import { caseLink } from "../notify/in-app.ts";

const RESOLVED = ["resolved", "closed"];

/** An edit of the case that set its status to resolved or closed. */
async function onCaseUpdated(tx: Db, e: EventOf<"case.updated">, scope: EmitScope): Promise<void> {
  const to = e.data.changes.status?.to;
  if (!e.caseId || typeof to !== "string" || !RESOLVED.includes(to)) return;
  await draftFollowUp(tx, e.caseId, e.actorId, scope);
}

/**
 * A transfer may set the case's status as it completes (its `newStatus`), and says so only in
 * `transfer.completed`; a roadblock's case closed that way still leaves the PM the follow-up.
 */
async function onTransferCompleted(
  tx: Db,
  e: EventOf<"transfer.completed">,
  scope: EmitScope,
): Promise<void> {
  // The case's status is the transfer's new one: nothing to claim unless that resolves it.
  if (e.caseId && RESOLVED.includes(e.facts.status))
    await draftFollowUp(tx, e.caseId, e.actorId, scope);
}

/**
 * S2.4: once the case a task stopped for is resolved, a draft follow-up waits for the project
 * manager, carrying what finishing takes and the resolution. Only the first resolution does it:
 * the task's `case_resolved_at` is claimed in the same statement that checks the case's status,
 * so retries and other processes find it taken.
 */
async function draftFollowUp(
  tx: Db,
  caseId: string,
  actorId: string | null,
  scope: EmitScope,
): Promise<void> {
  const now = new Date();
  const resolved = tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.id, caseId), inArray(cases.status, RESOLVED)));
  const [task] = await tx
    .update(projectTasks)
    .set({ caseResolvedAt: now, updatedAt: now })
    .where(
      and(eq(projectTasks.caseId, caseId), isNull(projectTasks.caseResolvedAt), exists(resolved)),
    )
    .returning();
  if (!task) return;
  const [kase] = await tx
    .select({ number: cases.number, subject: cases.subject })
    .from(cases)
    .where(eq(cases.id, caseId));
  const [project] = await tx
    .select({ code: projects.code })
    .from(projects)
    .where(eq(projects.id, task.projectId));
  if (!kase || !project) return;
  const [resolution] = await tx
    .select({ body: activities.body })
    .from(activities)
    .where(
      and(
        eq(activities.caseId, caseId),
        eq(activities.visibility, "public"),
        inArray(activities.kind, ["note", "call", "email"]),
      ),
    )
    .orderBy(desc(activities.id))
    .limit(1);
  const draft = followUpDraft({
    number: task.number,
    title: task.title,
    minutesToFinish: task.minutesToFinish,
    finishOn: task.finishOn,
    caseNumber: kase.number,
    caseSubject: kase.subject,
    resolution: resolution?.body ?? null,
    caseLink: caseLink(kase.number) ?? `case #${kase.number}`,
  });
  const [followUp] = await tx
    .insert(projectTasks)
    .values({
      workspaceId: task.workspaceId,
      projectId: task.projectId,
      title: draft.title,
      description: draft.description,
      assigneeId: task.assigneeId,
      status: "draft",
      estimateMinutes: draft.estimateMinutes,
      dueOn: draft.dueOn,
      followsTaskId: task.id,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!followUp) return;
  const { body, line } = followUpDraftedNote(kase.number, followUp.number);
  await tx.insert(projectTaskNotes).values({
    taskId: task.id,
    kind: "system",
    body,
    authorId: null,
    data: { caseNumber: kase.number, followUp: followUp.number, line },
  });
  await scope.emit({
    ...taskEnvelope(followUp, actorId),
    caseId,
    caseNumber: kase.number,
    name: "task.follow_up_drafted",
    data: { ...taskData(followUp, project.code), follows: task.number, caseNumber: kase.number },
  });
}

export const PROJECT_REACTIONS: SubscriberList = {
  "case.updated": [onCaseUpdated],
  "transfer.completed": [onTransferCompleted],
};
