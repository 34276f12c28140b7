import type { Db } from "../../db/client.ts";
import { callById } from "../../loaders/calls.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { callDataOf, claimDueReminders } from "../../writes/calls.ts";
import { emit } from "../../writes/emit.ts";

/**
 * Reminds the runners of calls about to start (run each minute by the sweeper), in-app and by
 * email, each call once even when several processes sweep at once: the rows are claimed by a
 * conditional update before anyone is told. Answers how many were reminded.
 */
export async function remindCalls(db: Db, now: Date, batch = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = await claimDueReminders(tx, now, batch);
    for (const id of ids) {
      const r = await callById(tx, id);
      const { policy } = await workspaceById(tx, r.row.workspaceId);
      await emit(tx, {
        name: "call.reminded",
        actorId: null,
        workspaceId: r.row.workspaceId,
        caseId: r.row.caseId,
        caseNumber: r.caseNumber,
        subjectId: r.row.id,
        data: callDataOf(r.row, r.caseNumber),
        facts: {
          caseSubject: r.caseSubject,
          caseOwnerId: r.caseOwnerId,
          attendee: r.row.attendee,
          link: r.row.link,
          customerZone: r.customerZone,
          policy,
        },
      });
    }
    return ids.length;
  });
}
