import type { Db } from "../../db/client.ts";
import { activities } from "../../db/schema.ts";
import { callTimeIn } from "../../domain/calls/calls.ts";
import { said } from "../../domain/said.ts";
import { callById } from "../../loaders/calls.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { callDataOf, claimMissedCalls } from "../../writes/calls.ts";
import { emit } from "../../writes/emit.ts";

/**
 * Marks missed the scheduled calls nobody logged as held by their end and the policy's grace
 * (run each minute by the sweeper), each once: a line on the case's timeline, and the runner,
 * the case owner and the shift leads are told. Answers how many.
 */
export async function flagMissedCalls(db: Db, now: Date, batch = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = await claimMissedCalls(tx, now, batch);
    for (const id of ids) {
      const r = await callById(tx, id);
      const { policy } = await workspaceById(tx, r.row.workspaceId);
      const body = `Scheduled call with ${r.row.attendee} at ${callTimeIn(r.row.startsAt, r.runner.timeZone)} (run by ${r.runner.name}) was not logged as held: missed.`;
      const [line] = await tx
        .insert(activities)
        .values({
          caseId: r.row.caseId,
          kind: "system",
          visibility: "private",
          body,
          authorId: null,
          data: {
            event: "call.missed",
            callId: r.row.id,
            line: said("callMissed", {
              attendee: r.row.attendee,
              at: r.row.startsAt.toISOString(),
              runner: r.runner.name,
            }),
          },
        })
        .returning({ id: activities.id });
      if (!line) throw new Error("activity insert returned nothing");
      await emit(tx, {
        name: "call.missed",
        actorId: null,
        workspaceId: r.row.workspaceId,
        caseId: r.row.caseId,
        caseNumber: r.caseNumber,
        subjectId: r.row.id,
        data: { ...callDataOf(r.row, r.caseNumber), activityId: line.id },
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
