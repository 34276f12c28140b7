import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { caseCalls } from "../../db/schema.ts";
import { callTimes, checkCallStart } from "../../domain/calls/calls.ts";
import { ruleBroken } from "../../domain/errors.ts";
import { isoDateTime, requiredLine, safeText, toDate } from "../../domain/text.ts";
import { callById, callViewer } from "../../loaders/calls.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { loadCase } from "../../loaders/cases.ts";
import { presentCall } from "../../presenters/calls.ts";
import { callDataOf } from "../../writes/calls.ts";
import { emit } from "../../writes/emit.ts";

/** What a call is: when, how long, with whom, where, about what, and who on our side runs it. */
export const callFields = {
  startsAt: isoDateTime.describe("When the call starts: an instant with its offset"),
  durationMinutes: z.number().int().min(5).max(480).describe("How long, in minutes"),
  attendee: requiredLine(200).describe("Who on the customer's side attends"),
  link: z
    .url({ protocol: /^https?$/, error: "must be a web address (https://…)" })
    .max(500)
    .nullable()
    .optional()
    .describe("The meeting's address"),
  agenda: safeText(2_000).optional(),
  runnerId: z.uuid().optional().describe("Who runs the call; the case owner by default"),
};

export const scheduleCallInput = z.strictObject(callFields);

/**
 * Schedules a customer call on a case (S4.3): its runner is reminded before it and, if nobody
 * logs it as held by its end, it is flagged missed. Whoever may add notes to the case may.
 */
export async function scheduleCall(
  db: Db,
  actor: Actor,
  number: number,
  input: z.infer<typeof scheduleCallInput>,
) {
  const { row: kase, workspace } = await loadCase(db, actor, number, "case.note");
  if (kase.status === "closed")
    throw ruleBroken(
      "case_closed",
      "A closed case takes no more calls; a new issue gets a new case",
    );
  const now = new Date();
  const startsAt = toDate(input.startsAt);
  checkCallStart(startsAt, now);
  const runnerId = input.runnerId ?? kase.ownerId ?? actor.userId;
  return db.transaction(async (tx) => {
    const missing = await checkMembers(tx, kase.workspaceId, { runnerId });
    if (missing.length) refuse(missing);
    const [row] = await tx
      .insert(caseCalls)
      .values({
        workspaceId: kase.workspaceId,
        caseId: kase.id,
        startsAt,
        ...callTimes(startsAt, input.durationMinutes, workspace.policy.calls),
        durationMinutes: input.durationMinutes,
        attendee: input.attendee.trim(),
        link: input.link ?? null,
        agenda: input.agenda?.trim() ?? "",
        runnerId,
        scheduledBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("call insert returned nothing");
    await emit(tx, {
      name: "call.scheduled",
      actorId: actor.userId,
      workspaceId: kase.workspaceId,
      caseId: kase.id,
      caseNumber: number,
      subjectId: row.id,
      data: callDataOf(row, number),
    });
    return presentCall(await callById(tx, row.id), callViewer(actor, workspace));
  });
}
