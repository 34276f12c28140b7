import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeWaitingCases } from "../../src/commands/cases/routeWaitingCases.ts";
import { fireClockAlarms } from "../../src/commands/clocks/fireClockAlarms.ts";
import { driverOf } from "../../src/db/driver.ts";
import {
  auditEvents,
  caseAssignments,
  cases,
  memberships,
  notifications,
} from "../../src/db/schema.ts";
import type { Policy } from "../../src/domain/policy/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { presets } from "../../src/presets/index.ts";
import { routeQueue } from "../../src/reactions/routing.ts";
import { emittingIn } from "../../src/writes/emit.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import { roundTheClock } from "../support/steady-sun.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 12: cases find their owner by each queue's distribution method, with the reason recorded.

/** The help-desk preset with every region open around the clock, so shifts never depend on the hour. */
function steadyHelpdesk(): Policy {
  const policy = roundTheClock(presets["helpdesk-transfer"]);
  policy.queues.push({
    code: "by-skill",
    name: "By skill",
    description: "",
    distribution: "skills",
  });
  return policy;
}

/** Cases waiting in Level 1, written straight to the table so that no creation routes them. */
const insertWaiting = (world: World, ws: { id: string }, n: number) =>
  world.database.db.insert(cases).values(
    Array.from({ length: n }, (_, i) => ({
      workspaceId: ws.id,
      subject: `Waiting ${i}`,
      severity: "normal",
      priority: "normal",
      queue: "l1-support",
      brand: "hosting",
      // Oldest first, a second apart, so the order they are routed in is known.
      createdAt: new Date(Date.now() - (n - i) * 1_000),
    })),
  );

