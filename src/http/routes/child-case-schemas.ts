import { z } from "zod";
import {
  CHILD_CASE_ACTIONS,
  CHILD_CASE_REASONS,
  CHILD_CASE_STATES,
} from "../../domain/child-cases/requests.ts";

// What the child-case routes answer (S4.9); the web app's types are these.

const person = z.object({ id: z.string(), name: z.string() });

export const childCaseRequest = z.object({
  id: z.string(),
  parent: z.object({ number: z.number().int(), subject: z.string() }),
  reason: z.enum(CHILD_CASE_REASONS),
  subject: z.string().describe("The new case's subject"),
  requestedBy: person.describe("Who asked, and who owns the new case once approved"),
  state: z.enum(CHILD_CASE_STATES),
  childCaseNumber: z.number().int().nullable().describe("The case approval opened"),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  actions: z
    .object(
      Object.fromEntries(CHILD_CASE_ACTIONS.map((a) => [a, z.boolean()])) as Record<
        (typeof CHILD_CASE_ACTIONS)[number],
        z.ZodBoolean
      >,
    )
    .describe("What the viewer may do with it now"),
});

export const childCaseList = z.object({
  items: z.array(childCaseRequest),
  viewer: z.object({
    approver: z.boolean().describe("Decides others' requests, and sees them all"),
  }),
});

export const childCaseOutcome = z.object({
  outcome: z
    .enum(["opened", "requested"])
    .describe("opened: the new case exists now; requested: it waits for the shift lead"),
  case: z.object({ number: z.number().int() }).nullable(),
  request: childCaseRequest.nullable(),
});

export type ChildCaseRequestAnswer = z.infer<typeof childCaseRequest>;
export type ChildCaseListAnswer = z.infer<typeof childCaseList>;
export type ChildCaseOutcome = z.infer<typeof childCaseOutcome>;
