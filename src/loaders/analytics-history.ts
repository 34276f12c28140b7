import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { rowsOf } from "../db/rows.ts";
import {
  activities,
  auditEvents,
  caseClockAlarms,
  cases,
  memberships,
  transfers,
} from "../db/schema.ts";
import { type CaseHistory, type FactContext, SETTLED_STATES } from "../domain/analytics/facts.ts";
import type { RaiseRow } from "../domain/analytics/misses.ts";
import { reportingZone } from "../domain/reports/project-volume.ts";
import { meetingFinder } from "../domain/schedule/meetings.ts";
import type { StepRecord } from "../domain/transfer/machine.ts";
import { workspaceById } from "./workspaces.ts";

/*
 * Reads for the analytics refresh (docs/analytics.md): which cases to look at again and each
 * one's history, in batches of case ids.
 */

const settled = sql.raw(SETTLED_STATES.map((s) => `'${s}'`).join(", "));
const ids = z.object({ case_id: z.string() });

/** Every case that has a transfer that ended, after `afterCaseId`, `limit` at a time. */
export async function settledCasesAfter(db: Db, afterCaseId: string, limit: number) {
  const result = await db.execute(sql`
    SELECT DISTINCT case_id::text AS case_id FROM transfers
    WHERE state IN (${settled}) AND case_id > ${afterCaseId}::uuid
    ORDER BY 1 LIMIT ${limit}`);
  return rowsOf(result, ids).map((r) => r.case_id);
}

/** How many cases have a transfer that ended. */
export async function settledCaseCount(db: Db): Promise<number> {
  const result = await db.execute(sql`
    SELECT count(DISTINCT case_id)::float8 AS n FROM transfers WHERE state IN (${settled})`);
  return rowsOf(result, z.object({ n: z.number() }))[0]?.n ?? 0;
}

/**
 * Cases with an ended transfer whose facts may have changed: an audit row about them after
 * `afterAuditId` (a transfer's step, a reply, a status change, a breach, a later transfer), or a
 * score that is still provisional and may now be final.
 */
export async function changedCases(
  db: Db,
  afterAuditId: number,
  upToAuditId: number,
  withProvisional: boolean,
) {
  const provisional = withProvisional
    ? sql`UNION
      SELECT f.case_id FROM handoff_facts f WHERE f.outcome = 'completed' AND NOT f.score_final`
    : sql``;
  const result = await db.execute(sql`
    SELECT DISTINCT x.case_id::text AS case_id FROM (
      SELECT a.case_id FROM audit_events a
      WHERE a.id > ${afterAuditId} AND a.id <= ${upToAuditId} AND a.case_id IS NOT NULL
      ${provisional}
    ) x
    WHERE EXISTS (SELECT 1 FROM transfers t WHERE t.case_id = x.case_id AND t.state IN (${settled}))
    ORDER BY 1`);
  return rowsOf(result, ids).map((r) => r.case_id);
}

export async function lastAuditId(db: Db): Promise<number> {
  const result = await db.execute(sql`SELECT coalesce(max(id), 0)::float8 AS id FROM audit_events`);
  return rowsOf(result, z.object({ id: z.number() }))[0]?.id ?? 0;
}

const completedTo = z.object({
  to: z.object({
    ownerId: z.string().nullable(),
    queue: z.string().nullable(),
    region: z.string().nullable().optional(),
  }),
});

const REPLY_KINDS = ["note", "call"];

