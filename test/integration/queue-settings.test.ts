import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeWaitingCases } from "../../src/commands/cases/routeWaitingCases.ts";
import { listQueues } from "../../src/commands/workspaces/listQueues.ts";
import { auditEvents, policies } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import {
  type QueueChanged,
  type QueueList,
  queueList,
} from "../../src/http/routes/queue-schemas.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import { roundTheClock } from "../support/steady-sun.ts";
import { actorOf, strictly, wire } from "../support/strict-schema.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 12: admins change how a queue hands out cases; everyone in the workspace reads it.

const API = "/api/v1";

describe.each(databaseKinds)("queue distribution settings (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  /** The help desk open around the clock: billing is manual, level 1 goes round robin. */
  async function desk() {
    const ws = await buildWorkspace(
      world,
      "helpdesk-transfer",
      roundTheClock(presets["helpdesk-transfer"]),
    );
    const admin = await buildAgent(world, ws.slug, "admin");
    const lead = await buildAgent(world, ws.slug, "shift_lead", { queues: ["sales"] });
    const agent = await buildAgent(world, ws.slug, "agent", {
      queues: ["billing", "l1-support"],
      region: "US",
    });
    return { ws, admin, lead, agent };
  }
  const queuesUrl = (slug: string) => `${API}/workspaces/${slug}/queues`;
  const queueUrl = (slug: string, queue: string) => `${API}/workspaces/${slug}/queues/${queue}`;
  const queuesOf = async (who: TestAgent, slug: string) =>
    ok(await who.api.get<QueueList>(queuesUrl(slug)));
  const policyRows = (workspaceId: string) =>
    world.database.db
      .select({ version: policies.version, createdBy: policies.createdBy })
      .from(policies)
      .where(eq(policies.workspaceId, workspaceId))
      .orderBy(asc(policies.version));
  const published = (workspaceId: string) =>
    world.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, "policy.published")),
      );
  const newCase = async (by: TestAgent, slug: string, queue: string) => {
    const made = ok(
      await by.api.post<CaseDetail>(`${API}/cases`, { workspace: slug, subject: "Refund", queue }),
      201,
    );
    return ok(await by.api.get<CaseDetail>(`${API}/cases/${made.number}`));
  };

  it("an admin switches billing to round robin: a new version, audited, and routing uses it", async () => {
    const { ws, admin, lead, agent } = await desk();
    // Manual as shipped: a billing case waits for a person.
    const waiting = await newCase(lead, ws.slug, "billing");
    expect(waiting.owner).toBeNull();
    const before = await queuesOf(admin, ws.slug);
    expect(before.version).toBe(1);
    expect(before.items.find((q) => q.code === "billing")).toMatchObject({
      distribution: "manual",
      waiting: 1,
      // The agent works billing; the lead works sales only; admins take no routed work.
      members: 1,
      mayChange: true,
    });

    const changed = ok(
      await admin.api.patch<QueueChanged>(queueUrl(ws.slug, "billing"), {
        version: 1,
        distribution: "round_robin",
      }),
    );
    expect(changed).toEqual({
      workspace: ws.slug,
      version: 2,
      changed: true,
      queue: {
        code: "billing",
        name: "Billing",
        description: expect.any(String),
        region: null,
        distribution: "round_robin",
      },
    });
    expect(await policyRows(ws.id)).toEqual([
      { version: 1, createdBy: null },
      { version: 2, createdBy: admin.userId },
    ]);
    const audit = await published(ws.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.userId,
      subjectType: "policy",
      data: {
        version: 2,
        previousVersion: 1,
        changes: { "queues.billing.distribution": { from: "manual", to: "round_robin" } },
      },
    });

    // The next billing case goes to the agent by round robin; the policy answer agrees.
    const routed = await newCase(lead, ws.slug, "billing");
    expect(routed.owner?.id).toBe(agent.userId);
    expect(routed.assignment?.method).toBe("round_robin");
    // The case that waited from before goes out with the next sweep (each minute).
    await routeWaitingCases(world.database.db, new Date());
    const swept = ok(await lead.api.get<CaseDetail>(`${API}/cases/${waiting.number}`));
    expect(swept.owner?.id).toBe(agent.userId);
    expect(swept.assignment).toMatchObject({ method: "round_robin", trigger: "sweep" });
    const policy = ok(
      await agent.api.get<{
        version: number;
        policy: { queues: { code: string; distribution: string }[] };
      }>(`${API}/workspaces/${ws.slug}/policy`),
    );
    expect(policy.version).toBe(2);
    expect(policy.policy.queues.find((q) => q.code === "billing")?.distribution).toBe(
      "round_robin",
    );

    // And back to manual: the next case waits again.
    ok(
      await admin.api.patch<QueueChanged>(queueUrl(ws.slug, "billing"), {
        version: 2,
        distribution: "manual",
      }),
    );
    expect((await newCase(lead, ws.slug, "billing")).owner).toBeNull();
    expect((await policyRows(ws.id)).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it("lets an agent read the queues but not change them", async () => {
    const { ws, agent } = await desk();
    const seen = await queuesOf(agent, ws.slug);
    expect(seen.items.map((q) => q.code)).toEqual(["l1-support", "l2-support", "sales", "billing"]);
    expect(seen.items.every((q) => q.mayChange === false)).toBe(true);
    // What the command answers is exactly the contract the web reads, nothing more.
    const answer = await listQueues(
      world.database.db,
      await actorOf(world.database.db, agent.userId),
      ws.slug,
    );
    expect(strictly(queueList).safeParse(wire(answer)).error?.issues).toBeUndefined();

    const refused = await agent.api.patch<Problem>(queueUrl(ws.slug, "billing"), {
      version: 1,
      distribution: "round_robin",
    });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("Your role may not change the policy here");
    expect((await policyRows(ws.id)).map((r) => r.version)).toEqual([1]);
    expect(await published(ws.id)).toEqual([]);
  });

  it("refuses a stale version with 409 and stores nothing", async () => {
    const { ws, admin } = await desk();
    ok(await admin.api.patch(queueUrl(ws.slug, "sales"), { version: 1, distribution: "skills" }));
    const stale = await admin.api.patch<Problem>(queueUrl(ws.slug, "billing"), {
      version: 1,
      distribution: "least_loaded",
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "version_conflict", currentVersion: 2 });
    expect(stale.body.detail).toMatch(/changed meanwhile/);
    expect((await policyRows(ws.id)).map((r) => r.version)).toEqual([1, 2]);
    expect(await published(ws.id)).toHaveLength(1);
    expect(
      (await queuesOf(admin, ws.slug)).items.find((q) => q.code === "billing")?.distribution,
    ).toBe("manual");
  });

  it("answers the same method unchanged without a new version", async () => {
    const { ws, admin } = await desk();
    const same = ok(
      await admin.api.patch<QueueChanged>(queueUrl(ws.slug, "l1-support"), {
        version: 1,
        distribution: "round_robin",
      }),
    );
    expect(same).toMatchObject({
      version: 1,
      changed: false,
      queue: { distribution: "round_robin" },
    });
    expect((await policyRows(ws.id)).map((r) => r.version)).toEqual([1]);
    expect(await published(ws.id)).toEqual([]);
  });

  it("names an unknown queue (404) and an unknown method (422), storing nothing", async () => {
    const { ws, admin } = await desk();
    const missing = await admin.api.patch<Problem>(queueUrl(ws.slug, "payroll"), {
      version: 1,
      distribution: "manual",
    });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe("Queue payroll not found");
    const unknown = await admin.api.patch<Problem>(queueUrl(ws.slug, "billing"), {
      version: 1,
      distribution: "round-robin",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      {
        field: "distribution",
        message: "distribution: must be one of manual, round_robin, least_loaded, skills",
      },
    ]);
    // Malformed input is the usual 400, naming the field.
    for (const [body, field] of [
      [{ version: 1 }, "distribution"],
      [{ distribution: "manual" }, "version"],
      [{ version: "1", distribution: "manual" }, "version"],
      [{ version: 1, distribution: "manual", skillsFallback: [] }, "skillsFallback"],
    ] as const) {
      const bad = await admin.api.patch<Problem>(queueUrl(ws.slug, "billing"), body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.errors?.map((e) => e.field)).toEqual([field]);
    }
    expect((await policyRows(ws.id)).map((r) => r.version)).toEqual([1]);
    expect(await published(ws.id)).toEqual([]);
  });

  it("lets only one of several simultaneous changes from the same version win", async () => {
    const { ws, admin } = await desk();
    // Each asks for a different change, all from version 1: exactly one may become version 2.
    const asks = ["l1-support", "l2-support", "sales", "billing"].flatMap((queue) =>
      (["skills", "manual"] as const).map((distribution) => ({ queue, distribution })),
    );
    const replies = await Promise.all(
      asks.map((a) =>
        admin.api.patch<Problem>(queueUrl(ws.slug, a.queue), {
          version: 1,
          distribution: a.distribution,
        }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200 || s === 409)).toHaveLength(asks.length);
    // Some asks change nothing (the same method again) and answer 200 without writing.
    const written = await policyRows(ws.id);
    expect(written.map((r) => r.version)).toEqual([1, 2]);
    expect(await published(ws.id)).toHaveLength(1);
  });
});
