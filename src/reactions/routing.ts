import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import {
  activities,
  caseAssignments,
  cases,
  contacts,
  customers,
  memberships,
  queueCursors,
} from "../db/schema.ts";
import { OPEN_STATUSES } from "../domain/case-status.ts";
import type { Policy, Queue } from "../domain/policy/schema.ts";
import {
  assignmentLine,
  assignmentText,
  chooseAgent,
  eligibilityCheck,
  type RoutingDecision,
} from "../domain/routing/choose.ts";
import type { ScheduleAgent } from "../domain/schedule/facts.ts";
import type { Emitting, SubscriberList } from "../events/emit.ts";
import { openCasesOf, queueAgents } from "../loaders/routing.ts";
import { workspaceById } from "../loaders/workspaces.ts";

export type RoutingTrigger =
  | "created"
  | "transferred"
  | "agent_available"
  | "return_timer"
  | "pulled"
  | "sweep";

export interface Routed {
  caseId: string;
  caseNumber: number;
  agentId: string;
  agentName: string;
  method: string;
  version: number;
}

const OPEN = [...OPEN_STATUSES];

/** How many times a choice is re-planned when its agent filled up meanwhile (another process). */
const RETRIES = 5;

/** What routing reads of a waiting case. */
const waitingColumns = {
  id: cases.id,
  number: cases.number,
  workspaceId: cases.workspaceId,
  queue: cases.queue,
  ownerId: cases.ownerId,
  pinned: cases.pinned,
  status: cases.status,
  product: cases.product,
  region: cases.region,
  customerLanguage: customers.language,
  customerRegion: customers.region,
  contactLanguage: contacts.language,
};

type Waiting = {
  id: string;
  number: number;
  workspaceId: string;
  queue: string;
  ownerId: string | null;
  pinned: boolean;
  status: string;
  product: string | null;
  region: string | null;
  customerLanguage: string | null;
  customerRegion: string | null;
  contactLanguage: string | null;
};

interface RouteOptions {
  trigger: RoutingTrigger;
  actorId: string | null;
  now: Date;
  /** Agents not to choose, with why (the owner a returned case left). */
  exclude?: ReadonlyMap<string, string>;
  /** Only this agent may receive it (an agent pulling, or back from leave). */
  onlyAgentId?: string;
  policy?: Policy;
}

/**
 * Gives an unowned case in an auto-assigning queue its owner, by the queue's method, in the
 * caller's transaction (docs/routing.md). The case row is locked first, then (round robin) the
 * queue's turn, then the chosen agent's membership; with the agent's row held, their open cases
 * are counted again, so two processes never hand one case to two agents nor push an agent past
 * capacity. Answers null when the case is not for routing or nobody can take it now (it waits in
 * the queue).
 */
export async function routeCase(
  tx: Db,
  emitting: Emitting,
  input: RouteOptions & { caseId: string },
): Promise<Routed | null> {
  const [kase] = await tx
    .select(waitingColumns)
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .where(eq(cases.id, input.caseId))
    .for("update", { of: cases });
  if (!kase || kase.ownerId || kase.pinned || !OPEN.includes(kase.status as never)) return null;
  const policy = input.policy ?? (await workspaceById(tx, kase.workspaceId)).policy;
  const queue = policy.queues.find((q) => q.code === kase.queue);
  if (!queue || queue.distribution === "manual") return null;
  const [routed] = await assignWaiting(tx, emitting, [kase], { ...input, policy, queue });
  return routed ?? null;
}

/**
 * Routes up to `limit` cases waiting in one queue, most urgent first, in one transaction: the
 * cases no other process holds are locked (`SKIP LOCKED`), the members read and counted once,
 * the choices made in memory and checked under the chosen agents' row locks, and the owners,
 * assignment records, timeline entries and events written a statement each for the whole batch
 * (docs/performance.md, Routing). Answers what was assigned.
 */
