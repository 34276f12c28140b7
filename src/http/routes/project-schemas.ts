import { z } from "zod";
import { saidSchema } from "./case-schemas.ts";

const who = z.object({ id: z.string(), name: z.string() });

export const project = z.object({
  code: z.string(),
  name: z.string(),
  status: z.string().describe("active or closed"),
  customer: who,
  manager: who.describe("The project manager"),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable().describe("The planned end"),
  tasks: z.object({ draft: z.number(), open: z.number(), closed: z.number() }),
  version: z.number(),
});

export const task = z.object({
  number: z.number(),
  ref: z.string().describe("T-{number}"),
  project: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  status: z.string().describe("draft (a follow-up to schedule), open, in_progress or closed"),
  assignee: who.nullable(),
  manager: who,
  customer: who,
  minutesDelivered: z.number(),
  estimateMinutes: z.number().nullable(),
  dueOn: z.string().nullable(),
  case: z
    .object({ number: z.number(), subject: z.string(), status: z.string() })
    .nullable()
    .describe("The case the task's roadblock became, with its status now"),
  blockedAt: z.string().nullable(),
  minutesToFinish: z.number().nullable(),
  finishOn: z.string().nullable(),
  caseResolvedAt: z.string().nullable(),
  follows: z.number().nullable().describe("The task this follow-up continues"),
  followUp: z.number().nullable().describe("The follow-up drafted once the case resolved"),
  scheduledOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
  can: z
    .object({
      edit: z.boolean(),
      note: z.boolean().describe("Write notes and log calls on it"),
      openCase: z.boolean().describe("Open a case from its roadblock"),
      schedule: z.boolean().describe("Schedule it (a draft follow-up)"),
    })
    .describe("What you may do with it"),
});

export const taskNote = z.object({
  id: z.number(),
  kind: z.string().describe("note, call or system"),
  body: z.string(),
  author: who.nullable(),
  call: z.object({ withWhom: z.string(), minutes: z.number() }).nullable(),
  caseNumber: z.number().nullable(),
  line: saidSchema
    .nullable()
    .describe(
      "Baton's note (roadblock, follow-up drafted, scheduled) as a code and its values (docs/api.md, Sentences in the reader's language); null for notes, calls and notes written before codes existed",
    ),
  createdAt: z.string(),
});

export const projectList = z.object({
  items: z.array(project),
  myTasks: z.array(task).describe("Open tasks assigned to you, across projects"),
  viewer: z.object({ manage: z.boolean().describe("May create projects and tasks") }),
});

export const projectDetail = project.extend({
  items: z.array(task),
  viewer: z.object({ manage: z.boolean() }),
});

export const taskDetail = task.extend({
  workspace: z.string(),
  contacts: z
    .array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }))
    .describe("The customer's contacts, for a case opened from the task"),
  activity: z.array(taskNote),
});

export const caseFromTask = z.object({
  caseNumber: z.number().describe("The case opened"),
  task: task,
});

export type Project = z.infer<typeof project>;
export type ProjectList = z.infer<typeof projectList>;
export type ProjectDetail = z.infer<typeof projectDetail>;
export type Task = z.infer<typeof task>;
export type TaskDetail = z.infer<typeof taskDetail>;
export type TaskNote = z.infer<typeof taskNote>;
export type CaseFromTask = z.infer<typeof caseFromTask>;
