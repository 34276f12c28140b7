import { and, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/auth/passwords.ts";
import {
  activities,
  auditEvents,
  cases,
  contacts,
  customers,
  memberships,
  users,
  workspaces,
} from "../../src/db/schema.ts";
import { generateVolume } from "../../src/demo/generate.ts";
import { DEMO_PASSWORD, type DemoSummary, seedDemo } from "../../src/demo/seed.ts";
import { CASE_STATUSES } from "../../src/domain/case-status.ts";
import { workspaceBySlug } from "../../src/loaders/workspaces.ts";
import { PRESET_SLUGS } from "../../src/presets/index.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db.ts";

// Both drivers answer db.execute with { rows }, but its type is driver-specific.
const firstRow = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows[0];

describe.each(databaseKinds)("demo data on %s", (kind) => {
  let database: TestDatabase;
  let summary: DemoSummary;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    summary = await seedDemo(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates one workspace per preset, named after it", async () => {
    expect(summary.seeded).toBe(true);
    const rows = await database.db.select().from(workspaces).orderBy(workspaces.slug);
    expect(rows.map((w) => w.slug)).toEqual([...PRESET_SLUGS].sort());
    for (const w of rows) expect(w.preset).toBe(w.slug);
    if (!summary.seeded) return;
    expect(summary.workspaces.map((w) => w.slug)).toEqual([...PRESET_SLUGS]);
    expect(summary.password).toBe(DEMO_PASSWORD);
  });

  it("gives open cases clocks that make sense on the day it loads: a few just overdue, none by weeks", async () => {
    const rows = await database.db
      .select({
        status: cases.status,
        dueAt: cases.slaDueAt,
        pausedAt: cases.slaPausedAt,
        nextUpdateDueAt: cases.nextUpdateDueAt,
        firstRespondedAt: cases.firstRespondedAt,
        firstResponseDueAt: cases.firstResponseDueAt,
      })
      .from(cases)
      .where(inArray(cases.status, ["new", "active", "awaiting_customer", "solution_delivered"]));
    const now = Date.now();
    const running = rows.filter((r) => r.status === "new" || r.status === "active");
    expect(running.length).toBeGreaterThan(20);
    expect(running.every((r) => r.dueAt !== null)).toBe(true);
    const overdue = running.filter((r) => r.dueAt && r.dueAt.getTime() < now);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length / running.length).toBeLessThan(0.3);
    // A new, unanswered case is still within its first-response target: the demo loads fresh.
    const fresh = running.filter((r) => r.status === "new");
    expect(fresh.length).toBeGreaterThan(5);
    for (const r of fresh) expect(r.firstResponseDueAt!.getTime()).toBeGreaterThan(now);
    // The next update to the customer is never weeks late.
    for (const r of running)
      if (r.status === "active")
        expect(r.nextUpdateDueAt!.getTime()).toBeGreaterThan(now - 7 * 86_400_000);
    // Waiting on the customer: the clocks are paused, nothing is due.
    const waiting = rows.filter((r) => r.status === "awaiting_customer");
    expect(waiting.length).toBeGreaterThan(0);
    for (const r of waiting) {
      expect(r.pausedAt).not.toBeNull();
      expect(r.dueAt).toBeNull();
    }
    // Cases someone has worked were answered.
    expect(running.filter((r) => r.status === "active").every((r) => r.firstRespondedAt)).toBe(
      true,
    );
  });

  it("staffs every workspace in all four regions with every role of its policy", async () => {
    for (const slug of PRESET_SLUGS) {
      const ws = await workspaceBySlug(database.db, slug);
      const staff = await database.db
        .select({ m: memberships, u: users })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.workspaceId, ws.id));
      expect(staff.length).toBeGreaterThanOrEqual(10);
      expect(staff.length).toBeLessThanOrEqual(12);
      const agentRegions = new Set(
        staff.filter(({ m }) => m.role === "agent").map(({ m }) => m.region),
      );
      expect([...agentRegions].sort()).toEqual(["APAC", "EMEA", "IST", "US"]);
      const roles = new Set(staff.map(({ m }) => m.role));
      for (const role of ws.policy.roles)
        expect(roles.has(role.id), `${slug} ${role.id}`).toBe(true);

      const skills = new Set(ws.policy.products.map((p) => p.skill));
      const queues = new Set(ws.policy.queues.map((q) => q.code));
      const languages = new Set(ws.policy.languages.map((l) => l.code));
      for (const { m, u } of staff) {
        for (const s of m.skills) expect(skills.has(s), `${slug} skill ${s}`).toBe(true);
        for (const q of m.queues) expect(queues.has(q), `${slug} queue ${q}`).toBe(true);
        for (const l of m.languages) expect(languages.has(l), `${slug} language ${l}`).toBe(true);
        expect(u.email.endsWith(`@${slug}.example`)).toBe(true);
        expect(u.timeZone).not.toBe("UTC");
      }
      const onLeave = staff.filter(({ u }) => u.availability === "on_leave");
      expect(onLeave).toHaveLength(1);
      const leave = onLeave[0]?.u;
      expect(leave?.backupUserId).toBeTruthy();
      expect(leave?.leaveFrom && leave.leaveUntil && leave.leaveFrom < leave.leaveUntil).toBe(true);
      const backup = staff.find(({ u }) => u.id === leave?.backupUserId);
      expect(backup?.m.region).toBe(onLeave[0]?.m.region);
      expect(staff.filter(({ u }) => u.availability === "off_queue")).toHaveLength(1);
    }
  });

  it("fills every workspace with 50-70 cases that only name what its policy defines", async () => {
    for (const slug of PRESET_SLUGS) {
      const ws = await workspaceBySlug(database.db, slug);
      const rows = await database.db.select().from(cases).where(eq(cases.workspaceId, ws.id));
      expect(rows.length).toBeGreaterThanOrEqual(50);
      expect(rows.length).toBeLessThanOrEqual(70);
      const statuses = new Set(rows.map((c) => c.status));
      expect(statuses.size).toBeGreaterThanOrEqual(4);
      for (const st of statuses) expect(CASE_STATUSES).toContain(st);

      const p = ws.policy;
      const has = (list: { code: string }[], code: string | null) =>
        list.some((x) => x.code === code);
      for (const c of rows) {
        expect(has(p.queues, c.queue), `${slug} queue ${c.queue}`).toBe(true);
        expect(has(p.severities, c.severity), `${slug} severity ${c.severity}`).toBe(true);
        expect(has(p.priorities, c.priority), `${slug} priority ${c.priority}`).toBe(true);
        expect(has(p.plans, c.plan), `${slug} plan ${c.plan}`).toBe(true);
        expect(has(p.brands, c.brand), `${slug} brand ${c.brand}`).toBe(true);
        expect(has(p.products, c.product), `${slug} product ${c.product}`).toBe(true);
        expect(c.region === null || has(p.regions, c.region), `${slug} region ${c.region}`).toBe(
          true,
        );
        if (c.is24x7)
          expect(p.plans.find((pl) => pl.code === c.plan)?.allows24x7, `${slug} ${c.number}`).toBe(
            true,
          );
        expect(c.createdAt.getTime()).toBeLessThanOrEqual(c.updatedAt.getTime());
        expect(c.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
      }
      // Updated over the last weeks, not all at once.
      const days = new Set(rows.map((c) => c.updatedAt.toISOString().slice(0, 10)));
      expect(days.size).toBeGreaterThan(7);
      if (slug === "ps-escalation")
        expect(rows.every((c) => c.secondaryOwnerId !== null)).toBe(true);
      expect(
        rows.some((c) => c.partnerTicket),
        `${slug} partner tickets`,
      ).toBe(slug === "follow-the-sun" || rows.some((c) => c.partnerTicket));
    }
  });

  it("links owners, customers and contacts within the workspace", async () => {
    const db = database.db;
    const strays = await db.execute(sql`
      select count(*)::int as n from cases c
      left join memberships o on o.user_id = c.owner_id and o.workspace_id = c.workspace_id
      left join memberships s on s.user_id = c.secondary_owner_id and s.workspace_id = c.workspace_id
      left join customers cu on cu.id = c.customer_id
      left join contacts ct on ct.id = c.contact_id
      where (c.owner_id is not null and o.user_id is null)
         or (c.secondary_owner_id is not null and s.user_id is null)
         or cu.workspace_id is distinct from c.workspace_id
         or ct.customer_id is distinct from c.customer_id`);
    expect(firstRow(strays)).toEqual({ n: 0 });
    const unicode = await db
      .select({ name: customers.name })
      .from(customers)
      .where(inArray(customers.name, ["Müller GmbH", "株式会社サクラ"]));
    expect(unicode.length).toBeGreaterThan(0);
    const [contactCount] = await db.select({ n: count() }).from(contacts);
    expect(contactCount?.n).toBeGreaterThan(0);
  });

  it("gives the professional-services demo projects whose tasks the agent login can block (seed 002)", async () => {
    const db = database.db;
    const rows = await db.execute(sql`
      select w.slug, p.code, pm.email as pm, t.title, t.status, a.email as assignee,
             pm_m.role as pm_role, a_m.role as assignee_role, c.workspace_id = w.id as same_ws
      from project_tasks t
      join projects p on p.id = t.project_id
      join workspaces w on w.id = p.workspace_id and w.id = t.workspace_id
      join users pm on pm.id = p.manager_id
      join memberships pm_m on pm_m.user_id = pm.id and pm_m.workspace_id = w.id
      join users a on a.id = t.assignee_id
      join memberships a_m on a_m.user_id = a.id and a_m.workspace_id = w.id
      join customers c on c.id = p.customer_id
      order by p.code, t.number`);
    const tasks = (rows as { rows: Record<string, unknown>[] }).rows;
    expect(new Set(tasks.map((t) => t.slug))).toEqual(new Set(["ps-escalation"]));
    expect(new Set(tasks.map((t) => t.code))).toEqual(new Set(["API-LINK", "ROLLOUT"]));
    expect(
      tasks.every((t) => t.pm === "pm@ps-escalation.example" && t.pm_role === "project_manager"),
    ).toBe(true);
    expect(tasks.every((t) => t.assignee_role === "agent" && t.same_ws === true)).toBe(true);
    // The agent login has an open task in each project, ready to hit a roadblock.
    const agents = tasks.filter((t) => t.assignee === "agent@ps-escalation.example");
    expect(agents.map((t) => [t.code, t.title, t.status])).toEqual([
      ["API-LINK", "Connect the order feed to the ERP", "in_progress"],
      ["ROLLOUT", "Configure the shipments report", "in_progress"],
    ]);
  });

  it("gives every case a call, notes and a case.created audit event by its creator", async () => {
    const db = database.db;
    const perCase = await db
      .select({
        caseId: activities.caseId,
        calls: sql<number>`count(*) filter (where ${activities.kind} = 'call')`.mapWith(Number),
        notes: sql<number>`count(*) filter (where ${activities.kind} = 'note')`.mapWith(Number),
      })
      .from(activities)
      .groupBy(activities.caseId);
    const [caseCount] = await db.select({ n: count() }).from(cases);
    expect(perCase).toHaveLength(caseCount?.n ?? -1);
    expect(perCase.every((r) => r.calls === 1)).toBe(true);
    const calls = await db.select().from(activities).where(eq(activities.kind, "call")).limit(5);
    for (const call of calls)
      expect(call.data).toMatchObject({
        direction: expect.stringMatching(/^(inbound|outbound)$/),
        durationMinutes: expect.any(Number),
        contactName: expect.any(String),
      });
    const visibilities = await db
      .selectDistinct({ v: activities.visibility })
      .from(activities)
      .where(eq(activities.kind, "note"));
    expect(visibilities.map((v) => v.v).sort()).toEqual(["private", "public"]);

    const created = await db
      .select({ actorId: auditEvents.actorId, createdBy: cases.createdBy })
      .from(auditEvents)
      .innerJoin(cases, eq(cases.id, auditEvents.caseId))
      .where(eq(auditEvents.action, "case.created"));
    expect(created).toHaveLength(caseCount?.n ?? -1);
    expect(created.every((r) => r.actorId !== null && r.actorId === r.createdBy)).toBe(true);
  });

  it("is reproducible: another empty database gets the same people and cases", async () => {
    const other = await openTestDatabase("pglite");
    try {
      await seedDemo(other.db);
      const shape = (db: TestDatabase["db"]) =>
        db
          .select({
            number: cases.number,
            subject: cases.subject,
            status: cases.status,
            severity: cases.severity,
            queue: cases.queue,
            owner: users.email,
          })
          .from(cases)
          .leftJoin(users, eq(users.id, cases.ownerId))
          .orderBy(cases.number);
      expect(await shape(other.db)).toEqual(await shape(database.db));
    } finally {
      await other.dispose();
    }
  });

  it("does nothing when seeded a second time", async () => {
    const before = await database.db.select({ n: count() }).from(cases);
    expect(await seedDemo(database.db)).toEqual({ seeded: false });
    const after = await database.db.select({ n: count() }).from(cases);
    expect(after).toEqual(before);
  });

  it("lets the demo logins sign in with the demo password", async () => {
    if (!summary.seeded) throw new Error("not seeded");
    const login = summary.logins.find(
      (l) => l.workspace === "follow-the-sun" && l.role === "agent",
    );
    expect(login?.email).toBe("agent@follow-the-sun.example");
    expect(summary.logins.map((l) => l.email)).toContain("lead@shift-lead.example");
    expect(summary.logins.map((l) => l.email)).toContain("pm@ps-escalation.example");
    const [user] = await database.db
      .select()
      .from(users)
      .where(eq(users.email, "agent@follow-the-sun.example"));
    expect(user?.passwordHash).toBeTruthy();
    expect(await verifyPassword(DEMO_PASSWORD, user?.passwordHash ?? "")).toBe(true);
    expect(await verifyPassword("wrong-password-1", user?.passwordHash ?? "")).toBe(false);
  });

  it("generates volume: exactly the rows asked for, consistently linked", async () => {
    const db = database.db;
    const ws = await workspaceBySlug(db, "helpdesk-transfer");
    const casesIn = async () =>
      (await db.select({ n: count() }).from(cases).where(eq(cases.workspaceId, ws.id)))[0]?.n;
    const membersIn = async () =>
      (
        await db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, ws.id))
      )[0]?.n;
    const casesBefore = await casesIn();
    const membersBefore = await membersIn();

    const result = await generateVolume(db, {
      workspaceSlug: "helpdesk-transfer",
      cases: 5_000,
      agents: 50,
      seed: 42,
    });
    expect(result).toMatchObject({ cases: 5_000, agents: 50 });
    expect(await casesIn()).toBe((casesBefore ?? 0) + 5_000);
    expect(await membersIn()).toBe((membersBefore ?? 0) + 50);

    const checks = await db.execute(sql`
      select
        count(*) filter (where c.owner_id is not null and m.user_id is null)::int as "strayOwner",
        count(*) filter (where m.user_id is not null and not (c.queue = any(m.queues)))::int
          as "ownerNotInQueue",
        count(*) filter (where cu.workspace_id is distinct from c.workspace_id)::int
          as "strayCustomer",
        count(*) filter (where ct.customer_id is distinct from c.customer_id)::int
          as "strayContact",
        count(distinct c.owner_id)::int as owners,
        count(distinct c.status)::int as statuses
      from cases c
      left join memberships m on m.user_id = c.owner_id and m.workspace_id = c.workspace_id
      left join customers cu on cu.id = c.customer_id
      left join contacts ct on ct.id = c.contact_id
      where c.workspace_id = ${ws.id}`);
    expect(firstRow(checks)).toMatchObject({
      strayOwner: 0,
      ownerNotInQueue: 0,
      strayCustomer: 0,
      strayContact: 0,
      statuses: 6,
    });

    const p = ws.policy;
    const values = await db
      .selectDistinct({
        queue: cases.queue,
        severity: cases.severity,
        priority: cases.priority,
        plan: cases.plan,
        is24x7: cases.is24x7,
      })
      .from(cases)
      .where(eq(cases.workspaceId, ws.id));
    for (const v of values) {
      expect(p.queues.some((q) => q.code === v.queue)).toBe(true);
      expect(p.severities.some((q) => q.code === v.severity)).toBe(true);
      expect(p.priorities.some((q) => q.code === v.priority)).toBe(true);
      expect(p.plans.some((q) => q.code === v.plan)).toBe(true);
      // 24x7 only on a plan that allows it.
      expect(!v.is24x7 || p.plans.find((q) => q.code === v.plan)?.allows24x7).toBe(true);
    }

    // Skewed: the busiest agent holds far more than an even share.
    const [busiest] = await db
      .select({ n: count() })
      .from(cases)
      .where(and(eq(cases.workspaceId, ws.id), isNotNull(cases.ownerId)))
      .groupBy(cases.ownerId)
      .orderBy(sql`count(*) desc`)
      .limit(1);
    expect(busiest?.n ?? 0).toBeGreaterThan((5_000 / 60) * 3);

    // A second run adds new agents instead of colliding with the first run's.
    const again = await generateVolume(db, {
      workspaceSlug: "helpdesk-transfer",
      cases: 10,
      agents: 2,
      seed: 42,
    });
    expect(again).toMatchObject({ cases: 10, agents: 2 });
    expect(await casesIn()).toBe((casesBefore ?? 0) + 5_010);
  });
});
