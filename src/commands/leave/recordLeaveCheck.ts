import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { ruleBroken } from "../../domain/errors.ts";
import { leaveVersion } from "../../domain/leave/inputs.ts";
import { LEAVE_CHECKS } from "../../domain/leave/policy.ts";
import { lineText, slug } from "../../domain/text.ts";
import { leaveItemCount } from "../../loaders/leave.ts";
import { leaveWorkspace, lockedPlan } from "../../loaders/leave-access.ts";
import { emit } from "../../writes/emit.ts";
import { changePlan, leaveData } from "../../writes/leave.ts";
import { getLeavePlan } from "./getLeavePlan.ts";

export const recordLeaveCheckInput = z.strictObject({
  workspace: slug,
  id: z.uuid(),
  version: leaveVersion,
  check: z.enum(LEAVE_CHECKS),
  done: z.boolean(),
  divertTo: lineText(60, 0)
    .optional()
    .describe("call_diversion: where calls go while you are away (a number or a colleague)"),
});

/**
 * The absent agent records what they set up before leaving (S4.11, S1.6): the out-of-office
 * reply, the call diversion and where calls go. Each is recorded done (with when) or undone.
 */
export async function recordLeaveCheck(
  db: Db,
  actor: Actor,
  input: z.infer<typeof recordLeaveCheckInput>,
) {
  const ws = await leaveWorkspace(db, actor, input.workspace);
  if (input.check !== "call_diversion" && input.divertTo !== undefined)
    throw ruleBroken("invalid_input", "divertTo: only applies to call_diversion", "divertTo");
  if (input.check === "call_diversion" && input.done && !input.divertTo?.trim())
    throw ruleBroken(
      "divert_to_required",
      "divertTo: say where calls go while you are away",
      "divertTo",
    );
  await db.transaction(async (tx) => {
    const { plan } = await lockedPlan(tx, actor, ws, input.id, "check");
    const at = input.done ? new Date() : null;
    const updated = await changePlan(
      tx,
      plan.row,
      input.version,
      input.check === "out_of_office"
        ? { outOfOfficeAt: at }
        : {
            callDiversionAt: at,
            callDiversion: input.done ? (input.divertTo?.trim() ?? null) : null,
          },
    );
    await emit(tx, {
      name: "leave.checked",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: plan.row.id,
      data: {
        ...leaveData(plan, updated, await leaveItemCount(tx, plan.row.id)),
        check: input.check,
        done: input.done,
      },
    });
  });
  return getLeavePlan(db, actor, { workspace: ws.slug, id: input.id });
}
