import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { trainingRequests } from "../../db/schema.ts";
import { ruleBroken } from "../../domain/errors.ts";
import { isoDateTime, requiredLine, toDate } from "../../domain/text.ts";
import { needsShiftLead, TRAINING_ASKERS, TRAINING_KINDS } from "../../domain/training/requests.ts";
import { loadCase } from "../../loaders/cases.ts";
import { trainingRecord } from "../../loaders/training.ts";
import { presentTraining, trainingViewer } from "../../presenters/training.ts";
import { addActivity } from "../../writes/activity.ts";
import { emit } from "../../writes/emit.ts";
import {
  askerWords,
  sessionWords,
  trainingData,
  trainingEnvelope,
  trainingFacts,
  trainingLine,
} from "../../writes/training.ts";

export const recordTrainingRequestInput = z.strictObject({
  askedBy: z.enum(TRAINING_ASKERS).describe("Who asked: the customer or the success team"),
  kind: z
    .enum(TRAINING_KINDS)
    .describe("A technical session (a problem looked at together) or a training"),
  topic: requiredLine(300).describe("What the session is about"),
  minutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60)
    .describe("How long it will take, in minutes"),
  wantedAt: isoDateTime.nullable().optional().describe("When it is wanted (ISO 8601 with offset)"),
});

/**
 * Records a session a customer or the success team asked of support on a case (S4.12). Whether
 * it waits for the shift lead is decided now, once (`needsShiftLead`); one that does not can be
 * taken up at once by whoever will run it.
 */
export async function recordTrainingRequest(
  db: Db,
  actor: Actor,
  number: number,
  input: z.infer<typeof recordTrainingRequestInput>,
) {
  const { row: kase, workspace } = await loadCase(db, actor, number, "case.note");
  if (kase.status === "closed")
    throw ruleBroken("case_closed", "A closed case takes no session requests; open a new case");
  const rules = workspace.policy.training;
  const needsLead = needsShiftLead(rules, input);
  const now = new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainingRequests)
      .values({
        workspaceId: kase.workspaceId,
        caseId: kase.id,
        askedBy: input.askedBy,
        kind: input.kind,
        topic: input.topic.trim(),
        minutes: input.minutes,
        wantedAt: input.wantedAt ? toDate(input.wantedAt) : null,
        needsLead,
        state: "pending",
        recordedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: trainingRequests.id });
    if (!row) throw new Error("training request insert returned nothing");
    const record = await trainingRecord(tx, row.id);
    const waits = needsLead ? "waits for the shift lead" : "anyone on the team may take it up";
    await addActivity(tx, {
      caseId: kase.id,
      kind: "system",
      visibility: "private",
      body: `Session asked by ${askerWords(input.askedBy)}: a ${sessionWords(record.row)} “${record.row.topic}”; ${waits}`,
      authorId: actor.userId,
      data: {
        event: "training",
        requestId: row.id,
        line: trainingLine(record, "requested", actor.name),
      },
    });
    await emit(tx, {
      ...trainingEnvelope(record, actor.userId),
      name: "training.requested",
      data: trainingData(record),
      facts: trainingFacts(record, actor.name),
    });
    return presentTraining(record, rules, trainingViewer(actor, workspace));
  });
}