/** The history of each case in `caseIds` that the facts are worked out from. */
export async function caseHistories(db: Db, caseIds: readonly string[]): Promise<CaseHistory[]> {
  if (caseIds.length === 0) return [];
  const list = [...caseIds];
  // One after another: `db` is the refresh's transaction, one connection that runs one
  // statement at a time (node-postgres queues the rest, a use it deprecates).
  const caseRows = await db
    .select({
      id: cases.id,
      workspaceId: cases.workspaceId,
      is24x7: cases.is24x7,
      openedAt: cases.createdAt,
    })
    .from(cases)
    .where(inArray(cases.id, list));
  const transferRows = await db
    .select()
    .from(transfers)
    .where(and(inArray(transfers.caseId, list), inArray(transfers.state, [...SETTLED_STATES])));
  const completions = await db
    .select({ subjectId: auditEvents.subjectId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(inArray(auditEvents.caseId, list), eq(auditEvents.action, "transfer.completed")));
  const replies = await db
    .select({
      caseId: activities.caseId,
      authorId: activities.authorId,
      at: activities.createdAt,
      visibility: activities.visibility,
    })
    .from(activities)
    .where(
      and(
        inArray(activities.caseId, list),
        inArray(activities.kind, REPLY_KINDS),
        isNotNull(activities.authorId),
      ),
    );
  const reopens = await db
    .select({ caseId: auditEvents.caseId, at: auditEvents.at })
    .from(auditEvents)
    .where(
      and(
        inArray(auditEvents.caseId, list),
        eq(auditEvents.action, "case.updated"),
        sql`${auditEvents.data}->'changes'->'status'->>'from' IN ('resolved', 'solution_delivered')`,
        sql`${auditEvents.data}->'changes'->'status'->>'to' IN ('new', 'active', 'awaiting_customer')`,
      ),
    );
  const breaches = await db
    .select({ caseId: caseClockAlarms.caseId, at: caseClockAlarms.firedAt })
    .from(caseClockAlarms)
    .where(and(inArray(caseClockAlarms.caseId, list), eq(caseClockAlarms.kind, "breach")));
  const to = new Map<string, z.infer<typeof completedTo>["to"]>();
  for (const c of completions) {
    const parsed = completedTo.safeParse(c.data);
    if (parsed.success) to.set(c.subjectId, parsed.data.to);
  }
  const group = <T extends { caseId: string | null }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) {
      if (!r.caseId) continue;
      const list = map.get(r.caseId) ?? [];
      list.push(r);
      map.set(r.caseId, list);
    }
    return map;
  };
  const byCase = group(transferRows);
  const repliesOf = group(replies);
  const reopensOf = group(reopens);
  const breachesOf = group(breaches);
  return caseRows.map((c) => ({
    caseId: c.id,
    workspaceId: c.workspaceId,
    is24x7: c.is24x7,
    openedAt: c.openedAt,
    worked: (repliesOf.get(c.id) ?? []).map((r) => r.at),
    transfers: (byCase.get(c.id) ?? []).map((t) => {
      const done = to.get(t.id);
      return {
        id: t.id,
        kind: t.kind,
        state: t.state,
        requestedAt: t.createdAt,
        completedAt: t.completedAt,
        updatedAt: t.updatedAt,
        fromOwnerId: t.fromOwnerId,
        fromQueue: t.fromQueue,
        targetQueue: t.targetQueue,
        targetRegion: t.targetRegion,
        targetAgentId: t.targetAgentId,
        values: (t.template ?? {}) as Record<string, unknown>,
        requiredSteps: t.requiredSteps,
        steps: (t.steps as StepRecord[]).map((s) => ({ step: s.step, at: new Date(s.at) })),
        to: done ? { ownerId: done.ownerId, queue: done.queue, region: done.region ?? null } : null,
      };
    }),
    replies: (repliesOf.get(c.id) ?? [])
      .filter((r) => r.visibility === "public")
      .map((r) => ({ authorId: r.authorId, at: r.at })),
    reopens: (reopensOf.get(c.id) ?? []).map((r) => r.at),
    breaches: (breachesOf.get(c.id) ?? []).map((r) => r.at),
  }));
}

/** What the facts need of a workspace: its analytics policy, zone, kinds and regions. */
export async function factContext(db: Db, workspaceId: string): Promise<FactContext> {
  const ws = await workspaceById(db, workspaceId);
  const { policy } = ws;
  const members = await db
    .select({ userId: memberships.userId, region: memberships.region })
    .from(memberships)
    .where(eq(memberships.workspaceId, workspaceId));
  return {
    analytics: policy.analytics,
    zone: reportingZone(policy.regions),
    kinds: new Map(
      policy.transferKinds.map((k) => [
        k.code,
        { templateKeys: k.template.map((f) => f.key), customerNotice: k.customerNotice },
      ]),
    ),
    queueRegion: new Map(
      policy.queues.flatMap((q) => (q.region ? [[q.code, q.region] as const] : [])),
    ),
    memberRegion: new Map(
      members.flatMap((m) => (m.region ? [[m.userId, m.region] as const] : [])),
    ),
    meetingNear: meetingFinder(policy),
  };
}

const raiseData = z.object({
  key: z.string(),
  ownerId: z.string().optional(),
  shiftEndedAt: z.string().nullable().optional(),
  fromRegion: z.string().optional(),
  toRegion: z.string().nullable().optional(),
  meeting: z.object({ key: z.string(), title: z.string() }).nullable().optional(),
});
const raiseRow = z.object({
  case_id: z.string(),
  workspace_id: z.string(),
  at: z.number().transform((n) => new Date(n)),
  queue: z.string(),
  owner_id: z.string().nullable(),
  data: z.unknown(),
});

/** The missed-handover raises written after `afterAuditId`, with their case's queue and owner. */
export async function raisesAfter(
  db: Db,
  afterAuditId: number,
  upToAuditId: number,
): Promise<RaiseRow[]> {
  const result = await db.execute(sql`
    SELECT a.case_id::text AS case_id, a.workspace_id::text AS workspace_id,
      (extract(epoch FROM a.at) * 1000)::float8 AS at, c.queue, c.owner_id::text AS owner_id, a.data
    FROM audit_events a JOIN cases c ON c.id = a.case_id
    WHERE a.action = 'case.handover_missed' AND a.id > ${afterAuditId} AND a.id <= ${upToAuditId}
    ORDER BY a.id`);
  return rowsOf(result, raiseRow).flatMap((r) => {
    const data = raiseData.safeParse(r.data);
    if (!data.success) return [];
    return [
      {
        caseId: r.case_id,
        workspaceId: r.workspace_id,
        at: r.at,
        queue: r.queue,
        caseOwnerId: r.owner_id,
        data: data.data,
      },
    ];
  });
}
