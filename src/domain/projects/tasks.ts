import { DateTime } from "luxon";
import { z } from "zod";
import { invalid } from "../errors.ts";
import { type Said, said } from "../said.ts";

// Seed 002's project work (S2.1, S2.4): what a task may become and who may move it, decided
// without I/O. The commands load the task, ask here, then write.

export const TASK_STATUSES = ["draft", "open", "in_progress", "closed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const PROJECT_STATUSES = ["active", "closed"] as const;

/** A calendar date as projects plan them: YYYY-MM-DD, a real day. */
export const calendarDate = z
  .string()
  .max(10)
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid,
    "must be a date written YYYY-MM-DD",
  );

/** A project's code: short, upper-case, unique in the workspace, e.g. ACME-ROLLOUT. */
export const projectCode = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, "must be capital letters, digits and dashes, e.g. ACME-ROLLOUT");

export interface TaskFacts {
  assigneeId: string | null;
  status: string;
  caseId: string | null;
}

export interface TaskViewer {
  userId: string;
  /** May manage the workspace's projects (the PM's right). */
  manages: boolean;
  /** May open cases in the workspace at all. */
  createsCases: boolean;
}

export interface TaskAbilities {
  edit: boolean;
  note: boolean;
  openCase: boolean;
  schedule: boolean;
}

/**
 * What the viewer may do with a task: its assignee works it (notes, calls, a roadblock's case),
 * a project manager may do anything; a draft follow-up waits for the PM to schedule it.
 */
export function taskAbilities(viewer: TaskViewer, task: TaskFacts): TaskAbilities {
  const works = viewer.manages || (task.assigneeId !== null && task.assigneeId === viewer.userId);
  const open = task.status === "open" || task.status === "in_progress";
  return {
    edit: viewer.manages || (works && task.status !== "closed"),
    note: works,
    openCase:
      task.assigneeId === viewer.userId && viewer.createsCases && open && task.caseId === null,
    schedule: viewer.manages && task.status === "draft",
  };
}

/** Why the task cannot open a case, in the words the assignee reads; null if it can. */
export function openCaseRefusal(viewer: TaskViewer, task: TaskFacts, number: number) {
  if (task.caseId !== null)
    return { status: "conflict", message: `Task T-${number} already opened a case` } as const;
  if (task.status === "closed")
    return { status: "rule", message: `Task T-${number} is closed; open its follow-up` } as const;
  if (task.status === "draft")
    return {
      status: "rule",
      message: `Task T-${number} is a draft the project manager has not scheduled yet`,
    } as const;
  if (task.assigneeId !== viewer.userId)
    return {
      status: "forbidden",
      message: "Only the task's assignee opens a case from it: they know the problem",
    } as const;
  if (!viewer.createsCases)
    return { status: "forbidden", message: "Your role may not create cases here" } as const;
  return null;
}

/** "2 h 30 min": minutes as people read them on a task. */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export interface Roadblock {
  taskNumber: number;
  caseNumber: number;
  minutesDelivered: number;
  minutesToFinish: number | null;
  finishOn: string | null;
  managerHandle: string;
}

/**
 * The task's note when its roadblock became a case, as S2.4 lists it: the case, the time
 * delivered so far, what finishing takes and by when, and the PM @mentioned.
 */
export function roadblockNote(r: Roadblock): string {
  const left =
    r.minutesToFinish === null
      ? "Estimate to finish: not known yet"
      : `Estimate to finish: ${hoursText(r.minutesToFinish)}`;
  const by = r.finishOn ? `, by ${r.finishOn}` : "";
  return [
    `Roadblock: case #${r.caseNumber} opened for help.`,
    `Time delivered so far: ${hoursText(r.minutesDelivered)}.`,
    `${left}${by}.`,
    `@${r.managerHandle} please schedule the follow-up once case #${r.caseNumber} is resolved. Task closed.`,
  ].join("\n");
}

/**
 * The roadblock note as a code (docs/api.md, Sentences in the reader's language): the case, the
 * minutes delivered and to finish (absent when not known), the day it can finish, the PM's
 * handle and what the person added, as they wrote it.
 */
export function roadblockLine(r: Roadblock, note?: string): Said {
  return said("taskRoadblock", {
    case: r.caseNumber,
    delivered: r.minutesDelivered,
    toFinish: r.minutesToFinish,
    finishOn: r.finishOn,
    manager: r.managerHandle,
    note: note || null,
  });
}

/** "Case #n is resolved; follow-up T-m waits for the project manager to schedule it." */
export function followUpDraftedNote(caseNumber: number, followUp: number) {
  return {
    body: `Case #${caseNumber} is resolved; follow-up T-${followUp} waits for the project manager to schedule it.`,
    line: said("taskFollowUpDrafted", { case: caseNumber, followUp }),
  };
}

/** "Scheduled for 2027-02-01 by Pia Manager.": the day as planned, the PM by name. */
export function scheduledNote(on: string, by: string) {
  return { body: `Scheduled for ${on} by ${by}.`, line: said("taskScheduled", { on, by }) };
}

export interface FollowUpSource {
  number: number;
  title: string;
  minutesToFinish: number | null;
  finishOn: string | null;
  caseNumber: number;
  caseSubject: string;
  resolution: string | null;
  caseLink: string;
}

/** The draft follow-up a resolved roadblock leaves for the PM (S2.4). */
export function followUpDraft(s: FollowUpSource) {
  const resolution = s.resolution?.trim() || "No public resolution note was written on the case.";
  return {
    title: `Follow-up: ${s.title}`.slice(0, 300),
    description: [
      `Continues T-${s.number}, which stopped at a roadblock.`,
      `Case #${s.caseNumber} (${s.caseSubject}) is resolved: ${s.caseLink}`,
      "",
      "Resolution:",
      resolution,
    ].join("\n"),
    estimateMinutes: s.minutesToFinish,
    dueOn: s.finishOn,
  };
}

/** A project cannot end before it starts. */
export function datesInOrder(startsOn: string | null, endsOn: string | null): void {
  if (startsOn && endsOn && endsOn < startsOn)
    throw invalid("endsOn", "must not be before the project starts");
}

/** Time on a task, in whole minutes (up to about ten weeks of full days). */
export const taskMinutes = z.number().int().min(0).max(100_000);
