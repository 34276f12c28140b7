import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOperation } from "../../src/cli/operations.ts";
import { auditEvents, cases, policies } from "../../src/db/schema.ts";
import type { Policy } from "../../src/domain/policy/schema.ts";
import type { AuditItem, CaseDetail, Page } from "../../src/http/routes/case-schemas.ts";
import type {
  PolicyDiffAnswer,
  PolicyPreview,
  PolicyPublished,
  PolicyVersionDetail,
  PolicyVersionList,
} from "../../src/http/routes/policy-schemas.ts";
import { presets } from "../../src/presets/index.ts";
import type { PolicyResponse } from "../../web/src/api/types.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import { roundTheClock } from "../support/steady-sun.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 15: admins edit the whole policy in the product: versions, diff, rollback, import and
// export, and every change in the workspace's audit trail.

const API = "/api/v1";

describe.each(databaseKinds)("editing the policy (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  async function desk() {
    const ws = await buildWorkspace(
      world,
      "helpdesk-transfer",
      roundTheClock(presets["helpdesk-transfer"]),
    );
    const admin = await buildAgent(world, ws.slug, "admin", { name: "Ada Admin" });
    const lead = await buildAgent(world, ws.slug, "shift_lead", { queues: ["sales"] });
    const agent = await buildAgent(world, ws.slug, "agent", {
      queues: ["billing", "l1-support"],
      region: "US",
    });
    return { ws, admin, lead, agent };
  }
  const policyUrl = (slug: string) => `${API}/workspaces/${slug}/policy`;
  const current = async (who: TestAgent, slug: string) =>
    ok(await who.api.get<PolicyResponse>(policyUrl(slug)));
  /** The current document, to edit as an admin's editor would. */
  const draft = async (who: TestAgent, slug: string) => {
    const now = await current(who, slug);
    return { version: now.version, policy: structuredClone(now.policy) as Policy };
  };
  const put = (who: TestAgent, slug: string, body: unknown) =>
    who.api.put<PolicyPublished>(policyUrl(slug), body);
  const versions = (workspaceId: string) =>
    world.database.db
      .select({
        version: policies.version,
        createdBy: policies.createdBy,
        summary: policies.summary,
        restoredFrom: policies.restoredFrom,
      })
      .from(policies)
      .where(eq(policies.workspaceId, workspaceId))
      .orderBy(asc(policies.version));
  const published = (workspaceId: string) =>
    world.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, "policy.published")),
      )
      .orderBy(asc(auditEvents.id));
  const newCase = async (by: TestAgent, slug: string, queue: string, ownerId?: string) => {
    const made = ok(
      await by.api.post<CaseDetail>(`${API}/cases`, {
        workspace: slug,
        subject: "Refund",
        queue,
        ...(ownerId ? { ownerId } : {}),
      }),
      201,
    );
    return ok(await by.api.get<CaseDetail>(`${API}/cases/${made.number}`));
  };
  const transfer = (by: TestAgent, c: CaseDetail, queue: string) =>
    by.api.post<Problem>(`${API}/cases/${c.number}/transfers`, {
      version: c.version,
      kind: "transfer",
      target: { queue },
      reason: "escalate-to-l2",
    });

  it("an admin takes transfer away from agents: the agent is refused, and it is in the audit", async () => {
    const { ws, admin, agent } = await desk();
    const c = await newCase(agent, ws.slug, "l1-support", agent.userId);
    const { version, policy } = await draft(admin, ws.slug);
    const role = policy.roles.find((r) => r.id === "agent");
    if (!role) throw new Error("the preset has no agent role");
    role.permissions = role.permissions.filter((p) => p !== "case.transfer");
    const saved = ok(
      await put(admin, ws.slug, { version, summary: "Agents escalate through leads", policy }),
    );
    expect(saved).toMatchObject({ version: 2, changed: true });
    expect(saved.changes).toEqual([
      {
        path: "roles.agent.permissions",
        kind: "changed",
        from: expect.arrayContaining(["case.transfer"]),
        to: expect.not.arrayContaining(["case.transfer"]),
      },
    ]);

    const refused = await transfer(agent, c, "l2-support");
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("Your role may not transfer cases");
    expect((await current(agent, ws.slug)).viewer).toMatchObject({
      transfer: false,
      transferRefusal: "your role may not transfer cases",
    });

    expect(await versions(ws.id)).toEqual([
      { version: 1, createdBy: null, summary: null, restoredFrom: null },
      {
        version: 2,
        createdBy: admin.userId,
        summary: "Agents escalate through leads",
        restoredFrom: null,
      },
    ]);
    const trail = ok(await admin.api.get<Page<AuditItem>>(`${API}/workspaces/${ws.slug}/audit`));
    const event = trail.items.find((e) => e.action === "policy.published");
    expect(event).toMatchObject({
      actor: { id: admin.userId, name: "Ada Admin" },
      summary: "Policy version 2 published: 1 change — Agents escalate through leads",
      data: { version: 2, previousVersion: 1, changeCount: 1 },
    });
    expect(event?.changes?.[0]).toMatchObject({ field: "roles.agent.permissions" });
    expect(event?.changes?.[0]?.from.text).toContain("case.transfer");
    expect(event?.changes?.[0]?.to.text).not.toContain("case.transfer");
    // Newest first, and without the cases' own events unless asked for.
    expect(trail.items.map((e) => e.action)).toEqual(
      [...trail.items.map((e) => e.action)].filter((a) => !a.startsWith("case.")),
    );
    expect(trail.items.at(-1)?.action).toBe("workspace.created");
    const withCases = ok(
      await admin.api.get<Page<AuditItem>>(`${API}/workspaces/${ws.slug}/audit?cases=include`),
    );
    expect(withCases.items.some((e) => e.action === "case.created")).toBe(true);
  });

  it("a distribution changed by a whole-policy save is what routing uses next", async () => {
    const { ws, admin, lead, agent } = await desk();
    expect((await newCase(lead, ws.slug, "billing")).owner).toBeNull();
    const { version, policy } = await draft(admin, ws.slug);
    policy.queues = policy.queues.map((q) =>
      q.code === "billing" ? { ...q, distribution: "round_robin" } : q,
    );
    const saved = ok(await put(admin, ws.slug, { version, policy }));
    expect(saved.changes).toEqual([
      { path: "queues.billing.distribution", kind: "changed", from: "manual", to: "round_robin" },
    ]);
    const routed = await newCase(lead, ws.slug, "billing");
    expect(routed.owner?.id).toBe(agent.userId);
    expect(routed.assignment?.method).toBe("round_robin");
  });

  it("refuses a stale version (409), a bad document (422 by field) and stores nothing", async () => {
    const { ws, admin } = await desk();
    const { version, policy } = await draft(admin, ws.slug);
    ok(await put(admin, ws.slug, { version, policy: { ...policy, name: "Renamed desk" } }));

    const stale = await admin.api.put<Problem>(policyUrl(ws.slug), {
      version,
      policy: { ...policy, description: "Mine" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "version_conflict", currentVersion: 2 });

    const broken = structuredClone(policy) as unknown as Record<string, unknown>;
    (broken.queues as Record<string, unknown>[])[0] = {
      ...(broken.queues as Record<string, unknown>[])[0],
      distribution: "whoever",
    };
    (broken.defaults as Record<string, unknown>).queue = "nowhere";
    const bad = await admin.api.put<Problem>(policyUrl(ws.slug), { version: 2, policy: broken });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe("invalid_policy");
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(["policy.queues.0.distribution"]);
    const unknownDefault = await admin.api.put<Problem>(policyUrl(ws.slug), {
      version: 2,
      policy: { ...policy, defaults: { ...policy.defaults, queue: "nowhere" } },
    });
    expect(unknownDefault.status).toBe(422);
    expect(unknownDefault.body.errors).toEqual([
      { field: "policy.defaults.queue", message: "names unknown queue nowhere" },
    ]);
    // Malformed requests are 400 naming the field.
    const noVersion = await admin.api.put<Problem>(policyUrl(ws.slug), { policy });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.errors?.map((e) => e.field)).toEqual(["version"]);
    const notAnObject = await admin.api.put<Problem>(policyUrl(ws.slug), {
      version: 2,
      policy: [1],
    });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.errors?.map((e) => e.field)).toEqual(["policy"]);

    expect((await versions(ws.id)).map((v) => v.version)).toEqual([1, 2]);
    expect(await published(ws.id)).toHaveLength(1);
    expect((await current(admin, ws.slug)).policy.name).toBe("Renamed desk");
  });

  it("keeps the same document as it is: no version, no event", async () => {
    const { ws, admin } = await desk();
    const { version, policy } = await draft(admin, ws.slug);
    const same = ok(await put(admin, ws.slug, { version, summary: "nothing", policy }));
    expect(same).toEqual({ workspace: ws.slug, version: 1, changed: false, changes: [] });
    expect((await versions(ws.id)).map((v) => v.version)).toEqual([1]);
    expect(await published(ws.id)).toEqual([]);
  });

  it("lets only admins of the workspace edit it or read its history and audit", async () => {
    const { ws, admin, lead, agent } = await desk();
    const { version, policy } = await draft(admin, ws.slug);
    const other = await buildWorkspace(world, "helpdesk-transfer");
    const stranger = await buildAgent(world, other.slug, "admin");
    const urls = [
      ["put", policyUrl(ws.slug), { version, policy }],
      ["post", `${policyUrl(ws.slug)}/preview`, { policy }],
      ["post", `${policyUrl(ws.slug)}/rollback`, { version, to: 1 }],
      ["get", `${policyUrl(ws.slug)}/versions`],
      ["get", `${policyUrl(ws.slug)}/versions/1`],
      ["get", `${policyUrl(ws.slug)}/diff?from=1`],
      ["get", `${API}/workspaces/${ws.slug}/audit`],
    ] as const;
    for (const [method, url, body] of urls) {
      for (const who of [agent, lead]) {
        const reply =
          method === "get"
            ? await who.api.get<Problem>(url)
            : await who.api[method]<Problem>(url, body);
        expect(reply.status, `${method} ${url}`).toBe(403);
      }
      const hidden =
        method === "get"
          ? await stranger.api.get<Problem>(url)
          : await stranger.api[method]<Problem>(url, body);
      expect(hidden.status, `${method} ${url}`).toBe(404);
      expect(hidden.body.detail).toBe(`Workspace ${ws.slug} not found`);
    }
    expect((await versions(ws.id)).map((v) => v.version)).toEqual([1]);
  });

  it("lists versions, diffs two, and restores an earlier one as a new version", async () => {
    const { ws, admin } = await desk();
    const v1 = await draft(admin, ws.slug);
    const p2 = structuredClone(v1.policy);
    p2.severities = p2.severities.map((s) =>
      s.code === "urgent" ? { ...s, name: "Critical", firstResponseMinutes: 15 } : s,
    );
    ok(await put(admin, ws.slug, { version: 1, summary: "Urgent is critical", policy: p2 }));
    const p3 = structuredClone(p2);
    p3.queues = [
      ...p3.queues,
      { code: "vip", name: "VIP", description: "", distribution: "manual" },
    ];
    ok(await put(admin, ws.slug, { version: 2, summary: "A VIP queue", policy: p3 }));

    const diff = ok(
      await admin.api.get<PolicyDiffAnswer>(`${policyUrl(ws.slug)}/diff?from=1&to=3`),
    );
    expect(diff).toMatchObject({ from: 1, to: 3 });
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        { path: "severities.urgent.name", kind: "changed", from: "Urgent", to: "Critical" },
        {
          path: "queues.vip",
          kind: "added",
          from: null,
          to: expect.objectContaining({ code: "vip" }),
        },
      ]),
    );
    const againstCurrent = ok(
      await admin.api.get<PolicyDiffAnswer>(`${policyUrl(ws.slug)}/diff?from=2`),
    );
    expect(againstCurrent.to).toBe(3);
    expect(againstCurrent.changes.map((c) => c.path)).toEqual(["queues.vip"]);

    const restored = ok(
      await admin.api.post<PolicyPublished>(`${policyUrl(ws.slug)}/rollback`, {
        version: 3,
        to: 1,
      }),
    );
    expect(restored).toMatchObject({ version: 4, changed: true });
    const v4 = ok(await admin.api.get<PolicyVersionDetail>(`${policyUrl(ws.slug)}/versions/4`));
    expect(v4).toMatchObject({
      version: 4,
      restoredFrom: 1,
      summary: "Restored version 1",
      current: true,
      restorable: true,
      by: { id: admin.userId, name: "Ada Admin" },
    });
    expect(v4.document).toEqual(v1.policy);
    const list = ok(await admin.api.get<PolicyVersionList>(`${policyUrl(ws.slug)}/versions`));
    expect(list.current).toBe(4);
    expect(
      list.items.map((v) => [v.version, v.summary, v.restoredFrom, v.by?.name ?? null]),
    ).toEqual([
      [4, "Restored version 1", 1, "Ada Admin"],
      [3, "A VIP queue", null, "Ada Admin"],
      [2, "Urgent is critical", null, "Ada Admin"],
      [1, null, null, null],
    ]);
    const paged = ok(
      await admin.api.get<PolicyVersionList>(`${policyUrl(ws.slug)}/versions?limit=2&before=4`),
    );
    expect(paged.items.map((v) => v.version)).toEqual([3, 2]);
    expect(paged.nextCursor).toBe("2");

    // Restoring from a stale version is a 409; a version that does not exist a 404.
    const stale = await admin.api.post<Problem>(`${policyUrl(ws.slug)}/rollback`, {
      version: 3,
      to: 2,
    });
    expect(stale.status).toBe(409);
    const missing = await admin.api.post<Problem>(`${policyUrl(ws.slug)}/rollback`, {
      version: 4,
      to: 9,
    });
    expect(missing.status).toBe(404);
    const events = await published(ws.id);
    expect(events.at(-1)?.data).toMatchObject({ version: 4, previousVersion: 3, restoredFrom: 1 });
  });

  it("refuses to restore a version that today's rules no longer accept, naming the field", async () => {
    const { ws, admin } = await desk();
    const { policy } = await draft(admin, ws.slug);
    // An old version stored before a rule existed (written here straight into the table).
    await world.database.db.insert(policies).values({
      workspaceId: ws.id,
      version: 2,
      document: {
        ...policy,
        queues: policy.queues.map((q) => ({ ...q, distribution: "lottery" })),
      },
    });
    await world.database.db
      .insert(policies)
      .values({ workspaceId: ws.id, version: 3, document: { ...policy, name: "Fixed" } });
    const v2 = ok(await admin.api.get<PolicyVersionDetail>(`${policyUrl(ws.slug)}/versions/2`));
    expect(v2.restorable).toBe(false);
    expect(v2.issues[0]?.field).toBe("queues.0.distribution");
    const refused = await admin.api.post<Problem>(`${policyUrl(ws.slug)}/rollback`, {
      version: 3,
      to: 2,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.[0]?.field).toBe("policy.queues.0.distribution");
    expect(refused.body.errors?.[0]?.message).toMatch(/version 2 no longer passes/);
    expect((await versions(ws.id)).map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it("exports a version that imports back unchanged, and into another workspace as it is", async () => {
    const { ws, admin } = await desk();
    const { policy } = await draft(admin, ws.slug);
    policy.description = "Exported from the help desk";
    ok(await put(admin, ws.slug, { version: 1, policy }));
    const exported = ok(
      await admin.api.get<PolicyVersionDetail>(`${policyUrl(ws.slug)}/versions/2`),
    ).document;
    // What `baton policy validate` accepts: the stored document itself, JSON and back.
    const file = JSON.parse(JSON.stringify(exported)) as Record<string, unknown>;
    const back = ok(await put(admin, ws.slug, { version: 2, policy: file }));
    expect(back).toMatchObject({ version: 2, changed: false });

    const other = await buildWorkspace(world, "helpdesk-transfer");
    const otherAdmin = await buildAgent(world, other.slug, "admin");
    const preview = ok(
      await otherAdmin.api.post<PolicyPreview>(`${policyUrl(other.slug)}/preview`, {
        policy: file,
      }),
    );
    expect(preview.changes.map((c) => c.path)).toEqual(expect.arrayContaining(["description"]));
    ok(await put(otherAdmin, other.slug, { version: 1, summary: "Imported", policy: file }));
    const imported = ok(
      await otherAdmin.api.get<PolicyVersionDetail>(`${policyUrl(other.slug)}/versions/2`),
    );
    expect(imported.document).toEqual(exported);
    expect(imported.summary).toBe("Imported");
  });

  it("keeps v1 cases readable, editable and transferable after v2 renames and re-targets", async () => {
    const { ws, admin, lead, agent } = await desk();
    const c = await newCase(agent, ws.slug, "l1-support", agent.userId);
    ok(await transfer(agent, c, "l2-support"), 201);
    const moved = ok(await agent.api.get<CaseDetail>(`${API}/cases/${c.number}`));
    const { version, policy } = await draft(admin, ws.slug);
    policy.queues = policy.queues.map((q) =>
      q.code === "l2-support" ? { ...q, name: "Second line" } : q,
    );
    policy.severities = policy.severities.map((s) => ({
      ...s,
      name: `${s.name} (new)`,
      firstResponseMinutes: 30,
    }));
    policy.roles = policy.roles.map((r) =>
      r.id === "shift_lead" ? { ...r, name: "Team lead" } : r,
    );
    policy.queues = [
      ...policy.queues,
      { code: "vip", name: "VIP", description: "", distribution: "manual" },
    ];
    ok(await put(admin, ws.slug, { version, policy }));

    const read = ok(await lead.api.get<CaseDetail>(`${API}/cases/${c.number}`));
    expect(read.queue).toBe("l2-support");
    expect(
      (await current(lead, ws.slug)).policy.queues.find((q) => q.code === read.queue)?.name,
    ).toBe("Second line");
    const edited = ok(
      await lead.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
        version: read.version,
        severity: "high",
      }),
    );
    expect(edited.severity).toBe("high");
    const again = await lead.api.post<Problem>(`${API}/cases/${c.number}/transfers`, {
      version: edited.version,
      kind: "transfer",
      target: { queue: "vip" },
      reason: "escalate-to-l2",
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(moved.version).toBeLessThan(edited.version);
  });

  it("refuses to remove what open cases still use, saying how many; closed ones do not count", async () => {
    const { ws, admin, lead } = await desk();
    await newCase(lead, ws.slug, "sales");
    await newCase(lead, ws.slug, "sales");
    const closed = await newCase(lead, ws.slug, "billing");
    await world.database.db
      .update(cases)
      .set({ status: "closed" })
      .where(eq(cases.number, closed.number));
    const { version, policy } = await draft(admin, ws.slug);

    const noSales = { ...policy, queues: policy.queues.filter((q) => q.code !== "sales") };
    const refused = await admin.api.put<Problem>(policyUrl(ws.slug), { version, policy: noSales });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        field: "policy.queues",
        message:
          "removes queue sales, still used by 2 open cases or transfers (not yet closed); move them first, or keep it",
      },
    ]);
    const preview = await admin.api.post<Problem>(`${policyUrl(ws.slug)}/preview`, {
      policy: noSales,
    });
    expect(preview.status).toBe(422);
    expect(preview.body.errors?.[0]?.field).toBe("policy.queues");

    const noUrgent = {
      ...policy,
      severities: policy.severities.filter((s) => s.code !== "normal"),
      sla: { ...policy.sla, targets: policy.sla.targets.filter((t) => t.severity !== "normal") },
    };
    const severity = await admin.api.put<Problem>(policyUrl(ws.slug), {
      version,
      policy: { ...noUrgent, defaults: { ...policy.defaults, severity: "low" } },
    });
    expect(severity.status).toBe(422);
    expect(severity.body.errors?.map((e) => e.field)).toEqual(["policy.severities"]);
    expect(severity.body.errors?.[0]?.message).toMatch(
      /severity normal, still used by 2 open cases/,
    );

    await buildAgent(world, ws.slug, "supervisor");
    const noLeads = { ...policy, roles: policy.roles.filter((r) => r.id !== "supervisor") };
    const roles = await admin.api.put<Problem>(policyUrl(ws.slug), { version, policy: noLeads });
    expect(roles.status).toBe(422);
    expect(roles.body.errors?.[0]?.message).toBe(
      "removes role supervisor, still used by 1 member; give them another role first, or keep it",
    );

    const lockout = structuredClone(policy);
    const adminRole = lockout.roles.find((r) => r.id === "admin");
    if (adminRole)
      adminRole.permissions = adminRole.permissions.filter((p) => p !== "policy.manage");
    const locked = await admin.api.put<Problem>(policyUrl(ws.slug), { version, policy: lockout });
    expect(locked.status).toBe(422);
    expect(locked.body.errors?.[0]?.message).toMatch(/admin role must keep policy.manage/);

    // Billing's only case is closed: billing may go, and the closed case still reads.
    const noBilling = { ...policy, queues: policy.queues.filter((q) => q.code !== "billing") };
    ok(await put(admin, ws.slug, { version, policy: noBilling }));
    const old = ok(await lead.api.get<CaseDetail>(`${API}/cases/${closed.number}`));
    expect(old.queue).toBe("billing");
    expect(old.status).toBe("closed");
    expect((await versions(ws.id)).map((v) => v.version)).toEqual([1, 2]);
  });

  it("imports, exports and lists history the way the command line does", async () => {
    const { ws, admin } = await desk();
    const exported = (await runOperation(
      world.database,
      "policy-export",
      {
        workspace: ws.slug,
      },
      world.app.baton.config,
    )) as Policy;
    expect(exported).toEqual((await current(admin, ws.slug)).policy);
    const edited = { ...exported, name: "From the command line" };
    expect(
      await runOperation(
        world.database,
        "policy-import",
        {
          workspace: ws.slug,
          policy: edited,
          summary: "CLI import",
        },
        world.app.baton.config,
      ),
    ).toMatchObject({ version: 2, changed: true });
    await expect(
      runOperation(
        world.database,
        "policy-import",
        {
          workspace: ws.slug,
          policy: edited,
          version: 1,
        },
        world.app.baton.config,
      ),
    ).rejects.toMatchObject({ kind: "conflict" });
    await expect(
      runOperation(
        world.database,
        "policy-import",
        {
          workspace: ws.slug,
          policy: { ...edited, regions: [] },
        },
        world.app.baton.config,
      ),
    ).rejects.toMatchObject({ issues: [{ field: "policy.regions" }] });
    const history = (await runOperation(
      world.database,
      "policy-history",
      {
        workspace: ws.slug,
      },
      world.app.baton.config,
    )) as PolicyVersionList;
    expect(history.items.map((v) => [v.version, v.summary, v.by])).toEqual([
      [2, "CLI import", null],
      [1, null, null],
    ]);
    expect(
      await runOperation(
        world.database,
        "policy-export",
        { workspace: ws.slug, version: 1 },
        world.app.baton.config,
      ),
    ).toEqual(exported);
    const [event] = await published(ws.id);
    expect(event).toMatchObject({ actorId: null, data: { summary: "CLI import" } });
  });
});
