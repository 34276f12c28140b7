import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { cases, transfers, users } from "../../db/schema.ts";
import { conflict, forbidden, notFound } from "../../domain/errors.ts";
import { leaveVersion } from "../../domain/leave/inputs.ts";
import {
  type LeaveItemState,
  leaveItemAbilities,
  leavePlanRefusal,
} from "../../domain/leave/plan.ts";
import { safeText, slug } from "../../domain/text.ts";
import { leaveItemsOf, leavePlanIn, lockLeaveItem } from "../../loaders/leave.ts";
import { leaveWorkspace, lockedPlan, planFacts } from "../../loaders/leave-access.ts";
import { emit } from "../../writes/emit.ts";
import { changeItem, leaveData, sheetHandedOff } from "../../writes/leave.ts";
import { approveTransfer } from "../transfers/approveTransfer.ts";
import { recordStep } from "../transfers/recordStep.ts";
import { rejectTransfer } from "../transfers/rejectTransfer.ts";
import { finishLeavePlan } from "./finishLeavePlan.ts";
import { getLeavePlan } from "./getLeavePlan.ts";

export const decideLeaveItemInput = z.strictObject({
  workspace: slug,
  id: z.uuid(),
  itemId: z.uuid(),
  version: leaveVersion,
  holderId: z
    .uuid()
    .optional()
    .describe("approve: who takes the case (default: the transfer's target, e.g. the queue)"),
  note: safeText(2_000).optional().describe("Lands on the case as the shift lead's private note"),
});

export type LeaveDecision = "approve" | "keep";

/**
 * The shift lead decides one case of a leave plan (S4.7, S4.10): approve names who takes it and
 * reassigns it through its transfer, with the lead's note on the case; keep leaves it with its
 * owner to close before going. When the customer was told already (the plan says so), that step
 * is recorded with the approval. Once no case waits, the plan is approved and the team mailed.
 */
export async function decideLeaveItem(
  db: Db,
  actor: Actor,
  decision: LeaveDecision,
  input: z.infer<typeof decideLeaveItemInput>,
) {
  const ws = await leaveWorkspace(db, actor, input.workspace);
  await db.transaction(async (tx) => {
    const { plan, viewer } = await lockedPlan(tx, actor, ws, input.id, null);
    const item = await lockLeaveItem(tx, plan.row.id, input.itemId);
    const [t] = item.transferId
      ? await tx.select().from(transfers).where(eq(transfers.id, item.transferId))
      : [];
    const facts = {
      state: item.state as LeaveItemState,
      awaitingApproval: t?.state === "awaiting_approval",
    };
    if (!leaveItemAbilities(ws.policy.leave, viewer, planFacts(plan), facts)[decision]) {
      const why = leavePlanRefusal(decision, planFacts(plan));
      if (why.kind === "state" || item.state !== "requested" || !facts.awaitingApproval)
        throw conflict(
          why.kind === "state"
            ? why.message
            : `Cannot ${decision}: this case is ${item.state.replace("_", " ")}${t ? ` (its transfer is ${t.state.replaceAll("_", " ")})` : ""}`,
        );
      throw forbidden(why.message);
    }
    if (!t) throw notFound("Transfer");
    if (item.version !== input.version)
      throw conflict("This case of the leave plan was changed meanwhile; reload it", {
        currentVersion: item.version,
      });
    const note = input.note?.trim() || undefined;
    let state: LeaveItemState = "kept";
    let holderId: string | null = null;
    if (decision === "keep") {
      await rejectTransfer(tx, actor, t.id, { version: t.version, ...(note ? { note } : {}) });
    } else {
      const approved = await approveTransfer(tx, actor, t.id, {
        version: t.version,
        ...(input.holderId ? { assignTo: input.holderId } : {}),
        ...(note ? { note } : {}),
      });
      let now = approved.state;
      if (now === "awaiting_steps" && item.customerTold) {
        const [after] = await tx.select().from(transfers).where(eq(transfers.id, t.id));
        if (after && (after.requiredSteps as string[]).includes("customer_notified")) {
          const stepped = await recordStep(tx, actor, t.id, "customer_notified", {
            version: after.version,
            how: "other",
            note: `${plan.userName} told the customer before going on leave (leave plan)`,
          });
          now = stepped.state;
        }
      }
      const [kase] = await tx
        .select({ ownerId: cases.ownerId })
        .from(cases)
        .where(eq(cases.id, item.caseId));
      state = now === "completed" ? "handed_off" : "requested";
      holderId = now === "completed" ? (kase?.ownerId ?? null) : (input.holderId ?? null);
    }
    // The transfer's end has moved the item already (reactions/leave.ts): read it again.
    const moved = await lockLeaveItem(tx, plan.row.id, item.id);
    await changeItem(tx, moved, null, {
      state,
      holderId,
      leadNote: note ?? null,
      decidedBy: actor.userId,
    });
    const [holder] = holderId
      ? await tx.select({ name: users.name }).from(users).where(eq(users.id, holderId))
      : [];
    const items = await leaveItemsOf(tx, [plan.row.id]);
    const mine = items.find((i) => i.item.id === item.id);
    if (state === "handed_off" && mine)
      await sheetHandedOff(tx, actor.userId, ws, plan, mine, holderId);
    await emit(tx, {
      name: "leave.case_decided",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: plan.row.id,
      data: {
        ...leaveData(plan, plan.row, items.length),
        caseNumber: mine?.kase.number ?? 0,
        decision: state,
        holderName: holder?.name ?? null,
        note: note ?? null,
      },
    });
    await finishLeavePlan(tx, actor, ws, await leavePlanIn(tx, ws.id, plan.row.id), items);
  });
  return getLeavePlan(db, actor, { workspace: ws.slug, id: input.id });
}
