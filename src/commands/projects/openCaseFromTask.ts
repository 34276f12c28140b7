import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { conflict, forbidden, ruleBroken } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { taskData, taskEnvelope } from "../../domain/projects/events.ts";
import {
  calendarDate,
  hoursText,
  openCaseRefusal,
  roadblockLine,
  roadblockNote,
  taskMinutes,
} from "../../domain/projects/tasks.ts";
import { code, lineText, requiredLine, safeText } from "../../domain/text.ts";
import { taskByNumber, taskViewer } from "../../loaders/projects.ts";
import { presentTask } from "../../presenters/projects.ts";
import { writeCaseActivity } from "../../writes/case-activity.ts";
import { emit } from "../../writes/emit.ts";
import { openCase } from "../../writes/open-case.ts";
import { changeTask, insertTaskNote } from "../../writes/projects.ts";

export const openCaseFromTaskInput = z.strictObject({
  version: rowVersion.describe("The task's version you saw"),
  subject: requiredLine(300).describe("A summary of the issue"),
  description: safeText(50_000).default("").describe("Full details; attach screenshots after"),
  contactId: z.uuid("must be a contact id").optional().describe("The customer's contact"),
  impact: safeText(2_000).default(""),
  severity: code.optional(),
  priority: code.optional(),
  product: code.describe("The product concerned; a case without one cannot go to triage"),
  subProduct: code.optional().describe("Optional; one of the product's sub-products"),
  queue: code.optional().describe("The queue that owns the case, e.g. support-l1"),
  minutesDelivered: taskMinutes.describe("Time delivered on the task so far, in minutes"),
  minutesToFinish: taskMinutes.nullable().optional().describe("Estimate to finish, in minutes"),
  finishOn: calendarDate.nullable().optional().describe("When the task can be finished, if known"),
  note: lineText(2_000, 0).optional().describe("Anything else for the project manager"),
});

/**
 * A roadblock on a project task becomes a case (S2.2), and the task records it as S2.4 says, in
 * one transaction: the case is the customer's, owned by a queue, with the task's assignee as
 * secondary owner; the task links it, keeps the time delivered and what finishing takes,
 * @mentions the project manager and closes.
 */
export async function openCaseFromTask(
  db: Db,
  actor: Actor,
  number: number,
  input: z.infer<typeof openCaseFromTaskInput>,
) {
  const { ws } = await taskByNumber(db, actor, number);
  const viewer = taskViewer(actor, ws);
  const dev = ws.policy.guardOptions.developmentQueues;
  if (input.queue && dev.includes(input.queue))
    throw ruleBroken(
      "development-only-via-triage",
      "queue: cases reach development only through triage; open it in Support L1 or another queue, then transfer it to triage",
      "queue",
    );
  const caseNumber = await db.transaction(async (tx) => {
    const { task } = await taskByNumber(tx, actor, number, true);
    const refusal = openCaseRefusal(viewer, task.row, number);
    if (refusal?.status === "conflict") throw conflict(refusal.message);
    if (refusal?.status === "forbidden") throw forbidden(refusal.message);
    if (refusal) throw ruleBroken("task_not_open", refusal.message);
    if (task.row.version !== input.version)
      throw conflict(`Task T-${number} changed meanwhile; reload it and try again`, {
        currentVersion: task.row.version,
      });
    const project = task.project;
    const kase = await openCase(
      tx,
      ws,
      actor.userId,
      {
        subject: input.subject,
        description: input.description,
        internalTitle: "",
        customerId: project.row.customerId,
        ...(input.contactId ? { contactId: input.contactId } : {}),
        impact: input.impact,
        is24x7: false,
        product: input.product,
        ...(input.subProduct ? { subProduct: input.subProduct } : {}),
        ...(input.severity ? { severity: input.severity } : {}),
        ...(input.priority ? { priority: input.priority } : {}),
        ...(input.queue ? { queue: input.queue } : {}),
        ownerId: null,
        secondaryOwnerId: actor.userId,
        stepsToReproduce: "",
      },
      null,
    );
    const now = new Date();
    const row = await changeTask(tx, task, input.version, {
      caseId: kase.id,
      blockedAt: now,
      minutesDelivered: input.minutesDelivered,
      minutesToFinish: input.minutesToFinish ?? null,
      finishOn: input.finishOn ?? null,
      status: "closed",
      closedAt: now,
    });
    const handle = project.managerEmail.split("@")[0] ?? "";
    const roadblock = {
      taskNumber: number,
      caseNumber: kase.number,
      minutesDelivered: input.minutesDelivered,
      minutesToFinish: input.minutesToFinish ?? null,
      finishOn: input.finishOn ?? null,
      managerHandle: handle,
    };
    const text = roadblockNote(roadblock);
    await insertTaskNote(tx, row, project.row.code, {
      kind: "system",
      body: input.note ? `${text}\n${input.note}` : text,
      authorId: actor.userId,
      mentions: [project.row.managerId],
      data: { caseNumber: kase.number, line: roadblockLine(roadblock, input.note) },
    });
    // The PM hears of it the way any @mention is told (in-app and by email), from the case.
    await writeCaseActivity(
      tx,
      { id: kase.id, number: kase.number, subject: kase.subject, workspaceId: ws.id },
      { id: actor.userId, name: actor.name },
      ws.policy.defaults.language,
      {
        kind: "note",
        visibility: "private",
        body: [
          `Opened from task T-${number} of project ${project.row.code} (${project.row.name}).`,
          `Time delivered so far: ${hoursText(input.minutesDelivered)}; ${
            input.minutesToFinish == null
              ? "estimate to finish not known yet"
              : `estimate to finish ${hoursText(input.minutesToFinish)}`
          }${input.finishOn ? ` by ${input.finishOn}` : ""}.`,
          `@${handle} the task is closed; schedule the follow-up once this case is resolved.`,
        ].join("\n"),
        mentions: [project.row.managerId],
      },
    );
    await emit(tx, {
      ...taskEnvelope(row, actor.userId),
      caseId: kase.id,
      caseNumber: kase.number,
      name: "task.case_opened",
      data: {
        ...taskData(row, project.row.code),
        caseNumber: kase.number,
        minutesDelivered: row.minutesDelivered,
        minutesToFinish: row.minutesToFinish,
        finishOn: row.finishOn,
      },
    });
    return kase.number;
  });
  const { task } = await taskByNumber(db, actor, number);
  return { caseNumber, task: presentTask(task, viewer) };
}
