import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { callTimes, checkCallStart } from "../../domain/calls/calls.ts";
import { invalid } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { slug, toDate } from "../../domain/text.ts";
import { callById, callViewer, lockCallFor } from "../../loaders/calls.ts";
import { checkMembers, refuse } from "../../loaders/case-refs.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { presentCall } from "../../presenters/calls.ts";
import { callDataOf, changeCall } from "../../writes/calls.ts";
import { emit } from "../../writes/emit.ts";
import { callFields } from "./scheduleCall.ts";

export const callRef = {
  workspace: slug,
  id: z.uuid(),
  version: rowVersion,
};

export const rescheduleCallInput = z.strictObject({
  ...callRef,
  ...z.object(callFields).partial().shape,
});

/**
 * Moves a scheduled call, or changes who attends, runs it, where or about what. A new time
 * must lie ahead and fixes its reminder and missed mark afresh (a moved call is reminded again).
 */
export async function rescheduleCall(
  db: Db,
  actor: Actor,
  input: z.infer<typeof rescheduleCallInput>,
) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const now = new Date();
  const startsAt = input.startsAt ? toDate(input.startsAt) : undefined;
  if (startsAt) checkCallStart(startsAt, now);
  return db.transaction(async (tx) => {
    const r = await lockCallFor(tx, actor, ws, input.id, "reschedule");
    if (input.runnerId) {
      const missing = await checkMembers(tx, ws.id, { runnerId: input.runnerId });
      if (missing.length) refuse(missing);
    }
    const next = {
      startsAt: startsAt ?? r.row.startsAt,
      durationMinutes: input.durationMinutes ?? r.row.durationMinutes,
      attendee: input.attendee?.trim() ?? r.row.attendee,
      link: input.link === undefined ? r.row.link : input.link,
      agenda: input.agenda?.trim() ?? r.row.agenda,
      runnerId: input.runnerId ?? r.row.runnerId,
    };
    const changes = Object.fromEntries(
      Object.entries(next)
        .map(([k, to]) => [k, { from: r.row[k as keyof typeof next], to }] as const)
        .filter(([, c]) => String(c.from) !== String(c.to))
        .map(([k, c]) => [
          k,
          {
            from: c.from instanceof Date ? c.from.toISOString() : c.from,
            to: c.to instanceof Date ? c.to.toISOString() : c.to,
          },
        ]),
    );
    if (Object.keys(changes).length === 0) throw invalid("startsAt", "nothing to change");
    const timing = changes.startsAt || changes.durationMinutes;
    const moved = await changeCall(
      tx,
      r,
      input.version,
      {
        ...next,
        ...(timing
          ? {
              ...callTimes(next.startsAt, next.durationMinutes, ws.policy.calls),
              remindedAt: null,
            }
          : {}),
      },
      now,
    );
    await emit(tx, {
      name: "call.rescheduled",
      actorId: actor.userId,
      workspaceId: ws.id,
      caseId: moved.row.caseId,
      caseNumber: moved.caseNumber,
      subjectId: moved.row.id,
      data: { ...callDataOf(moved.row, moved.caseNumber), changes },
    });
    return presentCall(await callById(tx, moved.row.id), callViewer(actor, ws));
  });
}
