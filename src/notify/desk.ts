import { DateTime } from "luxon";
import type { Db } from "../db/client.ts";
import { REASON_TEXT } from "../domain/child-cases/requests.ts";
import type { EventOf } from "../events/catalogue.ts";
import { membersInRoles, personById } from "../loaders/case-clocks.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { resolveInApp, writeInApp } from "./in-app.ts";

// The shift lead's desk: requests that wait for an approver, and the answers their askers get.

type Decided = EventOf<"off_queue.approved" | "off_queue.declined">;

/** An agent asks to go off queue: every approver but them is asked, in-app. */
export async function offQueueAsked(tx: Db, e: EventOf<"off_queue.requested">): Promise<void> {
  if (!e.workspaceId) return;
  const ws = await workspaceById(tx, e.workspaceId);
  const approvers = await membersInRoles(tx, ws.id, ws.policy.offQueue.approverRoles);
  const d = e.data;
  await writeInApp(
    tx,
    approvers.map((a) => ({
      userId: a.id,
      workspaceId: ws.id,
      caseId: null,
      caseNumber: null,
      kind: "desk_request" as const,
      sourceId: e.subjectId,
      title: `${d.userName} asks to go off queue for ${d.hours} h`,
      body: d.reason,
      actorId: e.actorId,
    })),
  );
}

/** Decided: the approvers' calls to action are answered, and the agent hears the answer. */
export async function offQueueDecided(tx: Db, e: Decided): Promise<void> {
  if (!e.workspaceId) return;
  await resolveInApp(tx, "desk_request", e.subjectId);
  const d = e.data;
  const approved = e.name === "off_queue.approved";
  const zone = (await personById(tx, d.userId))?.timeZone ?? "UTC";
  const until = d.until ? DateTime.fromISO(d.until, { zone }).toFormat("HH:mm ZZZZ") : "its end";
  await writeInApp(tx, [
    {
      userId: d.userId,
      workspaceId: e.workspaceId,
      caseId: null,
      caseNumber: null,
      kind: "desk_decision",
      sourceId: `${e.subjectId}:${approved ? "approved" : "declined"}`,
      title: approved ? `Off queue approved until ${until}` : "Off queue declined",
      body: d.note ?? "",
      actorId: e.actorId,
    },
  ]);
}

/** Withdrawn before anyone decided: the approvers' calls to action are answered. */
export async function offQueueWithdrawn(tx: Db, e: EventOf<"off_queue.withdrawn">): Promise<void> {
  await resolveInApp(tx, "desk_request", e.subjectId);
}

/** An agent asks for a new case from an existing one (S4.9): every approver but them is asked. */
export async function childCaseAsked(tx: Db, e: EventOf<"child_case.requested">): Promise<void> {
  if (!e.workspaceId) return;
  const ws = await workspaceById(tx, e.workspaceId);
  const approvers = await membersInRoles(tx, ws.id, ws.policy.childCases.approverRoles);
  const d = e.data;
  await writeInApp(
    tx,
    approvers.map((a) => ({
      userId: a.id,
      workspaceId: ws.id,
      caseId: e.caseId ?? null,
      caseNumber: d.parentCaseNumber,
      kind: "desk_request" as const,
      sourceId: e.subjectId,
      title: `${d.requestedByName} asks for a new case from #${d.parentCaseNumber} ${REASON_TEXT[d.reason]}`,
      body: d.subject,
      actorId: e.actorId,
    })),
  );
}

/** Decided: the approvers' calls to action are answered, and the asker hears the answer. */
export async function childCaseDecided(
  tx: Db,
  e: EventOf<"child_case.approved" | "child_case.declined">,
): Promise<void> {
  if (!e.workspaceId) return;
  await resolveInApp(tx, "desk_request", e.subjectId);
  const d = e.data;
  const approved = e.name === "child_case.approved";
  await writeInApp(tx, [
    {
      userId: d.requestedBy,
      workspaceId: e.workspaceId,
      caseId: null,
      caseNumber: approved ? d.childCaseNumber : d.parentCaseNumber,
      kind: "desk_decision",
      sourceId: `${e.subjectId}:${approved ? "approved" : "declined"}`,
      title: approved
        ? `New case #${d.childCaseNumber} from #${d.parentCaseNumber} approved: it is yours`
        : `New case from #${d.parentCaseNumber} declined`,
      body: d.note ?? "",
      actorId: e.actorId,
    },
  ]);
}

/** Withdrawn before anyone decided: the approvers' calls to action are answered. */
export async function childCaseWithdrawn(
  tx: Db,
  e: EventOf<"child_case.withdrawn">,
): Promise<void> {
  await resolveInApp(tx, "desk_request", e.subjectId);
}
