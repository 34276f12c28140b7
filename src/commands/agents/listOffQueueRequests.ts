import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { mayApproveOffQueue, offQueueNeedsRequest } from "../../domain/off-queue/requests.ts";
import { slug } from "../../domain/text.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { listOffQueue, openOffQueueOf } from "../../loaders/off-queue.ts";
import { presentOffQueue } from "../../presenters/off-queue.ts";

export const listOffQueueRequestsInput = z.strictObject({ workspace: slug });

/**
 * The off-queue requests of a workspace as the desk shows them: an approver sees everyone's
 * (waiting first), anyone else their own. Says what the viewer may ask for.
 */
export async function listOffQueueRequests(
  db: Db,
  actor: Actor,
  input: z.infer<typeof listOffQueueRequestsInput>,
) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const rules = ws.policy.offQueue;
  const viewer = { userId: actor.userId, role: membershipIn(actor, ws.id)?.role ?? null };
  const approver = mayApproveOffQueue(rules, viewer);
  const rows = await listOffQueue(db, ws.id, {
    ...(approver ? {} : { userId: actor.userId }),
    limit: 100,
  });
  const mine = await openOffQueueOf(db, ws.id, actor.userId);
  return {
    items: rows.map((r) => presentOffQueue(r, rules, viewer)),
    viewer: {
      mayAsk: !mine,
      approver,
      needsApproval: offQueueNeedsRequest(rules, viewer),
      maxHours: rules.maxHours,
    },
  };
}