export async function routeQueue(
  tx: Db,
  emitting: Emitting,
  input: RouteOptions & { workspaceId: string; queue: string; limit: number },
): Promise<Routed[]> {
  const policy = input.policy ?? (await workspaceById(tx, input.workspaceId)).policy;
  const queue = policy.queues.find((q) => q.code === input.queue);
  if (!queue || queue.distribution === "manual") return [];
  // Who could take a case now, before any case is read: at night or at the weekend nobody in
  // the queue can, and the minute's sweep then has nothing to lock, read or rank.
  const agents = await queueAgents(tx, input.workspaceId, queue.code);
  const eligible = eligibilityCheck(policy, queue.code, input.now);
  if (!agents.some((a) => eligible(a) === null)) return [];
  const waiting = await tx
    .select(waitingColumns)
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .where(
      and(
        eq(cases.workspaceId, input.workspaceId),
        eq(cases.queue, queue.code),
        isNull(cases.ownerId),
        eq(cases.pinned, false),
        inArray(cases.status, OPEN),
      ),
    )
    .orderBy(sql`${cases.slaDueAt} ASC NULLS LAST`, cases.createdAt)
    .limit(input.limit)
    .for("update", { of: cases, skipLocked: true });
  if (!waiting.length) return [];
  return assignWaiting(tx, emitting, waiting, { ...input, policy, queue }, { agents, eligible });
}

interface Planned {
  kase: Waiting;
  agent: ScheduleAgent;
  decision: RoutingDecision;
}

/**
 * The cases (locked, unowned, of one queue) given owners. Choices are made in memory, in turn;
 * then the chosen agents' membership rows are locked in id order and their open cases counted
 * again. An agent another process filled meanwhile keeps only what still fits; their other cases
 * are planned again among the rest, whose rows are then taken only if free (`SKIP LOCKED`), so
 * two batches never wait on each other in a cycle.
 */
async function assignWaiting(
  tx: Db,
  emitting: Emitting,
  kases: readonly Waiting[],
  o: RouteOptions & { policy: Policy; queue: Queue },
  /** The queue's agents and their eligibility check, when the caller has made them already. */
  loaded?: { agents: ScheduleAgent[]; eligible: (agent: ScheduleAgent) => string | null },
): Promise<Routed[]> {
  const { policy, queue, now } = o;
  const workspaceId = kases[0]!.workspaceId;
  let lastAgentId: string | null = null;
  if (queue.distribution === "round_robin") {
    await tx.insert(queueCursors).values({ workspaceId, queue: queue.code }).onConflictDoNothing();
    const [cursor] = await tx
      .select({ lastAgentId: queueCursors.lastAgentId })
      .from(queueCursors)
      .where(and(eq(queueCursors.workspaceId, workspaceId), eq(queueCursors.queue, queue.code)))
      .for("update");
    lastAgentId = cursor?.lastAgentId ?? null;
  }
  const all = loaded?.agents ?? (await queueAgents(tx, workspaceId, queue.code));
  const agents = o.onlyAgentId ? all.filter((a) => a.id === o.onlyAgentId) : all;
  const exclude = new Map(o.exclude ?? []);
  /** Agents whose rows this transaction holds: their open cases as counted under the lock. */
  const held = new Map<string, { capacity: number; open: number; given: number }>();
  const kept: Planned[] = [];
  let pending = [...kases];
  const eligible = loaded?.eligible ?? eligibilityCheck(policy, queue.code, now);
  for (let attempt = 0; attempt <= RETRIES && pending.length; attempt++) {
    const planned: Planned[] = [];
    for (const kase of pending) {
      const decision = chooseAgent({
        policy,
        queue,
        kase: routedOf(kase, policy, queue.code),
        agents,
        now,
        exclude,
        lastAgentId,
        eligible,
      });
      const agent = agents.find((a) => a.id === decision.agentId);
      if (!agent) continue;
      planned.push({ kase, agent, decision });
      agent.openCases++;
      lastAgentId = agent.id;
    }
    await holdAgents(tx, workspaceId, planned, held, exclude, attempt > 0);
    const dropped: Waiting[] = [];
    for (const p of planned) {
      const h = held.get(p.agent.id);
      if (h && h.open + h.given < h.capacity) {
        h.given++;
        kept.push(p);
      } else {
        dropped.push(p.kase);
        if (h && !exclude.has(p.agent.id))
          exclude.set(p.agent.id, `at capacity (${h.open + h.given} of ${h.capacity} open cases)`);
      }
    }
    for (const a of agents) {
      const h = held.get(a.id);
      if (h) a.openCases = h.open + h.given;
    }
    pending = dropped;
  }
  if (!kept.length) return [];
  return writeAssignments(tx, emitting, kept, { ...o, workspaceId });
}

