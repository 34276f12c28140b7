import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { refusedMove } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import {
  type OffQueueAction,
  type OffQueueState,
  offQueueAbilities,
  offQueueRefusal,
} from "../../domain/off-queue/requests.ts";
import { safeText, slug } from "../../domain/text.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { lockOffQueueRequest } from "../../loaders/off-queue.ts";
import { presentOffQueue } from "../../presenters/off-queue.ts";
import { moveOffQueue } from "../../writes/off-queue.ts";

export const decideOffQueueInput = z.strictObject({
  workspace: slug,
  id: z.uuid(),
  version: rowVersion,
  note: safeText(500, 0).optional().describe("The approver's note to the agent"),
});

const TO: Record<OffQueueAction, Exclude<OffQueueState, "pending">> = {
  approve: "approved",
  decline: "declined",
  withdraw: "withdrawn",
  end: "ended",
};

/**
 * Moves an off-queue request on: an approver approves (the time off queue starts now) or
 * declines it, the agent withdraws it, or either ends the time early (S4.6). Who may is decided
 * by `offQueueAbilities`; a request no longer in the state the action needs is a conflict.
 */
export async function decideOffQueue(
  db: Db,
  actor: Actor,
  action: OffQueueAction,
  input: z.infer<typeof decideOffQueueInput>,
) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const viewer = { userId: actor.userId, role: membershipIn(actor, ws.id)?.role ?? null };
  const rules = ws.policy.offQueue;
  return db.transaction(async (tx) => {
    const r = await lockOffQueueRequest(tx, ws.id, input.id);
    const facts = { userId: r.row.userId, state: r.row.state as OffQueueState };
    if (!offQueueAbilities(rules, viewer, facts)[action]) {
      throw refusedMove(offQueueRefusal(action, facts));
    }
    const moved = await moveOffQueue(tx, r, {
      to: TO[action],
      version: input.version,
      actorId: actor.userId,
      note: action === "approve" || action === "decline" ? input.note?.trim() || null : undefined,
      now: new Date(),
    });
    const decidedByName =
      action === "approve" || action === "decline" ? actor.name : moved.decidedByName;
    return presentOffQueue({ ...moved, decidedByName }, rules, viewer);
  });
}
