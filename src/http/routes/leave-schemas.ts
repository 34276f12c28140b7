import { z } from "zod";
import {
  LEAVE_ITEM_ACTIONS,
  LEAVE_ITEM_STATES,
  LEAVE_PLAN_ACTIONS,
  LEAVE_PLAN_STATES,
} from "../../domain/leave/plan.ts";
import { LEAVE_CHECKS } from "../../domain/leave/policy.ts";

// What the leave planner's routes answer (S4.4); the web app's types are these.

const person = z.object({ id: z.string(), name: z.string() });

const flags = <T extends string>(names: readonly T[]) =>
  z.object(Object.fromEntries(names.map((a) => [a, z.boolean()])) as Record<T, z.ZodBoolean>);

export const leaveItem = z.object({
  id: z.string(),
  version: z.number().int(),
  state: z.enum(LEAVE_ITEM_STATES),
  case: z.object({
    number: z.number().int(),
    subject: z.string(),
    severity: z.string(),
    status: z.string(),
    customer: z.string().nullable(),
    owner: person.nullable().describe("Who holds the case now"),
    nextUpdateDueAt: z.string().nullable(),
    nextContactAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    customerWaitingSince: z.string().nullable(),
  }),
  proposed: person.nullable().describe("Routing's in-region proposal, or the absent agent's pick"),
  proposal: z.string().describe("Why that colleague, or why nobody fits"),
  handedOff: z.string().describe("What the receiver takes over"),
  validated: z.string().describe("What was validated so far"),
  followUps: z.string().describe("Follow-ups done and still due"),
  customerTold: z.boolean().describe("The customer was told who looks after the case meanwhile"),
  questions: z
    .array(
      z.object({
        key: z.string(),
        label: z.string(),
        kind: z.enum(["text", "textarea", "yesno", "choice"]),
        choices: z.array(z.string()),
        required: z.boolean(),
      }),
    )
    .describe("The leave hand-off's other questions for this case, answered in `answers`"),
  answers: z.record(z.string(), z.string()),
  holder: person.nullable().describe("Who took it, once handed off"),
  leadNote: z.string().nullable(),
  transfer: z.object({ id: z.string(), state: z.string() }).nullable(),
  actions: flags(LEAVE_ITEM_ACTIONS).describe("What the viewer may do with this case now"),
});

export const leavePlan = z.object({
  id: z.string(),
  version: z.number().int(),
  state: z.enum(LEAVE_PLAN_STATES),
  agent: person.extend({ timeZone: z.string() }),
  leaveFrom: z.string(),
  leaveUntil: z.string(),
  backup: person.nullable(),
  note: z.string(),
  callDiversion: z.string().nullable(),
  checks: z.array(
    z.object({
      check: z.enum(LEAVE_CHECKS),
      label: z.string(),
      required: z.boolean(),
      doneAt: z.string().nullable(),
    }),
  ),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  teamEmailAt: z.string().nullable().describe("When the team's hand-off email was queued"),
  raisedAt: z.string().nullable().describe("When what was left open was raised at the start"),
  createdAt: z.string(),
  actions: flags(LEAVE_PLAN_ACTIONS).describe("What the viewer may do with the plan now"),
  items: z.array(leaveItem),
});

export const leavePlanList = z.object({
  items: z.array(leavePlan),
  viewer: z.object({
    approver: z.boolean().describe("Decides others' hand-offs, and sees every plan"),
    mayPlan: z
      .boolean()
      .describe("No plan of the viewer's is in the making, so they may start one"),
    requires: z.array(z.enum(LEAVE_CHECKS)).describe("What the policy asks before leave starts"),
  }),
});

export type LeavePlanListAnswer = z.infer<typeof leavePlanList>;