/**
 * Locks the membership rows of the agents newly chosen, in id order, and counts their open cases
 * under the lock. After the first round rows another transaction holds are skipped, and their
 * agents passed over for this batch.
 */
async function holdAgents(
  tx: Db,
  workspaceId: string,
  planned: readonly Planned[],
  held: Map<string, { capacity: number; open: number; given: number }>,
  exclude: Map<string, string>,
  skipLocked: boolean,
): Promise<void> {
  const fresh = [...new Set(planned.map((p) => p.agent.id))].filter((id) => !held.has(id)).sort();
  if (!fresh.length) return;
  const rows = await tx
    .select({ userId: memberships.userId, capacity: memberships.capacity })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, fresh)))
    .orderBy(memberships.userId)
    .for("update", skipLocked ? { skipLocked: true } : {});
  const open = await openCasesOf(
    tx,
    workspaceId,
    rows.map((r) => r.userId),
  );
  for (const r of rows)
    held.set(r.userId, { capacity: r.capacity, open: open.get(r.userId) ?? 0, given: 0 });
  for (const id of fresh)
    if (!held.has(id) && !exclude.has(id)) exclude.set(id, "being given work by another process");
}

const routedOf = (kase: Waiting, policy: Policy, queue: string) => ({
  queue,
  skill: kase.product
    ? (policy.products.find((p) => p.code === kase.product)?.skill ?? null)
    : null,
  language: kase.contactLanguage ?? kase.customerLanguage ?? null,
  region: kase.region ?? kase.customerRegion ?? null,
});

/** The owners, the queue's turn, the assignment records, the timeline and the events: a statement each. */
async function writeAssignments(
  tx: Db,
  emitting: Emitting,
  kept: readonly Planned[],
  o: RouteOptions & { queue: Queue; workspaceId: string },
): Promise<Routed[]> {
  const { workspaceId, now, trigger, actorId } = o;
  const owners = kept.map((p) => ({ id: p.kase.id, owner: p.agent.id }));
  const updated = await tx.execute(sql`
    UPDATE cases SET owner_id = x.owner, version = cases.version + 1, updated_at = ${now.toISOString()}
    FROM json_to_recordset(${JSON.stringify(owners)}::json) AS x(id uuid, owner uuid)
    WHERE cases.id = x.id AND cases.owner_id IS NULL
    RETURNING cases.id, cases.version`);
  const versions = new Map(
    (updated as unknown as { rows: { id: string; version: number }[] }).rows.map((r) => [
      r.id,
      Number(r.version),
    ]),
  );
  if (versions.size !== kept.length) throw new Error("a locked unowned case changed owner");
  if (o.queue.distribution === "round_robin")
    await tx
      .update(queueCursors)
      .set({
        lastAgentId: kept.at(-1)!.agent.id,
        assigned: sql`${queueCursors.assigned} + ${kept.length}`,
        updatedAt: now,
      })
      .where(and(eq(queueCursors.workspaceId, workspaceId), eq(queueCursors.queue, o.queue.code)));
  const records = await tx
    .insert(caseAssignments)
    .values(
      kept.map((p) => ({
        caseId: p.kase.id,
        workspaceId,
        agentId: p.agent.id,
        method: p.decision.method,
        trigger,
        candidates: { considered: p.decision.considered, matched: p.decision.matched ?? null },
        createdAt: now,
      })),
    )
    .returning({ id: caseAssignments.id, caseId: caseAssignments.caseId });
  const recordOf = new Map(records.map((r) => [r.caseId, r.id]));
  await tx.insert(activities).values(
    kept.map((p) => ({
      caseId: p.kase.id,
      kind: "system",
      visibility: "private",
      body: assignmentText(p.decision, p.agent.name, trigger),
      authorId: actorId,
      data: {
        event: "case.auto_assigned",
        assignmentId: recordOf.get(p.kase.id) ?? null,
        line: assignmentLine(p.decision, p.agent.name, trigger),
      },
    })),
  );
  await emitting.emitMany(
    kept.map((p) => ({
      name: "case.auto_assigned" as const,
      actorId,
      workspaceId,
      caseId: p.kase.id,
      caseNumber: p.kase.number,
      subjectId: String(p.kase.number),
      data: {
        agentId: p.agent.id,
        method: p.decision.method,
        trigger,
        considered: p.decision.considered.length,
        assignmentId: recordOf.get(p.kase.id) ?? 0,
        queue: o.queue.code,
        version: versions.get(p.kase.id)!,
      },
    })),
  );
  return kept.map((p) => ({
    caseId: p.kase.id,
    caseNumber: p.kase.number,
    agentId: p.agent.id,
    agentName: p.agent.name,
    method: p.decision.method,
    version: versions.get(p.kase.id)!,
  }));
}

