import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { ruleBroken } from "../../domain/errors.ts";
import { safeText } from "../../domain/text.ts";
import { callViewer, lockCallFor } from "../../loaders/calls.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { presentCall } from "../../presenters/calls.ts";
import { callDataOf, changeCall } from "../../writes/calls.ts";
import { writeCaseActivity } from "../../writes/case-activity.ts";
import { emit } from "../../writes/emit.ts";
import { callRef } from "./rescheduleCall.ts";

export const holdCallInput = z.strictObject({
  ...callRef,
  body: safeText(20_000).optional().describe("What was said; the timeline's call entry"),
  visibility: z.enum(["public", "private"]).default("private"),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional()
    .describe("How long it really took; the planned length by default"),
  mentions: z.array(z.uuid()).max(50).optional(),
});

/**
 * Logs a scheduled (or missed) call as held: the call is done, and the case's timeline gets the
 * call entry exactly as logging a call does (`case.call_logged`: clocks move, mentions are told).
 */
export async function holdCall(db: Db, actor: Actor, input: z.infer<typeof holdCallInput>) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const now = new Date();
  return db.transaction(async (tx) => {
    const r = await lockCallFor(tx, actor, ws, input.id, "hold");
    if (r.caseStatus === "closed")
      throw ruleBroken(
        "case_closed",
        "A closed case takes no more notes; a new issue gets a new case",
      );
    const body = input.body?.trim() || `Scheduled call with ${r.row.attendee} held.`;
    const activity = await writeCaseActivity(
      tx,
      { id: r.row.caseId, number: r.caseNumber, subject: r.caseSubject, workspaceId: ws.id },
      { id: actor.userId, name: actor.name },
      ws.policy.defaults.language,
      {
        kind: "call",
        body,
        visibility: input.visibility,
        mentions: input.mentions,
        call: {
          direction: "outbound",
          durationMinutes: input.durationMinutes ?? r.row.durationMinutes,
          contactName: r.row.attendee,
        },
      },
    );
    const moved = await changeCall(
      tx,
      r,
      input.version,
      { state: "held", closedAt: now, heldActivityId: activity.id },
      now,
    );
    await emit(tx, {
      name: "call.held",
      actorId: actor.userId,
      workspaceId: ws.id,
      caseId: moved.row.caseId,
      caseNumber: moved.caseNumber,
      subjectId: moved.row.id,
      data: { ...callDataOf(moved.row, moved.caseNumber), activityId: activity.id },
    });
    return presentCall(moved, callViewer(actor, ws));
  });
}
