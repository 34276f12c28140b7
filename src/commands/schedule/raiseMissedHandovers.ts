import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { activities, cases } from "../../db/schema.ts";
import { handoffBoard } from "../../domain/schedule/index.ts";
import {
  dueRaises,
  missedHandoverFacts,
  raiseKey,
  raiseLine,
  raiseNote,
} from "../../domain/schedule/raise.ts";
import { scheduleAgents, scheduleCases } from "../../loaders/schedule.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { emit } from "../../writes/emit.ts";
import { listWorkspaces } from "../workspaces/listWorkspaces.ts";

const EVENT = "case.handover_missed";
const MAX_RAISES_PER_SWEEP = 200;

/**
 * Raises every 24x7 case whose owner's shift ended without a handover to the role its policy's
 * handover.escalation names (S1.5): a private note on the case that mentions the people holding
 * that role, and an audit event. Each level is raised once per shift end; at most `maxRaises` a
 * sweep, the rest in the next ones. Returns how many.
 */
export async function raiseMissedHandovers(
  db: Db,
  now: Date,
  maxRaises = MAX_RAISES_PER_SWEEP,
  /**
   * Only these cases of this workspace: the history builder (src/demo/history) plays one case
   * at a moment weeks ago, when no other case's raise is due.
   */
  only?: { workspaceId: string; caseNumbers: readonly number[] },
): Promise<number> {
  let raised = 0;
  let budget = maxRaises;
  const all = only ? [{ id: only.workspaceId }] : await listWorkspaces(db);
  for (const { id } of all) {
    if (budget <= 0) break;
    const ws = await workspaceById(db, id);
    const policy = ws.policy;
    if (!policy.handover.escalation.length) continue;
    // Only cases whose owner is off shift and that lack the raise due now: most minutes, none.
    // Each sweep reading and ranking every open 24x7 case again is what made its memory peak.
    const shifts = await scheduleAgents(db, ws.id, { withLoad: false });
    const due24x7 = await scheduleCases(db, ws.id, { raiseDue: dueRaises(policy, shifts, now) });
    const open = only ? due24x7.filter((c) => only.caseNumbers.includes(c.number)) : due24x7;
    if (!open.length) continue;
    // Ranking next holders weighs how many cases each agent holds.
    const agents = await scheduleAgents(db, ws.id);
    const items = policy.regions.flatMap((region) =>
      handoffBoard(policy, region.code, open, agents, now, {
        escalationsOnly: (item) => item.level >= 0,
      }).escalations.map((item) => ({ item, zone: region.timeZone, region: region.code })),
    );
    // A backlog (a data import, a long outage) is raised over several minutes, not in one sweep
    // that would hold the process for as long as it takes.
    const due = items.slice(0, budget);
    budget -= due.length;
    if (!due.length) continue;
    const rows = await db
      .select({ id: cases.id, number: cases.number, subject: cases.subject })
      .from(cases)
      .where(
        and(
          eq(cases.workspaceId, ws.id),
          inArray(
            cases.number,
            due.map(({ item }) => item.caseNumber),
          ),
        ),
      );
    const caseIds = new Map(rows.map((r) => [r.number, r.id]));
    const subjects = new Map(rows.map((r) => [r.number, r.subject]));
    for (const { item, zone, region } of due) {
      const caseId = caseIds.get(item.caseNumber);
      if (!caseId) continue;
      const key = raiseKey(item);
      raised += await db.transaction(async (tx) => {
        // The key check and the insert share the case row's lock, so two sweeping processes
        // cannot both raise the same level.
        await tx.execute(sql`select 1 from ${cases} where ${cases.id} = ${caseId} for update`);
        const [seen] = await tx
          .select({ id: activities.id })
          .from(activities)
          .where(
            and(
              eq(activities.caseId, caseId),
              sql`${activities.data}->>'event' = ${EVENT}`,
              sql`${activities.data}->>'key' = ${key}`,
            ),
          )
          .limit(1);
        if (seen) return 0;
        const mentions = item.raiseToAgents.map((a) => a.agentId);
        const [note] = await tx
          .insert(activities)
          .values({
            caseId,
            kind: "system",
            visibility: "private",
            body: raiseNote(policy, item, zone),
            authorId: null,
            mentions,
            data: {
              event: EVENT,
              key,
              raiseTo: item.raiseTo,
              level: item.level,
              line: raiseLine(policy, item),
            },
          })
          .returning({ id: activities.id });
        await emit(tx, {
          name: "case.handover_missed",
          actorId: null,
          workspaceId: ws.id,
          caseId,
          subjectId: String(item.caseNumber),
          caseNumber: item.caseNumber,
          data: {
            raiseTo: item.raiseTo,
            level: item.level,
            key,
            activityId: note?.id ?? null,
            ...missedHandoverFacts(policy, region, item),
          },
          // The people raised to are told as any mention is: in-app and by email.
          facts: note
            ? {
                activityId: note.id,
                activity: "note",
                visibility: "private",
                body: raiseNote(policy, item, zone),
                caseSubject: subjects.get(item.caseNumber) ?? "",
                authorName: "Baton (missed handover)",
                mentions,
                language: policy.defaults.language,
              }
            : null,
        });
        return 1;
      });
    }
  }
  return raised;
}
