import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { callViewer, lockCallFor } from "../../loaders/calls.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { presentCall } from "../../presenters/calls.ts";
import { callDataOf, changeCall } from "../../writes/calls.ts";
import { emit } from "../../writes/emit.ts";
import { callRef } from "./rescheduleCall.ts";

export const cancelCallInput = z.strictObject(callRef);

/** Cancels a scheduled call: no reminder, no missed flag. */
export async function cancelCall(db: Db, actor: Actor, input: z.infer<typeof cancelCallInput>) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const now = new Date();
  return db.transaction(async (tx) => {
    const r = await lockCallFor(tx, actor, ws, input.id, "cancel");
    const moved = await changeCall(
      tx,
      r,
      input.version,
      { state: "cancelled", closedAt: now },
      now,
    );
    await emit(tx, {
      name: "call.cancelled",
      actorId: actor.userId,
      workspaceId: ws.id,
      caseId: moved.row.caseId,
      caseNumber: moved.caseNumber,
      subjectId: moved.row.id,
      data: callDataOf(moved.row, moved.caseNumber),
    });
    return presentCall(moved, callViewer(actor, ws));
  });
}