/** Unowned cases of the queues an agent works that auto-assign, most urgent first. */
export async function waitingCasesFor(
  tx: Db,
  workspaceId: string,
  queues: readonly string[],
  limit: number,
): Promise<string[]> {
  if (!queues.length) return [];
  const rows = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.workspaceId, workspaceId),
        isNull(cases.ownerId),
        eq(cases.pinned, false),
        inArray(cases.queue, [...queues]),
        inArray(cases.status, OPEN),
      ),
    )
    .orderBy(sql`${cases.slaDueAt} ASC NULLS LAST`, cases.createdAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return rows.map((r) => r.id);
}

/** The queues of a policy whose cases routing assigns. */
export const autoQueues = (policy: Policy): string[] =>
  policy.queues.filter((q) => q.distribution !== "manual").map((q) => q.code);

/** Routing's subscribers (src/reactions/index.ts lists them). */
export const ROUTING_REACTIONS: SubscriberList = {
  "case.created": [
    async function routeNewCase(tx, e, scope) {
      if (!e.caseId || e.data.ownerId) return;
      await routeCase(tx, scope, {
        caseId: e.caseId,
        trigger: "created",
        actorId: e.actorId,
        now: new Date(),
      });
    },
  ],
  "transfer.completed": [
    async function routeTransferred(tx, e, scope) {
      if (!e.caseId || !e.facts.transfer.autoAssign) return;
      await routeCase(tx, scope, {
        caseId: e.caseId,
        trigger: "transferred",
        actorId: e.actorId,
        now: new Date(),
      });
    },
  ],
  "agent.availability_changed": [
    async function flowToAvailable(tx, e, scope) {
      if (!e.workspaceId) return;
      const to = e.data.changes.availability?.to;
      if (to !== "available") return;
      const userId = e.subjectId;
      const ws = await workspaceById(tx, e.workspaceId);
      const [m] = await tx
        .select({ queues: memberships.queues, capacity: memberships.capacity })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, ws.id)));
      if (!m) return;
      const queues = autoQueues(ws.policy).filter(
        (q) => m.queues.length === 0 || m.queues.includes(q),
      );
      const now = new Date();
      for (const caseId of await waitingCasesFor(tx, ws.id, queues, m.capacity)) {
        const routed = await routeCase(tx, scope, {
          caseId,
          trigger: "agent_available",
          actorId: e.actorId,
          now,
          onlyAgentId: userId,
          policy: ws.policy,
        });
        if (!routed) break;
      }
    },
  ],
};
