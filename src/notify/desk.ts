import { DateTime } from "luxon";
import type { Db } from "../db/client.ts";
import { REASON_TEXT } from "../domain/child-cases/requests.ts";
import type { EventOf } from "../events/catalogue.ts";
import { membersInRoles, personById } from "../loaders/case-clocks.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { resolveInApp, writeInApp } from "./in-app.ts";

// The shift lead's desk: requests that wait for an approver, and the answers their askers get.

type Decided = EventOf<"off_queue.approved" | "off_queue.declined">;

/** Asks each of the workspace's members in `roles` for a decision on the desk, in-app. */
async function askOnDesk(
  tx: Db,
  workspaceId: string,
  roles: readonly string[],
  ask: {
    sourceId: string;
    title: (approver: { timeZone: string }) => string;
    body: string;
    actorId: string | null;
    /** The case the request is about, if any: the notice links to it. */
    kase?: { id: string | null; number: number };
  },
): Promise<void> {
  const approvers = await membersInRoles(tx, workspaceId, roles);
  await writeInApp(
    tx,
    approvers.map((a) => ({
      userId: a.id,
      workspaceId,
      caseId: ask.kase?.id ?? null,
      caseNumber: ask.kase?.number ?? null,
      kind: "desk_request" as const,
      sourceId: ask.sourceId,
      title: ask.title(a),
      body: ask.body,
      actorId: ask.actorId,
    })),
  );
}

/** An agent asks to go off queue: every approver but them is asked, in-app. */
export async function offQueueAsked(tx: Db, e: EventOf<"off_queue.requested">): Promise<void> {
  if (!e.workspaceId) return;
  const ws = await workspaceById(tx, e.workspaceId);
  const d = e.data;
  await askOnDesk(tx, ws.id, ws.policy.offQueue.approverRoles, {
    sourceId: e.subjectId,
    title: () => `${d.userName} asks to go off queue for ${d.hours} h`,
    body: d.reason,
    actorId: e.actorId,
  });
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

const day = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("ccc d LLL");

/** A leave plan is handed to the approvers: each is asked to decide its cases, in-app. */
export async function leaveSubmitted(tx: Db, e: EventOf<"leave.submitted">): Promise<void> {
  if (!e.workspaceId || e.data.cases === 0) return;
  const ws = await workspaceById(tx, e.workspaceId);
  const d = e.data;
  await askOnDesk(tx, ws.id, ws.policy.leave.approverRoles, {
    sourceId: e.subjectId,
    title: (a) =>
      `${d.userName} goes on leave ${day(d.leaveFrom, a.timeZone)}: ${d.cases} case${d.cases === 1 ? "" : "s"} to hand off`,
    body: "Decide who takes each case on the leave planner.",
    actorId: e.actorId,
  });
}

/** Every case decided: the approvers' calls to action are answered and the agent hears it. */
export async function leaveApproved(tx: Db, e: EventOf<"leave.approved">): Promise<void> {
  if (!e.workspaceId) return;
  await resolveInApp(tx, "desk_request", e.subjectId);
  await writeInApp(tx, [
    {
      userId: e.data.userId,
      workspaceId: e.workspaceId,
      caseId: null,
      caseNumber: null,
      kind: "desk_decision",
      sourceId: `${e.subjectId}:approved`,
      title: "Your leave hand-off is approved",
      body: `${e.data.cases} case${e.data.cases === 1 ? "" : "s"} decided; the team has the list.`,
      actorId: e.actorId,
    },
  ]);
}

/** Leave began with cases still owned or checks not done: the approvers are told, in-app. */
export async function leaveStarted(tx: Db, e: EventOf<"leave.started">): Promise<void> {
  const d = e.data;
  if (!e.workspaceId || (d.stillOwned.length === 0 && d.missing.length === 0)) return;
  const ws = await workspaceById(tx, e.workspaceId);
  const parts = [
    d.stillOwned.length
      ? `still owns ${d.stillOwned.map((n) => `#${n}`).join(", ")} (on the hand-off sheet now)`
      : "",
    d.missing.length ? `not done: ${d.missing.join(", ")}` : "",
  ].filter(Boolean);
  await askOnDesk(tx, ws.id, ws.policy.leave.approverRoles, {
    sourceId: `${e.subjectId}:started`,
    title: () => `${d.userName}'s leave has begun`,
    body: `${d.userName} ${parts.join("; ")}.`,
    actorId: e.actorId,
  });
}

/** An agent asks for a new case from an existing one (S4.9): every approver but them is asked. */
export async function childCaseAsked(tx: Db, e: EventOf<"child_case.requested">): Promise<void> {
  if (!e.workspaceId) return;
  const ws = await workspaceById(tx, e.workspaceId);
  const d = e.data;
  await askOnDesk(tx, ws.id, ws.policy.childCases.approverRoles, {
    sourceId: e.subjectId,
    title: () =>
      `${d.requestedByName} asks for a new case from #${d.parentCaseNumber} ${REASON_TEXT[d.reason]}`,
    body: d.subject,
    actorId: e.actorId,
    kase: { id: e.caseId ?? null, number: d.parentCaseNumber },
  });
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