describe.each(databaseKinds)("routing (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  async function team(
    size: number,
    queues: string[],
    extra: Parameters<typeof buildAgent>[3] = {},
  ) {
    const ws = await buildWorkspace(world, "helpdesk-transfer", steadyHelpdesk());
    const lead = await buildAgent(world, ws.slug, "shift_lead", { queues: ["billing"] });
    const agents: TestAgent[] = [];
    for (let i = 0; i < size; i++)
      agents.push(
        await buildAgent(world, ws.slug, "agent", {
          name: `Agent ${i}`,
          queues,
          region: "US",
          ...extra,
        }),
      );
    return { ws, lead, agents };
  }
  const setCapacity = (ws: { id: string }, capacity: number) =>
    world.database.db
      .update(memberships)
      .set({ capacity })
      .where(eq(memberships.workspaceId, ws.id));
  /** How many cases each owner holds in the workspace (null: waiting). */
  const ownedIn = (ws: { id: string }) =>
    world.database.db
      .select({ owner: cases.ownerId, n: count() })
      .from(cases)
      .where(eq(cases.workspaceId, ws.id))
      .groupBy(cases.ownerId);
  const create = (by: TestAgent, ws: { slug: string }, body: Record<string, unknown> = {}) =>
    by.api.post<CaseDetail>("/api/v1/cases", { workspace: ws.slug, subject: "Help", ...body });

  it("round robin gives each agent a case in turn and says why on the case", async () => {
    const { ws, lead, agents } = await team(3, ["l1-support"]);
    const owners: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = ok(await create(lead, ws, { queue: "l1-support" }), 201);
      const read = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${c.number}`));
      expect(read.owner).not.toBeNull();
      owners.push(read.owner!.id);
      expect(read.assignment?.method).toBe("round_robin");
      expect(read.assignment?.trigger).toBe("created");
      expect(read.assignment?.agent.id).toBe(read.owner!.id);
      // Everyone in the queue was weighed: the chosen one first, the others passed over with a reason.
      expect(read.assignment?.considered[0]).toMatchObject({
        agentId: read.owner!.id,
        passed: null,
      });
      expect(read.assignment?.considered.slice(1).every((c) => c.passed)).toBe(true);
    }
    for (const a of agents) expect(owners.filter((o) => o === a.userId)).toHaveLength(2);
    // Turn order holds: the same three in the same order twice.
    expect(owners.slice(0, 3)).toEqual(owners.slice(3));
    const timeline = await lead.api.get<{ items: { body: string }[] }>(
      `/api/v1/cases/${(await create(lead, ws, { queue: "l1-support" })).body.number}/timeline`,
    );
    expect(timeline.body.items.map((i) => i.body).join("\n")).toMatch(
      /Assigned to Agent \d by round robin \(new case\); \d+ considered\./,
    );
  });

  it("least loaded picks the agent with the most room, and nobody goes past capacity", async () => {
    const { ws, lead, agents } = await team(2, ["l2-support"]);
    await setCapacity(ws, 2);
    const first = ok(
      await create(lead, ws, { queue: "l2-support", ownerId: agents[0]!.userId }),
      201,
    );
    expect(first.owner?.id).toBe(agents[0]!.userId);
    const next = ok(
      await lead.api.get<CaseDetail>(
        `/api/v1/cases/${ok(await create(lead, ws, { queue: "l2-support" }), 201).number}`,
      ),
    );
    expect(next.owner?.id).toBe(agents[1]!.userId);
    expect(next.assignment?.method).toBe("least_loaded");
    // Two more fill both agents; the fifth waits in the queue.
    await create(lead, ws, { queue: "l2-support" });
    await create(lead, ws, { queue: "l2-support" });
    const waiting = ok(await create(lead, ws, { queue: "l2-support" }), 201);
    const read = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${waiting.number}`));
    expect(read.owner).toBeNull();
    const perAgent = await ownedIn(ws);
    for (const a of agents) expect(perAgent.find((r) => r.owner === a.userId)?.n).toBe(2);
  });

  it("passes over agents off queue or on leave, and leaves manual queues to people", async () => {
    const { ws, lead, agents } = await team(2, ["l1-support", "billing"]);
    ok(
      await agents[0]!.api.put(`/api/v1/workspaces/${ws.slug}/agents/me/availability`, {
        status: "off_queue",
        version: 1,
      }),
      200,
    );
    const c = ok(await create(lead, ws, { queue: "l1-support" }), 201);
    const read = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${c.number}`));
    expect(read.owner?.id).toBe(agents[1]!.userId);
    expect(read.assignment?.considered.find((x) => x.agentId === agents[0]!.userId)?.passed).toBe(
      "off queue",
    );
    const manual = ok(await create(lead, ws, { queue: "billing" }), 201);
    expect(ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${manual.number}`)).owner).toBeNull();
  });

  it("routes by skills, dropping criteria in the policy's fallback order", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer", steadyHelpdesk());
    const lead = await buildAgent(world, ws.slug, "shift_lead", { queues: ["billing"] });
    const product = steadyHelpdesk().products[0]!;
    const skilled = await buildAgent(world, ws.slug, "agent", {
      name: "Skilled",
      queues: ["by-skill"],
      skills: [product.skill],
      languages: ["de"],
    });
    await buildAgent(world, ws.slug, "agent", {
      name: "Unskilled",
      queues: ["by-skill"],
      skills: [],
      languages: ["en"],
    });
    const c = ok(await create(lead, ws, { queue: "by-skill", product: product.code }), 201);
    const read = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${c.number}`));
    expect(read.owner?.id).toBe(skilled.userId);
    expect(read.assignment?.method).toBe("skills");
    expect(read.assignment?.considered.find((x) => x.name === "Unskilled")?.passed).toContain(
      `lacks skill ${product.skill}`,
    );
  });

  it("a transfer may ask the receiving queue to auto-assign; a manual queue refuses, naming the field", async () => {
    const { ws, lead, agents } = await team(2, ["l1-support", "l2-support"]);
    const c = ok(await create(lead, ws, { queue: "l1-support" }), 201);
    const read = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${c.number}`));
    const owner = agents.find((a) => a.userId === read.owner?.id)!;
    const refused = await owner.api.post<{ errors: { field: string }[] }>(
      `/api/v1/cases/${c.number}/transfers`,
      {
        version: read.version,
        kind: "transfer",
        target: { queue: "billing", autoAssign: true },
        reason: "other",
        reasonText: "Billing question",
      },
    );
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain("target.autoAssign");
    const moved = ok(
      await owner.api.post<{ state: string }>(`/api/v1/cases/${c.number}/transfers`, {
        version: read.version,
        kind: "escalate-to-l2",
        target: { queue: "l2-support", autoAssign: true },
        reason: "needs-level-2",
      }),
      201,
    );
    expect(moved.state).toBe("completed");
    const after = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${c.number}`));
    expect(after.queue).toBe("l2-support");
    expect(after.owner).not.toBeNull();
    expect(after.assignment?.trigger).toBe("transferred");
  });

  it("takes the next case for me where the policy allows, and a sweep hands waiting cases to whoever has room", async () => {
    const policy = steadyHelpdesk();
    policy.routing = { ...policy.routing, pull: true };
    const ws = await buildWorkspace(world, "helpdesk-transfer", policy);
    const lead = await buildAgent(world, ws.slug, "shift_lead", { queues: ["billing"] });
    const a = await buildAgent(world, ws.slug, "agent", { name: "Puller", queues: ["l1-support"] });
    await setCapacity(ws, 1);
    // The only agent is full: the next case waits.
    const held = ok(await create(lead, ws, { queue: "l1-support" }), 201);
    expect(held.owner?.id).toBe(a.userId);
    const waiting = ok(await create(lead, ws, { queue: "l1-support" }), 201);
    expect(waiting.owner).toBeNull();
    const full = await a.api.post<{ detail: string }>(
      `/api/v1/workspaces/${ws.slug}/next-case`,
      {},
    );
    expect(full.status).toBe(422);
    expect(full.body.detail).toMatch(/at capacity \(1 of 1 open cases\)/);
    // Room again: pulling takes the waiting case.
    await setCapacity(ws, 3);
    const pulled = ok(
      await a.api.post<CaseDetail>(`/api/v1/workspaces/${ws.slug}/next-case`, {}),
      201,
    );
    expect(pulled.number).toBe(waiting.number);
    expect(pulled.owner?.id).toBe(a.userId);
    expect(pulled.assignment?.trigger).toBe("pulled");
    const none = await a.api.post<{ detail: string }>(
      `/api/v1/workspaces/${ws.slug}/next-case`,
      {},
    );
    expect(none.status).toBe(422);
    expect(none.body.detail).toBe("No case waits in your queues");
    // A case that waits while the agent is full flows to them on the next sweep once room is made.
    await setCapacity(ws, 2);
    const third = ok(await create(lead, ws, { queue: "l1-support" }), 201);
    expect(third.owner).toBeNull();
    await setCapacity(ws, 3);
    expect(await routeWaitingCases(world.database.db, new Date())).toBeGreaterThanOrEqual(1);
    const swept = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${third.number}`));
    expect(swept.owner?.id).toBe(a.userId);
    expect(swept.assignment?.trigger).toBe("sweep");
    // Where the policy does not let agents pull, the request is refused, naming why.
    const closed = steadyHelpdesk();
    closed.routing = { ...closed.routing, pull: false };
    const other = await buildWorkspace(world, "helpdesk-transfer", closed);
    const outsider = await buildAgent(world, other.slug, "agent", { queues: ["l1-support"] });
    const refused = await outsider.api.post<{ detail: string }>(
      `/api/v1/workspaces/${other.slug}/next-case`,
      {},
    );
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/does not let agents take the next case/);
  });

  it("sends an unanswered auto-assigned case on to the next agent when the return timer runs out", async () => {
    const policy = steadyHelpdesk();
    policy.sla = { ...policy.sla, returnTimer: { afterMinutes: 30, to: "next_agent" } };
    const ws = await buildWorkspace(world, "helpdesk-transfer", policy);
    const lead = await buildAgent(world, ws.slug, "shift_lead", { queues: ["billing"] });
    await buildAgent(world, ws.slug, "agent", { name: "First", queues: ["l1-support"] });
    await buildAgent(world, ws.slug, "agent", { name: "Second", queues: ["l1-support"] });
    const c = ok(await create(lead, ws, { queue: "l1-support" }), 201);
    const first = c.owner!;
    const returning = c.sla.clocks.find((k) => k.clock === "return");
    expect(Date.parse(returning?.dueAt ?? "") - Date.parse(c.createdAt)).toBeGreaterThanOrEqual(
      30 * 60_000,
    );
    const run = await fireClockAlarms(
      world.database.db,
      new Date(Date.parse(c.createdAt) + 31 * 60_000),
    );
    expect(run.returned).toBe(1);
    const after = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${c.number}`));
    expect(after.owner).not.toBeNull();
    expect(after.owner?.id).not.toBe(first.id);
    expect(after.assignment?.trigger).toBe("return_timer");
    expect(after.assignment?.considered.find((x) => x.agentId === first.id)?.passed).toBe(
      "let it lapse unanswered",
    );
    // The new owner gets a return timer of their own, from the new assignment.
    expect(after.sla.clocks.find((k) => k.clock === "return")?.dueAt).not.toBe(returning?.dueAt);
  });

  it("never gives one case to two agents nor an agent more than capacity, with creates racing", async () => {
    const { ws, lead, agents } = await team(3, ["l1-support"]);
    await setCapacity(ws, 4);
    const made = await Promise.all(
      Array.from({ length: 20 }, () => create(lead, ws, { queue: "l1-support" })),
    );
    expect(made.every((m) => m.status === 201)).toBe(true);
    const perAgent = await ownedIn(ws);
    for (const a of agents) expect(perAgent.find((r) => r.owner === a.userId)?.n).toBe(4);
    expect(perAgent.find((r) => r.owner === null)?.n).toBe(8);
    const records = await world.database.db
      .select({ caseId: caseAssignments.caseId, n: count() })
      .from(caseAssignments)
      .where(eq(caseAssignments.workspaceId, ws.id))
      .groupBy(caseAssignments.caseId)
      .having(sql`count(*) > 1`);
    expect(records).toEqual([]);
  });
  it("routes a waiting batch in one transaction: in turn, within capacity, each case told once, batches racing", async () => {
    const { ws, lead, agents } = await team(4, ["l1-support"]);
    await setCapacity(ws, 3);
    // One agent already holds two open cases: room for one more.
    for (let i = 0; i < 2; i++)
      ok(await create(lead, ws, { queue: "billing", ownerId: agents[0]!.userId }), 201);
    const waiting = (n: number) => insertWaiting(world, ws, n);
    await waiting(4);
    const batch = (limit: number) =>
      world.database.db.transaction((tx) =>
        routeQueue(tx, emittingIn(tx), {
          workspaceId: ws.id,
          queue: "l1-support",
          limit,
          trigger: "sweep",
          actorId: null,
          now: new Date(),
        }),
      );
    const first = await batch(4);
    // Four cases, four agents: one each, in the turn's order (agents by id).
    expect(first.map((r) => r.agentId)).toEqual(agents.map((a) => a.userId).sort());
    // Then three connections race for a backlog; the team has 3 × 3 − 2 − 4 = 6 places left.
    await waiting(20);
    const raced = (await Promise.all([batch(5), batch(5), batch(5)])).flat();
    const drained = await batch(20);
    expect(raced.length + drained.length).toBe(6);
    const perAgent = await ownedIn(ws);
    for (const a of agents) expect(perAgent.find((r) => r.owner === a.userId)?.n).toBe(3);
    expect(perAgent.find((r) => r.owner === null)?.n).toBe(14);
    // Each assigned case: one assignment record, one audit row, one notice to its agent.
    const assigned = [...first, ...raced, ...drained];
    const records = await world.database.db
      .select({ caseId: caseAssignments.caseId, n: count() })
      .from(caseAssignments)
      .where(eq(caseAssignments.workspaceId, ws.id))
      .groupBy(caseAssignments.caseId);
    expect(records).toHaveLength(assigned.length);
    expect(records.every((r) => r.n === 1)).toBe(true);
    const audited = await world.database.db
      .select({ caseId: auditEvents.caseId, n: count() })
      .from(auditEvents)
      .where(
        sql`${auditEvents.workspaceId} = ${ws.id} and ${auditEvents.action} = 'case.auto_assigned'`,
      )
      .groupBy(auditEvents.caseId);
    expect(audited.map((a) => a.caseId).sort()).toEqual(assigned.map((r) => r.caseId).sort());
    expect(audited.every((a) => a.n === 1)).toBe(true);
    const told = await world.database.db
      .select({ userId: notifications.userId, caseId: notifications.caseId })
      .from(notifications)
      .where(
        sql`${notifications.workspaceId} = ${ws.id} and ${notifications.kind} = 'assigned_to_me'`,
      );
    expect(told.map((t) => `${t.userId} ${t.caseId}`).sort()).toEqual(
      assigned.map((r) => `${r.agentId} ${r.caseId}`).sort(),
    );
    // The clocks moved with the batch: each assigned case has its return timer.
    const clocks = await world.database.db
      .select({ id: cases.id, returnDueAt: cases.returnDueAt })
      .from(cases)
      .where(eq(cases.workspaceId, ws.id));
    for (const r of assigned)
      expect(clocks.find((c) => c.id === r.caseId)?.returnDueAt).toBeInstanceOf(Date);
  });
});

describe.skipIf(!databaseKinds.includes("postgres"))(
  "routing from three Baton processes (postgres)",
  () => {
    let world: World;
    beforeAll(async () => {
      world = await startWorld("postgres");
    });
    afterAll(() => world.dispose());

    it("never gives one case to two agents nor an agent more than capacity", async () => {
      const ws = await buildWorkspace(world, "helpdesk-transfer", steadyHelpdesk());
      const agents: TestAgent[] = [];
      for (let i = 0; i < 6; i++)
        agents.push(await buildAgent(world, ws.slug, "agent", { queues: ["l1-support"] }));
      await world.database.db
        .update(memberships)
        .set({ capacity: 5 })
        .where(eq(memberships.workspaceId, ws.id));
      // Sixty cases waiting.
      await insertWaiting(world, ws, 60);
      const driver = driverOf(world.database.db);
      const url = driver.kind === "postgres" ? driver.pool?.options.connectionString : undefined;
      const runs = await Promise.all(
        [0, 1, 2].map(
          () =>
            new Promise<number>((resolve, reject) => {
              const child = spawn(
                process.execPath,
                [fileURLToPath(new URL("../support/routing-process.ts", import.meta.url))],
                {
                  env: { ...process.env, DATABASE_URL: url },
                  stdio: ["ignore", "pipe", "inherit"],
                },
              );
              let out = "";
              child.stdout.on("data", (d) => {
                out += String(d);
              });
              child.on("exit", (code) =>
                code === 0
                  ? resolve((JSON.parse(out.trim()) as { assigned: number }).assigned)
                  : reject(new Error(`routing process exited ${code}`)),
              );
            }),
        ),
      );
      expect(runs.reduce((a, b) => a + b, 0)).toBe(30);
      const perAgent = await world.database.db
        .select({ owner: cases.ownerId, n: count() })
        .from(cases)
        .where(eq(cases.workspaceId, ws.id))
        .groupBy(cases.ownerId);
      for (const a of agents) expect(perAgent.find((r) => r.owner === a.userId)?.n).toBe(5);
      expect(perAgent.find((r) => r.owner === null)?.n).toBe(30);
      const twice = await world.database.db
        .select({ caseId: caseAssignments.caseId })
        .from(caseAssignments)
        .where(eq(caseAssignments.workspaceId, ws.id))
        .groupBy(caseAssignments.caseId)
        .having(sql`count(*) > 1`);
      expect(twice).toEqual([]);
    }, 60_000);
  },
);
