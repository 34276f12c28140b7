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
import type { Policy } from "../domain/policy/schema.ts";
import { assignmentText, chooseAgent, type RoutingDecision } from "../domain/routing/choose.ts";
import type { EmitScope, SubscriberList } from "../events/emit.ts";
import { queueAgents } from "../loaders/routing.ts";
import { workspaceById } from "../loaders/workspaces.ts";

export type RoutingTrigger =
  | "created"
  | "transferred"
  | "agent_available"
  | "return_timer"
  | "pulled"
  | "sweep";

export interface Routed {
  agentId: string;
  agentName: string;
  method: string;
  version: number;
}

const OPEN = [...OPEN_STATUSES];

/** How many times a choice is retried when its agent filled up meanwhile (another process). */
const RETRIES = 5;

/**
 * Gives an unowned case in an auto-assigning queue its owner, by the queue's method, in the
 * caller's transaction (docs/routing.md). The case row is locked first, then (round robin) the
 * queue's turn, then the chosen agent's membership, always in that order; with the agent's row
 * held, their open cases are counted again, so two processes never hand one case to two agents
 * nor push an agent past capacity. Answers null when the case is not for routing or nobody can
 * take it now (it waits in the queue).
 */
export async function routeCase(
  tx: Db,
  emit: EmitScope["emit"],
  input: {
    caseId: string;
    trigger: RoutingTrigger;
    actorId: string | null;
    now: Date;
    /** Agents not to choose, with why (the owner a returned case left). */
    exclude?: ReadonlyMap<string, string>;
    /** Only this agent may receive it (an agent pulling, or back from leave). */
    onlyAgentId?: string;
    policy?: Policy;
  },
): Promise<Routed | null> {
  const [kase] = await tx
    .select({
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
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .where(eq(cases.id, input.caseId))
    .for("update", { of: cases });
  if (!kase || kase.ownerId || kase.pinned || !OPEN.includes(kase.status as never)) return null;
  const policy = input.policy ?? (await workspaceById(tx, kase.workspaceId)).policy;
  const queue = policy.queues.find((q) => q.code === kase.queue);
  if (!queue || queue.distribution === "manual") return null;

  let lastAgentId: string | null = null;
  if (queue.distribution === "round_robin") {
    await tx
      .insert(queueCursors)
      .values({ workspaceId: kase.workspaceId, queue: queue.code })
      .onConflictDoNothing();
    const [cursor] = await tx
      .select({ lastAgentId: queueCursors.lastAgentId })
      .from(queueCursors)
      .where(
        and(eq(queueCursors.workspaceId, kase.workspaceId), eq(queueCursors.queue, queue.code)),
      )
      .for("update");
    lastAgentId = cursor?.lastAgentId ?? null;
  }

  const all = await queueAgents(tx, kase.workspaceId, queue.code);
  const agents = input.onlyAgentId ? all.filter((a) => a.id === input.onlyAgentId) : all;
  const exclude = new Map(input.exclude ?? []);
  const skill = kase.product
    ? (policy.products.find((p) => p.code === kase.product)?.skill ?? null)
    : null;
  const routed = {
    queue: queue.code,
    skill,
    language: kase.contactLanguage ?? kase.customerLanguage ?? null,
    region: kase.region ?? kase.customerRegion ?? null,
  };
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    const decision: RoutingDecision = chooseAgent({
      policy,
      queue,
      kase: routed,
      agents,
      now: input.now,
      exclude,
      lastAgentId,
    });
    const agentId = decision.agentId;
    if (!agentId) return null;
    const agent = agents.find((a) => a.id === agentId)!;
    // The agent's row held, count again: another process may have given them a case meanwhile.
    const [held] = await tx
      .select({ capacity: memberships.capacity })
      .from(memberships)
      .where(and(eq(memberships.userId, agentId), eq(memberships.workspaceId, kase.workspaceId)))
      .for("update");
    const [{ open } = { open: 0 }] = await tx
      .select({ open: sql<number>`count(*)::int` })
      .from(cases)
      .where(
        and(
          eq(cases.ownerId, agentId),
          eq(cases.workspaceId, kase.workspaceId),
          inArray(cases.status, OPEN),
        ),
      );
    if (!held || Number(open) >= held.capacity) {
      exclude.set(agentId, `at capacity (${open} of ${held?.capacity ?? 0} open cases)`);
      continue;
    }
    return assign(tx, emit, {
      kase,
      agentId,
      agentName: agent.name,
      decision,
      input,
      queue: queue.code,
    });
  }
  return null;
}

async function assign(
  tx: Db,
  emit: EmitScope["emit"],
  a: {
    kase: { id: string; number: number; workspaceId: string };
    agentId: string;
    agentName: string;
    decision: RoutingDecision;
    input: { trigger: RoutingTrigger; actorId: string | null; now: Date };
    queue: string;
  },
): Promise<Routed> {
  const { kase, agentId, decision, input } = a;
  const [updated] = await tx
    .update(cases)
    .set({
      ownerId: agentId,
      version: sql`${cases.version} + 1`,
      updatedAt: input.now,
    })
    .where(and(eq(cases.id, kase.id), isNull(cases.ownerId)))
    .returning({ version: cases.version });
  if (!updated) throw new Error("a locked unowned case changed owner");
  await tx
    .update(queueCursors)
    .set({
      lastAgentId: agentId,
      assigned: sql`${queueCursors.assigned} + 1`,
      updatedAt: input.now,
    })
    .where(and(eq(queueCursors.workspaceId, kase.workspaceId), eq(queueCursors.queue, a.queue)));
  const [record] = await tx
    .insert(caseAssignments)
    .values({
      caseId: kase.id,
      workspaceId: kase.workspaceId,
      agentId,
      method: decision.method,
      trigger: input.trigger,
      candidates: { considered: decision.considered, matched: decision.matched ?? null },
      createdAt: input.now,
    })
    .returning({ id: caseAssignments.id });
  await tx.insert(activities).values({
    caseId: kase.id,
    kind: "system",
    visibility: "private",
    body: assignmentText(decision, a.agentName, input.trigger),
    authorId: input.actorId,
    data: { event: "case.auto_assigned", assignmentId: record?.id ?? null },
  });
  await emit({
    name: "case.auto_assigned",
    actorId: input.actorId,
    workspaceId: kase.workspaceId,
    caseId: kase.id,
    caseNumber: kase.number,
    subjectId: String(kase.number),
    data: {
      agentId,
      method: decision.method,
      trigger: input.trigger,
      considered: decision.considered.length,
      assignmentId: record?.id ?? 0,
      queue: a.queue,
      version: updated.version,
    },
  });
  return { agentId, agentName: a.agentName, method: decision.method, version: updated.version };
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
      await routeCase(tx, scope.emit, {
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
      await routeCase(tx, scope.emit, {
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
        const routed = await routeCase(tx, scope.emit, {
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
