import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { offQueueRequests, users } from "../../db/schema.ts";
import { conflict, ruleBroken } from "../../domain/errors.ts";
import { offQueueNeedsRequest } from "../../domain/off-queue/requests.ts";
import { requiredLine, slug } from "../../domain/text.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import type { OffQueueRecord } from "../../loaders/off-queue.ts";
import { presentOffQueue } from "../../presenters/off-queue.ts";
import { emit } from "../../writes/emit.ts";
import { dataOf, moveOffQueue } from "../../writes/off-queue.ts";

export const requestOffQueueInput = z.strictObject({
  workspace: slug,
  hours: z.number().int().min(1).max(24).describe("How long, in whole hours"),
  reason: requiredLine(300).describe("What the time is for, e.g. clearing the backlog"),
});

/**
 * Asks to go off queue for a few hours to clear a backlog (S4.6). Where the policy wants the
 * shift lead's approval the request waits on their desk; otherwise (or for an approver) it starts
 * at once. Either way it ends by itself when its hours are up.
 */
export async function requestOffQueue(
  db: Db,
  actor: Actor,
  input: z.infer<typeof requestOffQueueInput>,
) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  authorize(
    actor,
    "agent.availability.set",
    { workspaceId: ws.id, subjectUserId: actor.userId },
    ws.policy,
    "Agent",
  );
  const rules = ws.policy.offQueue;
  if (input.hours > rules.maxHours)
    throw ruleBroken(
      "off_queue_too_long",
      `hours: this workspace allows up to ${rules.maxHours} hours off queue at a time`,
      "hours",
    );
  const viewer = { userId: actor.userId, role: membershipIn(actor, ws.id)?.role ?? null };
  const now = new Date();
  return db.transaction(async (tx) => {
    const [me] = await tx
      .select({ availability: users.availability, name: users.name })
      .from(users)
      .where(eq(users.id, actor.userId));
    if (me?.availability === "on_leave")
      throw ruleBroken("on_leave", "You are on leave; come back before going off queue", "hours");
    const [row] = await tx
      .insert(offQueueRequests)
      .values({
        workspaceId: ws.id,
        userId: actor.userId,
        reason: input.reason.trim(),
        hours: input.hours,
        state: "pending",
        createdAt: now,
        updatedAt: now,
      })
      // One request waiting or running per person (a partial unique index): a second is a conflict.
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict("You already have an off-queue request waiting or running in this workspace");
    let record: OffQueueRecord = { row, userName: me?.name ?? actor.name, decidedByName: null };
    if (offQueueNeedsRequest(rules, viewer))
      await emit(tx, {
        name: "off_queue.requested",
        actorId: actor.userId,
        workspaceId: ws.id,
        subjectId: row.id,
        data: dataOf(record),
      });
    else
      record = {
        ...(await moveOffQueue(tx, record, {
          to: "approved",
          version: null,
          actorId: actor.userId,
          note: rules.needsApproval ? "approver: no approval needed" : "no approval needed here",
          now,
        })),
        decidedByName: me?.name ?? actor.name,
      };
    return presentOffQueue(record, rules, viewer);
  });
}
