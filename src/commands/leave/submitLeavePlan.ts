import type { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { conflict, DomainError, type FieldIssue } from "../../domain/errors.ts";
import { leaveKindOf, leaveQuestions, leaveTransferFields } from "../../domain/leave/hand-off.ts";
import { leavePlanRef } from "../../domain/leave/inputs.ts";
import { leaveItemsOf, leavePlanIn } from "../../loaders/leave.ts";
import { leaveWorkspace, lockedPlan } from "../../loaders/leave-access.ts";
import { emit } from "../../writes/emit.ts";
import { changeItem, changePlan, leaveData, sheetHandedOff } from "../../writes/leave.ts";
import { requestTransfer } from "../transfers/requestTransfer.ts";
import { finishLeavePlan } from "./finishLeavePlan.ts";
import { getLeavePlan } from "./getLeavePlan.ts";

export const submitLeavePlanInput = leavePlanRef;

/**
 * The absent agent hands the plan to the shift lead: each case becomes one transfer of the
 * workspace's leave kind (audited like any other), to the colleague proposed where the agent may
 * pick one, else to the case's queue for the lead to name who takes it (S4.7). All or nothing:
 * a case that cannot be handed off refuses the whole plan, naming it.
 */
export async function submitLeavePlan(
  db: Db,
  actor: Actor,
  input: z.infer<typeof submitLeavePlanInput>,
) {
  const ws = await leaveWorkspace(db, actor, input.workspace);
  await db.transaction(async (tx) => {
    const { plan } = await lockedPlan(tx, actor, ws, input.id, "submit");
    if (plan.row.version !== input.version)
      throw conflict("This leave plan was changed meanwhile; reload it", {
        currentVersion: plan.row.version,
      });
    const items = await leaveItemsOf(tx, [plan.row.id]);
    const issues: FieldIssue[] = [];
    items.forEach((i, n) => {
      if (!i.item.handedOff.trim())
        issues.push({
          field: `items.${n}.handedOff`,
          message: `case ${i.kase.number}: say what the receiver takes over`,
        });
      if (!i.item.validated.trim())
        issues.push({
          field: `items.${n}.validated`,
          message: `case ${i.kase.number}: say what was validated so far`,
        });
    });
    if (issues.length)
      throw new DomainError(
        "validation",
        "invalid_input",
        issues.map((i) => `${i.field}: ${i.message}`).join("; "),
        { issues },
      );
    // Each case goes by the leave kind that applies to it (its queue, 24x7 or not).
    const kinds = items.map((i) =>
      leaveKindOf(ws.policy, i.kase, plan.row.leaveFrom, plan.row.leaveUntil),
    );
    items.forEach((i, n) => {
      const leave = kinds[n];
      if (!leave)
        issues.push({
          field: `items.${n}`,
          message: `case ${i.kase.number}: no transfer kind for leave applies to cases in ${i.kase.queue}; hand it off from the case`,
        });
      else {
        // Where the procedure has the engineer tell their customer themself (S4.4), it is done first.
        if (leave.kind.steps.includes("customer_notified") && !i.item.customerTold)
          issues.push({
            field: `items.${n}.customerTold`,
            message: `case ${i.kase.number}: tell the customer who looks after it while you are away, then tick it`,
          });
        for (const q of leaveQuestions(leave.kind))
          if (q.required && !i.item.answers[q.key]?.trim())
            issues.push({
              field: `items.${n}.answers.${q.key}`,
              message: `case ${i.kase.number}: answer "${q.label}"`,
            });
      }
    });
    if (issues.length)
      throw new DomainError(
        "rule",
        "leave_plan_incomplete",
        issues.map((i) => `${i.field}: ${i.message}`).join("; "),
        { issues },
      );
    const mayAssign = can(actor, "case.assign", { workspaceId: ws.id }, ws.policy);
    const submitted = await changePlan(tx, plan.row, null, {
      state: "submitted",
      submittedAt: new Date(),
    });
    for (const [n, i] of items.entries()) {
      const leave = kinds[n];
      if (!leave) continue;
      const { kind, reason } = leave;
      const toAgent =
        kind.targets.includes("agent") &&
        i.item.proposedHolderId &&
        (mayAssign || !kind.guards.includes("only-assigners-pick-agents"));
      if (!toAgent && !kind.targets.includes("queue")) {
        issues.push({
          field: `items.${n}.proposedHolderId`,
          message: `case ${i.kase.number}: ${kind.name} goes to a colleague; pick who takes it`,
        });
        continue;
      }
      try {
        const made = await requestTransfer(tx, actor, i.kase.number, {
          version: i.kase.version,
          kind: kind.code,
          target: toAgent
            ? { agentId: i.item.proposedHolderId ?? undefined, autoAssign: false }
            : { queue: i.kase.queue, autoAssign: false },
          reason,
          fields: leaveTransferFields(kind, i.item, {
            leaveUntil: plan.row.leaveUntil,
            timeZone: plan.userTimeZone,
            outOfOfficeSet: Boolean(plan.row.outOfOfficeAt),
            callDiversionSet: Boolean(plan.row.callDiversionAt),
          }),
          confirmations: {},
          pin: false,
          comment:
            i.item.proposedHolderId && !toAgent
              ? `Proposed: ${i.proposedName} (${i.item.proposal})`
              : "",
        });
        const done = made.state === "completed";
        await changeItem(tx, i.item, null, {
          state: done ? "handed_off" : "requested",
          transferId: made.id,
          holderId: done && toAgent ? i.item.proposedHolderId : null,
        });
        if (done)
          await sheetHandedOff(
            tx,
            actor.userId,
            ws,
            plan,
            i,
            toAgent ? i.item.proposedHolderId : null,
          );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        issues.push({ field: `items.${n}`, message: `case ${i.kase.number}: ${error.message}` });
      }
    }
    if (issues.length)
      throw new DomainError(
        "rule",
        "leave_hand_off_refused",
        issues.map((i) => `${i.field}: ${i.message}`).join("; "),
        { issues },
      );
    await emit(tx, {
      name: "leave.submitted",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: plan.row.id,
      data: leaveData(plan, submitted, items.length),
    });
    await finishLeavePlan(tx, actor, ws, await leavePlanIn(tx, ws.id, plan.row.id));
  });
  return getLeavePlan(db, actor, { workspace: ws.slug, id: input.id });
}
