import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { cases } from "../../db/schema.ts";
import { OPEN_STATUSES } from "../../domain/case-status.ts";
import { missingChecks } from "../../domain/leave/plan.ts";
import { claimStartedLeave, leavePlanIn } from "../../loaders/leave.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { emit } from "../../writes/emit.ts";
import { leaveData } from "../../writes/leave.ts";
import { insertSheetEntry } from "../../writes/sheet.ts";

/**
 * At the start of leave (the minute's sweep): the cases the absent agent still owns, and what the
 * policy asked that was not done (out-of-office, call diversion), are raised to the approvers
 * (S4.4, S4.11); each such case goes on the hand-off sheet for someone to take. Each plan is
 * claimed once, so any number of sweepers raise it once.
 */
export async function raiseStartedLeave(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const started = await claimStartedLeave(tx, now);
    for (const row of started) {
      const ws = await workspaceById(tx, row.workspaceId);
      const plan = await leavePlanIn(tx, ws.id, row.id);
      const owned = await tx
        .select({ id: cases.id, number: cases.number, nextUpdateDueAt: cases.nextUpdateDueAt })
        .from(cases)
        .where(
          and(
            eq(cases.workspaceId, ws.id),
            eq(cases.ownerId, row.userId),
            inArray(cases.status, [...OPEN_STATUSES]),
          ),
        );
      for (const c of owned)
        await insertSheetEntry(tx, row.userId, {
          workspaceId: ws.id,
          caseId: c.id,
          caseNumber: c.number,
          needs: `Owner ${plan.userName} is on leave: needs someone to hold it`,
          dueAt: c.nextUpdateDueAt,
          queue: null,
          note: "",
        });
      const missing = missingChecks(ws.policy.leave, {
        out_of_office: row.outOfOfficeAt,
        call_diversion: row.callDiversionAt,
      });
      await emit(tx, {
        name: "leave.started",
        actorId: null,
        workspaceId: ws.id,
        subjectId: row.id,
        data: {
          ...leaveData(plan, row, owned.length),
          stillOwned: owned.map((c) => c.number),
          missing,
        },
      });
    }
    return started.length;
  });
}
