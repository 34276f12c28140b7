import { leaveKindOf, leaveQuestions } from "../domain/leave/hand-off.ts";
import {
  type LeaveActor,
  type LeaveItemState,
  type LeavePlanState,
  leaveChecks,
  leaveItemAbilities,
  leavePlanAbilities,
} from "../domain/leave/plan.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { LeaveItemRecord, LeavePlanRecord } from "../loaders/leave.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

const facts = (r: LeavePlanRecord) => ({
  userId: r.row.userId,
  state: r.row.state as LeavePlanState,
  leaveFrom: r.row.leaveFrom,
  leaveUntil: r.row.leaveUntil,
});

/** One case of a plan: what it needs, who was proposed, what became of it, what the viewer may do. */
function presentItem(r: LeavePlanRecord, i: LeaveItemRecord, policy: Policy, viewer: LeaveActor) {
  const leave = leaveKindOf(policy, i.kase, r.row.leaveFrom, r.row.leaveUntil);
  const state = i.item.state as LeaveItemState;
  const transfer = i.transfer?.id ? i.transfer : null;
  return {
    id: i.item.id,
    version: i.item.version,
    state,
    case: {
      number: i.kase.number,
      subject: i.kase.subject,
      severity: i.kase.severity,
      status: i.kase.status,
      customer: i.customerName,
      owner: person(i.kase.ownerId, i.ownerName),
      nextUpdateDueAt: iso(i.kase.nextUpdateDueAt),
      nextContactAt: iso(i.kase.nextContactAt),
      resolutionDueAt: iso(i.kase.resolutionDueAt),
      customerWaitingSince: iso(i.kase.customerWaitingSince),
    },
    proposed: person(i.item.proposedHolderId, i.proposedName),
    proposal: i.item.proposal,
    handedOff: i.item.handedOff,
    validated: i.item.validated,
    followUps: i.item.followUps,
    customerTold: i.item.customerTold,
    questions: leave ? leaveQuestions(leave.kind) : [],
    answers: i.item.answers,
    holder: person(i.item.holderId, i.holderName),
    leadNote: i.item.leadNote,
    transfer: transfer ? { id: transfer.id, state: transfer.state } : null,
    actions: leaveItemAbilities(policy.leave, viewer, facts(r), {
      state,
      awaitingApproval: transfer?.state === "awaiting_approval",
    }),
  };
}

/** A leave plan as the API answers it, with its cases and what the viewer may do. */
export function presentLeavePlan(
  r: LeavePlanRecord,
  items: readonly LeaveItemRecord[],
  policy: Policy,
  viewer: LeaveActor,
  now: Date,
) {
  const p = r.row;
  return {
    id: p.id,
    version: p.version,
    state: p.state as LeavePlanState,
    agent: { id: p.userId, name: r.userName, timeZone: r.userTimeZone },
    leaveFrom: p.leaveFrom.toISOString(),
    leaveUntil: p.leaveUntil.toISOString(),
    backup: person(p.backupUserId, r.backupName),
    note: p.note,
    callDiversion: p.callDiversion,
    checks: leaveChecks(policy.leave, {
      out_of_office: p.outOfOfficeAt,
      call_diversion: p.callDiversionAt,
    }).map((c) => ({ ...c, doneAt: iso(c.doneAt) })),
    submittedAt: iso(p.submittedAt),
    approvedAt: iso(p.approvedAt),
    teamEmailAt: iso(p.teamEmailAt),
    raisedAt: iso(p.raisedAt),
    createdAt: p.createdAt.toISOString(),
    actions: leavePlanAbilities(policy.leave, viewer, facts(r), now),
    items: items
      .filter((i) => i.item.planId === p.id)
      .map((i) => presentItem(r, i, policy, viewer)),
  };
}

export type LeavePlanAnswer = ReturnType<typeof presentLeavePlan>;
