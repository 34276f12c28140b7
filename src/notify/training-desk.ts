import type { Db } from "../db/client.ts";
import { sessionLength } from "../domain/training/requests.ts";
import type { EventOf } from "../events/catalogue.ts";
import { membersInRoles } from "../loaders/case-clocks.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { type InAppDraft, resolveInApp, writeInApp } from "./in-app.ts";

// Sessions asked of support (S4.12) on the shift lead's desk: a long training waits for an
// approver, and whoever recorded or runs it hears what became of it.

type Moved = EventOf<
  "training.accepted" | "training.approved" | "training.declined" | "training.withdrawn"
>;
type Any = EventOf<"training.requested"> | Moved;

const what = (d: Any["data"]) =>
  `${sessionLength(d.minutes)} ${d.kind === "training" ? "training" : "technical session"}`;

const notice = (
  e: Any,
  workspaceId: string,
  userId: string,
  title: string,
  sourceId: string,
): InAppDraft => ({
  userId,
  workspaceId,
  caseId: e.caseId ?? null,
  caseNumber: e.data.number,
  kind: "desk_decision",
  sourceId,
  title,
  body: e.data.note ?? e.data.topic,
  actorId: e.actorId,
});

/** A training that waits for the shift lead: every approver but the recorder is asked, in-app. */
export async function trainingAsked(tx: Db, e: EventOf<"training.requested">): Promise<void> {
  if (!e.workspaceId || !e.data.needsLead) return;
  const ws = await workspaceById(tx, e.workspaceId);
  const approvers = await membersInRoles(tx, ws.id, ws.policy.training.approverRoles);
  const d = e.data;
  const forWhom = e.facts.customerName ? ` for ${e.facts.customerName}` : "";
  await writeInApp(
    tx,
    approvers
      .filter((a) => a.id !== d.recordedBy)
      .map((a) => ({
        ...notice(e, ws.id, a.id, "", e.subjectId),
        kind: "desk_request" as const,
        title: `${e.facts.recordedByName} asks for a ${what(d)}${forWhom} (case ${d.number})`,
        body: d.topic,
      })),
  );
}

/**
 * Taken up, approved, declined or withdrawn: the approvers' calls to action are answered, and the
 * recorder and the runner (not whoever moved it) hear the answer.
 */
export async function trainingMoved(tx: Db, e: Moved): Promise<void> {
  await resolveInApp(tx, "desk_request", e.subjectId);
  const workspaceId = e.workspaceId;
  if (e.name === "training.withdrawn" || !workspaceId) return;
  const d = e.data;
  const runner = e.facts.runnerName ?? "someone";
  const title = {
    "training.accepted": `${runner} takes up the ${what(d)} on case ${d.number}`,
    "training.approved": `Session approved: ${runner} runs the ${what(d)} on case ${d.number}`,
    "training.declined": `Session declined on case ${d.number}: the ${what(d)}`,
  }[e.name];
  const told = new Set([d.recordedBy, d.runnerId].filter((id): id is string => Boolean(id)));
  if (e.actorId) told.delete(e.actorId);
  const state = e.name.slice("training.".length);
  await writeInApp(
    tx,
    [...told].map((userId) => notice(e, workspaceId, userId, title, `${e.subjectId}:${state}`)),
  );
}
