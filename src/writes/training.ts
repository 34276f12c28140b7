import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { trainingRequests } from "../db/schema.ts";
import { conflict } from "../domain/errors.ts";
import { type Said, said } from "../domain/said.ts";
import { sessionLength, type TrainingState } from "../domain/training/requests.ts";
import { type TrainingRecord, trainingRecord } from "../loaders/training.ts";
import { addActivity } from "./activity.ts";
import { emit } from "./emit.ts";

const ASKER = { customer: "the customer", success: "the success team" } as const;
const KIND = { technical: "technical session", training: "training" } as const;

/** "a 2 h training": what the session is, as the case's timeline and the notices say it. */
export const sessionWords = (row: { minutes: number; kind: string }) =>
  `${sessionLength(row.minutes)} ${KIND[row.kind as keyof typeof KIND] ?? row.kind}`;

export const askerWords = (askedBy: string) => ASKER[askedBy as keyof typeof ASKER] ?? askedBy;

/** What every training event carries. */
export const trainingData = (r: TrainingRecord) => ({
  number: r.kase.number,
  askedBy: r.row.askedBy,
  kind: r.row.kind,
  topic: r.row.topic,
  minutes: r.row.minutes,
  wantedAt: r.row.wantedAt ? r.row.wantedAt.toISOString() : null,
  needsLead: r.row.needsLead,
  recordedBy: r.row.recordedBy,
  runnerId: r.row.runnerId,
  note: r.row.decisionNote,
  version: r.row.version,
});

/** Who, where and about what, for a training event: the case's, so its open pages refresh. */
export const trainingEnvelope = (r: TrainingRecord, actorId: string) => ({
  actorId,
  workspaceId: r.row.workspaceId,
  caseId: r.row.caseId,
  caseNumber: r.kase.number,
  subjectId: r.row.id,
});

/** The names the notices need, handed to subscribers so they read nothing again. */
export const trainingFacts = (r: TrainingRecord, actorName: string) => ({
  caseSubject: r.kase.subject,
  customerName: r.customer?.name ?? null,
  recordedByName: r.recordedByName,
  runnerName: r.runnerName,
  actorName,
});

const EVENT = {
  accepted: "training.accepted",
  approved: "training.approved",
  declined: "training.declined",
  withdrawn: "training.withdrawn",
} as const;

/** The line the case's private timeline gets for each move. */
function line(r: TrainingRecord, to: Exclude<TrainingState, "pending">, actorName: string) {
  const what = sessionWords(r.row);
  switch (to) {
    case "accepted":
      return `Session taken up: ${r.runnerName} runs the ${what} “${r.row.topic}”`;
    case "approved":
      return `Session approved by ${actorName}: ${r.runnerName} runs the ${what} “${r.row.topic}”`;
    case "declined":
      return `Session declined by ${actorName}: ${r.row.decisionNote ?? ""}`;
    case "withdrawn":
      return `Session request withdrawn: the ${what} “${r.row.topic}”`;
  }
}

/** The same line as a code and its values: the session's kind as a code, its length in minutes. */
export function trainingLine(
  r: TrainingRecord,
  code: TrainingState | "requested",
  actorName: string,
): Said {
  const session = { minutes: r.row.minutes, kind: r.row.kind, topic: r.row.topic };
  switch (code) {
    case "requested":
    case "pending":
      return said("sessionAsked", {
        ...session,
        askedBy: r.row.askedBy,
        needsLead: r.row.needsLead ? 1 : null,
      });
    case "accepted":
      return said("sessionTaken", { ...session, runner: r.runnerName });
    case "approved":
      return said("sessionApproved", { ...session, runner: r.runnerName, by: actorName });
    case "declined":
      return said("sessionDeclined", { by: actorName, note: r.row.decisionNote ?? "" });
    case "withdrawn":
      return said("sessionWithdrawn", session);
  }
}

/**
 * Moves a request (its row locked by the caller) on, checking the version the person saw: the
 * row changed and bumped, a line on the case's private timeline (and an approver's note as a
 * private note, S4.10), then one event tells of it.
 */
export async function moveTraining(
  tx: Db,
  r: TrainingRecord,
  input: {
    to: Exclude<TrainingState, "pending">;
    version: number;
    actor: { userId: string; name: string };
    runnerId?: string;
    note?: string | null;
    now: Date;
  },
): Promise<TrainingRecord> {
  if (input.version !== r.row.version)
    throw conflict("This session request was changed by someone else; reload and try again", {
      currentVersion: r.row.version,
    });
  const { now, to, actor } = input;
  const decides = to === "approved" || to === "declined";
  const [row] = await tx
    .update(trainingRequests)
    .set({
      state: to,
      ...(input.runnerId ? { runnerId: input.runnerId } : {}),
      ...(decides
        ? { decidedBy: actor.userId, decidedAt: now, decisionNote: input.note ?? null }
        : {}),
      version: sql`${trainingRequests.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(trainingRequests.id, r.row.id), eq(trainingRequests.version, r.row.version)))
    .returning({ id: trainingRequests.id });
  if (!row)
    throw conflict("This session request was changed by someone else; reload and try again");
  const moved = await trainingRecord(tx, row.id);
  const activity = {
    caseId: moved.row.caseId,
    visibility: "private",
    authorId: actor.userId,
  } as const;
  const data = { event: "training", requestId: moved.row.id };
  await addActivity(tx, {
    ...activity,
    kind: "system",
    body: line(moved, to, actor.name),
    data: { ...data, line: trainingLine(moved, to, actor.name) },
  });
  if (to === "approved" && moved.row.decisionNote)
    await addActivity(tx, { ...activity, kind: "note", body: moved.row.decisionNote, data });
  await emit(tx, {
    ...trainingEnvelope(moved, actor.userId),
    name: EVENT[to],
    data: trainingData(moved),
    facts: trainingFacts(moved, actor.name),
  });
  return moved;
}
