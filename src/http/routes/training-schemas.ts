import { z } from "zod";
import type { decideTrainingRequestInput } from "../../commands/training/decideTrainingRequest.ts";
import type { recordTrainingRequestInput } from "../../commands/training/recordTrainingRequest.ts";
import {
  TRAINING_ACTIONS,
  TRAINING_ASKERS,
  TRAINING_KINDS,
  TRAINING_STATES,
} from "../../domain/training/requests.ts";

// What the session request routes answer (S4.12); the web app's types are these.

const person = z.object({ id: z.string(), name: z.string() });

export const trainingRequest = z.object({
  id: z.string(),
  case: z.object({
    number: z.number().int(),
    subject: z.string(),
    severity: z.string(),
    plan: z.string().nullable().describe("The case's plan, else its customer's"),
    owner: person.nullable(),
  }),
  customer: z
    .object({
      id: z.string(),
      name: z.string(),
      plan: z.string().nullable(),
      critical: z.boolean(),
    })
    .nullable(),
  askedBy: z.enum(TRAINING_ASKERS),
  kind: z.enum(TRAINING_KINDS),
  topic: z.string(),
  minutes: z.number().int(),
  wantedAt: z.string().nullable(),
  needsLead: z.boolean().describe("A training over the policy's limit: the shift lead decides"),
  state: z.enum(TRAINING_STATES),
  recordedBy: person,
  runner: person.nullable().describe("Who runs the session, once taken up or approved"),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  actions: z
    .object(
      Object.fromEntries(TRAINING_ACTIONS.map((a) => [a, z.boolean()])) as Record<
        (typeof TRAINING_ACTIONS)[number],
        z.ZodBoolean
      >,
    )
    .describe("What the viewer may do with it now"),
});

const limit = z.number().int().describe("The longest training an agent takes up alone, minutes");

export const trainingDeskList = z.object({
  items: z.array(trainingRequest),
  viewer: z.object({
    approver: z.boolean().describe("Decides long trainings, and sees every request"),
    agentMayAcceptUpToMinutes: limit,
  }),
});

export const caseTrainingList = z.object({
  items: z.array(trainingRequest),
  viewer: z.object({
    mayRecord: z.boolean().describe("May record a session request on this case"),
    approver: z.boolean(),
    agentMayAcceptUpToMinutes: limit,
  }),
});

export type TrainingRequestAnswer = z.infer<typeof trainingRequest>;
export type TrainingDeskListAnswer = z.infer<typeof trainingDeskList>;
export type CaseTrainingListAnswer = z.infer<typeof caseTrainingList>;
/** What the web sends: recording a request on a case, and moving one on. */
export type RecordTrainingBody = z.input<typeof recordTrainingRequestInput>;
export type DecideTrainingBody = Omit<
  z.input<typeof decideTrainingRequestInput>,
  "workspace" | "id"
>;
