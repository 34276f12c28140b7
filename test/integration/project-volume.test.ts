import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, projects, projectTasks } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type { Customer } from "../../src/http/routes/customer-schemas.ts";
import type { ProjectVolumeAnswer } from "../../src/http/routes/report-schemas.ts";
import type { WorkspaceViewer } from "../../src/http/routes/workspace-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 14, S2.6: the volume of cases project work opens, for capacity planning and for the PM
// to see timeline impact. The commands that block a task are built elsewhere; here the tasks are
// fixture rows linked to real cases opened through the API.

const API = "/api/v1";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(databaseKinds)("project volume report (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  type Answer = ProjectVolumeAnswer & Problem;

  async function setting() {
    // Professional services: the first region is APAC, so weeks are read in Sydney.
    const ws = await buildWorkspace(world, "ps-escalation");
    const pm = await buildAgent(world, ws.slug, "project_manager", { name: "Priya PM" });
    const lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Lee Lead" });
    const agent = await buildAgent(world, ws.slug, "agent", { name: "Ana Consultant" });
    const admin = await buildAgent(world, ws.slug, "admin", { name: "Adi Admin" });
    const customer = ok(
      await pm.api.post<Customer>(`${API}/workspaces/${ws.slug}/customers`, {
        name: "Acme Freight",
        timeZone: "Australia/Sydney",
        language: "en",
        plan: "standard",
      }),
      201,
    );
    const db = world.database.db;
    const open = async (subject: string, queue: string, product: string | null) => {
      const kase = ok(
        await agent.api.post<CaseDetail>(`${API}/cases`, {
          workspace: ws.slug,
          subject,
          customerId: customer.id,
          severity: "medium",
          queue,
          ...(product ? { product } : {}),
        }),
        201,
      );
      const [row] = await db
        .select({ id: cases.id })
        .from(cases)
        .where(eq(cases.number, kase.number));
      if (!row) throw new Error("the case was not stored");
      return { ...kase, id: row.id };
    };
    const [acme, beta] = await db
      .insert(projects)
      .values([
        {
          workspaceId: ws.id,
          code: "ACME-ROLLOUT",
          name: "Acme rollout",
          customerId: customer.id,
          managerId: pm.userId,
          startsOn: "2026-03-02",
          endsOn: "2026-05-29",
        },
        {
          workspaceId: ws.id,
          code: "BETA",
          name: "Beta pilot",
          customerId: customer.id,
          managerId: pm.userId,
        },
      ])
      .returning();
    if (!acme || !beta) throw new Error("projects were not stored");
    const blocked = async (
      project: { id: string },
      kase: { id: string },
      title: string,
      t: {
        blockedAt: string;
        resolvedAfterHours?: number;
        dueOn?: string;
        finishOn?: string;
      },
    ) => {
      const blockedAt = new Date(t.blockedAt);
      const [task] = await db
        .insert(projectTasks)
        .values({
          workspaceId: ws.id,
          projectId: project.id,
          title,
          assigneeId: agent.userId,
          status: "closed",
          minutesDelivered: 120,
          dueOn: t.dueOn ?? null,
          caseId: kase.id,
          blockedAt,
          minutesToFinish: 240,
          finishOn: t.finishOn ?? null,
          caseResolvedAt:
            t.resolvedAfterHours === undefined
              ? null
              : new Date(blockedAt.getTime() + t.resolvedAfterHours * HOUR),
          closedAt: blockedAt,
        })
        .returning();
      if (!task) throw new Error("the task was not stored");
      return task;
    };

    // Monday 30 March 00:30 in Sydney (AEDT): week 14, though still Sunday in UTC.
    const c1 = await open("SSO login loops", "triage", "core");
    const t1 = await blocked(acme, c1, "Configure SSO", {
      blockedAt: "2026-03-29T13:30:00Z",
      resolvedAfterHours: 2,
    });
    // Sunday 5 April 23:30, after the clocks went back that morning: still week 14. Opened into
    // triage, then moved to professional services: it counts for triage, where it arrived.
    const c2 = await open("Import stops at row 10k", "triage", "core");
    const moved = ok(
      await admin.api.patch<CaseDetail>(`${API}/cases/${c2.number}`, {
        version: c2.version,
        queue: "professional-services",
      }),
    );
    expect(moved.queue).toBe("professional-services");
    const t2 = await blocked(acme, c2, "Load historic data", {
      blockedAt: "2026-04-05T13:30:00Z",
      resolvedAfterHours: 4,
      dueOn: "2026-04-10",
      finishOn: "2026-04-24",
    });
    // Monday 6 April 00:00 AEST: week 15.
    const c3 = await open("Mail relay refused", "support-l1", "core");
    await blocked(acme, c3, "Set up mail", {
      blockedAt: "2026-04-05T14:00:00Z",
      resolvedAfterHours: 9,
      dueOn: "2026-04-20",
      finishOn: "2026-04-18",
    });
    const c4 = await open("Dashboards empty", "support-l1", "reporting");
    const t4 = await blocked(acme, c4, "Build dashboards", {
      blockedAt: "2026-04-14T02:00:00Z",
      resolvedAfterHours: 30.5,
      dueOn: "2026-05-10",
      finishOn: "2026-06-05",
    });
    const c5 = await open("Which product?", "triage", null);
    const t5 = await blocked(beta, c5, "Pilot reports", {
      blockedAt: "2026-04-16T00:00:00Z",
      dueOn: "2026-03-31",
      finishOn: "2026-04-02",
    });
    // Sunday 29 March 23:30 AEDT, resolved 15 minutes later: before the range, in nothing.
    const c6 = await open("Before the range", "triage", "core");
    await blocked(acme, c6, "Early task", {
      blockedAt: "2026-03-29T12:30:00Z",
      resolvedAfterHours: 0.25,
    });
    // Work that never hit a roadblock is no case volume.
    await db
      .insert(projectTasks)
      .values({ workspaceId: ws.id, projectId: acme.id, title: "Kick-off", status: "open" });
    return { ws, pm, lead, agent, admin, acme, beta, open, blocked, t1, t2, t4, t5, c2, c4, c5 };
  }

  const report = (who: TestAgent, ws: { slug: string }, query = "") =>
    who.api.get<Answer>(`${API}/workspaces/${ws.slug}/reports/project-volume${query}`);
  const RANGE = "?from=2026-03-30&to=2026-04-19";

  it("counts cases opened from projects by ISO week in the first region's zone, product and queue; resolution times; moved projects", async () => {
    const { ws, pm, lead, admin, t2, t4, t5, c2, c4, c5 } = await setting();
    const r = ok(await report(pm, ws, RANGE));
    expect(r).toMatchObject({
      workspace: ws.slug,
      zone: "Australia/Sydney",
      from: "2026-03-30",
      to: "2026-04-19",
      filters: { project: null, product: null, queue: null },
    });
    expect(r.volume.cases).toBe(5);
    expect(r.volume.byProduct).toEqual([
      { code: "core", name: "Core application", cases: 3 },
      { code: null, name: "No product", cases: 1 },
      { code: "reporting", name: "Reporting and analytics", cases: 1 },
    ]);
    expect(r.volume.byQueue).toEqual([
      { code: "triage", name: "Triage", cases: 3 },
      { code: "support-l1", name: "Support L1", cases: 2 },
    ]);
    expect(
      r.volume.weeks.map((w) => [
        w.week,
        w.startsOn,
        w.cases,
        w.byProduct.map((p) => p.cases),
        w.byQueue.map((q) => q.cases),
      ]),
    ).toEqual([
      ["2026-W14", "2026-03-30", 2, [2, 0, 0], [2, 0]],
      ["2026-W15", "2026-04-06", 1, [1, 0, 0], [0, 1]],
      ["2026-W16", "2026-04-13", 2, [0, 1, 1], [1, 1]],
    ]);

    // 2, 4 and 9 hours for core; 30.5 for reporting. The sixth roadblock resolved before the range.
    expect(r.resolution.overall).toEqual({
      code: null,
      name: "All products",
      resolved: 4,
      medianHours: 6.5,
      p90Hours: 24.1,
    });
    expect(r.resolution.byProduct).toEqual([
      { code: "core", name: "Core application", resolved: 3, medianHours: 4, p90Hours: 8 },
      {
        code: "reporting",
        name: "Reporting and analytics",
        resolved: 1,
        medianHours: 30.5,
        p90Hours: 30.5,
      },
    ]);
    expect(r.resolution.open).toHaveLength(1);
    expect(r.resolution.open[0]).toMatchObject({
      taskNumber: t5.number,
      taskTitle: "Pilot reports",
      caseNumber: c5.number,
      project: "BETA",
      product: null,
      productName: "No product",
      queue: "triage",
      blockedAt: "2026-04-16T00:00:00.000Z",
    });
    expect(r.resolution.openMore).toBe(false);

    expect(r.movedProjects).toEqual([
      {
        code: "ACME-ROLLOUT",
        name: "Acme rollout",
        endsOn: "2026-05-29",
        projectedEndOn: "2026-06-05",
        daysMoved: 7,
        maxDaysPastDue: 26,
        tasks: [
          {
            number: t2.number,
            title: "Load historic data",
            caseNumber: c2.number,
            dueOn: "2026-04-10",
            finishOn: "2026-04-24",
            daysPastDue: 14,
            daysPastProjectEnd: 0,
          },
          {
            number: t4.number,
            title: "Build dashboards",
            caseNumber: c4.number,
            dueOn: "2026-05-10",
            finishOn: "2026-06-05",
            daysPastDue: 26,
            daysPastProjectEnd: 7,
          },
        ],
      },
      {
        code: "BETA",
        name: "Beta pilot",
        endsOn: null,
        projectedEndOn: null,
        daysMoved: 0,
        maxDaysPastDue: 2,
        tasks: [
          {
            number: t5.number,
            title: "Pilot reports",
            caseNumber: c5.number,
            dueOn: "2026-03-31",
            finishOn: "2026-04-02",
            daysPastDue: 2,
            daysPastProjectEnd: 0,
          },
        ],
      },
    ]);
    expect(r.choices.projects).toEqual([
      { code: "ACME-ROLLOUT", name: "Acme rollout" },
      { code: "BETA", name: "Beta pilot" },
    ]);

    // Leads and admins read it too.
    expect(ok(await report(lead, ws, RANGE)).volume.cases).toBe(5);
    expect(ok(await report(admin, ws, RANGE)).volume.cases).toBe(5);
  });

  it("filters by queue opened into, product and project", async () => {
    const { ws, pm } = await setting();
    const triage = ok(await report(pm, ws, `${RANGE}&queue=triage`));
    expect(triage.volume.cases).toBe(3);
    expect(triage.volume.byQueue).toEqual([{ code: "triage", name: "Triage", cases: 3 }]);
    expect(triage.filters.queue).toBe("triage");
    // Nothing was opened into professional services, though one case is there now.
    expect(ok(await report(pm, ws, `${RANGE}&queue=professional-services`)).volume.cases).toBe(0);

    const core = ok(await report(pm, ws, `${RANGE}&product=core`));
    expect(core.volume.cases).toBe(3);
    expect(core.resolution.byProduct.map((p) => [p.code, p.resolved])).toEqual([["core", 3]]);
    expect(core.movedProjects.map((p) => [p.code, p.tasks.length])).toEqual([["ACME-ROLLOUT", 1]]);

    const beta = ok(await report(pm, ws, `${RANGE}&project=BETA`));
    expect(beta.filters.project).toEqual({ code: "BETA", name: "Beta pilot" });
    expect(beta.volume.weeks.map((w) => w.cases)).toEqual([0, 0, 1]);
    expect(beta.resolution.overall.resolved).toBe(0);
    expect(beta.resolution.overall.medianHours).toBeNull();
  });

  it("defaults to the last twelve ISO weeks and gives open roadblocks their age", async () => {
    const { ws, pm, acme, open, blocked, t5 } = await setting();
    const kase = await open("Still stuck", "support-l1", "reporting");
    const recent = await blocked(acme, kase, "Go-live checks", {
      blockedAt: new Date(Date.now() - 3 * DAY - 2 * HOUR).toISOString(),
    });
    const r = ok(await report(pm, ws));
    expect(r.volume.weeks).toHaveLength(12);
    expect(r.volume.cases).toBe(1);
    expect(r.resolution.open.map((o) => o.taskNumber)).toEqual([t5.number, recent.number]);
    expect(r.resolution.open[1]?.ageDays).toBe(3);
  });

  it("exports each table as CSV a spreadsheet opens", async () => {
    const { ws, pm, t2, t4, t5, c5 } = await setting();
    const url = `${API}/workspaces/${ws.slug}/reports/project-volume.csv`;
    const weekly = await pm.api.get<string>(`${url}${RANGE}`);
    expect(weekly.status).toBe(200);
    expect(weekly.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(weekly.headers["content-disposition"]).toBe(
      `attachment; filename="project-volume-${ws.slug}-weekly-2026-03-30-to-2026-04-19.csv"`,
    );
    expect(weekly.body).toBe(
      [
        "Week,Week starts,Cases,Product: Core application,Product: No product,Product: Reporting and analytics,Queue: Triage,Queue: Support L1",
        "2026-W14,2026-03-30,2,2,0,0,2,0",
        "2026-W15,2026-04-06,1,1,0,0,0,1",
        "2026-W16,2026-04-13,2,0,1,1,1,1",
        "",
      ].join("\r\n"),
    );
    const age = () => String(Math.floor((Date.now() - Date.parse("2026-04-16T00:00:00Z")) / DAY));
    const before = age();
    const open = await pm.api.get<string>(`${url}${RANGE}&table=open`);
    const [header, row, end] = open.body.split("\r\n");
    expect(header).toBe("Task,Task title,Case,Project,Product,Queue,Blocked at (UTC),Age (days)");
    const prefix = `T-${t5.number},Pilot reports,${c5.number},BETA,No product,triage,2026-04-16T00:00:00.000Z,`;
    // The age is whole days at the moment of the request: one of the two if midnight passed.
    expect([`${prefix}${before}`, `${prefix}${age()}`]).toContain(row);
    expect(end).toBe("");
    const resolution = await pm.api.get<string>(`${url}${RANGE}&table=resolution`);
    expect(resolution.body).toBe(
      [
        "Product,Resolved,Median hours,90th percentile hours",
        "All products,4,6.5,24.1",
        "Core application,3,4,8",
        "Reporting and analytics,1,30.5,30.5",
        "",
      ].join("\r\n"),
    );
    const moved = await pm.api.get<string>(`${url}${RANGE}&table=moved&project=ACME-ROLLOUT`);
    const lines = moved.body.split("\r\n");
    expect(lines[0]).toBe(
      "Project,Project name,Planned end,Projected end,Days moved,Task,Task title,Case,Due,Expected finish,Days past due,Days past project end",
    );
    expect(
      lines.slice(1, -1).map((l) => l.split(",").slice(5, 7).concat(l.split(",").slice(8))),
    ).toEqual([
      [`T-${t2.number}`, "Load historic data", "2026-04-10", "2026-04-24", "14", "0"],
      [`T-${t4.number}`, "Build dashboards", "2026-05-10", "2026-06-05", "26", "7"],
    ]);
  });

  it("is for those who may read reports; other workspaces are not found; bad filters are named", async () => {
    const { ws, pm, agent } = await setting();
    const refused = await report(agent, ws, RANGE);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("Your role may not read reports here");
    const csvRefused = await agent.api.get(
      `${API}/workspaces/${ws.slug}/reports/project-volume.csv`,
    );
    expect(csvRefused.status).toBe(403);

    const other = await buildWorkspace(world, "ps-escalation");
    const stranger = await buildAgent(world, other.slug, "project_manager");
    const hidden = await report(stranger, ws, RANGE);
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(`Workspace ${ws.slug} not found`);
    // Their own workspace has no project cases at all.
    expect(ok(await report(stranger, other, RANGE)).volume.cases).toBe(0);

    // The policy answer tells the web app whether to show Reports.
    const viewer = async (who: TestAgent) =>
      ok(await who.api.get<{ viewer: WorkspaceViewer }>(`${API}/workspaces/${ws.slug}/policy`))
        .viewer.readReports;
    expect(await viewer(pm)).toBe(true);
    expect(await viewer(agent)).toBe(false);

    const bad = async (query: string, field: string, message: string) => {
      const answer = await report(pm, ws, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.errors?.[0]).toEqual({ field, message });
    };
    await bad("?from=2026-02-30", "querystring.from", "is not a date on the calendar");
    await bad("?to=30/04/2026", "querystring.to", "must be a date such as 2026-03-30");
    await bad("?to=0001-01-01", "querystring.to", "must be between 1970 and 2999");
    await bad("?from=9999-12-31", "querystring.from", "must be between 1970 and 2999");
    await bad("?from=2026-05-01&to=2026-04-01", "from", "must not be after to");
    await bad("?from=2024-01-01&to=2026-04-01", "to", "must be less than 731 days after from");
    await bad("?product=spaceships", "querystring.product", "is not a product of this workspace");
    await bad("?queue=nowhere", "querystring.queue", "is not a queue of this workspace");
    await bad("?project=NOPE", "querystring.project", "is not a project of this workspace");
    await bad("?colour=blue", "querystring.colour", "is not a known field");
    const empty = await report(pm, ws, "?queue=");
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.[0]?.field).toBe("querystring.queue");
    // The edges of what is accepted are answered, not failed.
    expect(ok(await report(pm, ws, "?to=1970-01-01")).volume.weeks).toHaveLength(12);
    expect(ok(await report(pm, ws, "?from=2999-12-31&to=2999-12-31")).volume.cases).toBe(0);
    const table = await pm.api.get(
      `${API}/workspaces/${ws.slug}/reports/project-volume.csv?table=pie`,
    );
    expect(table.status).toBe(400);
    expect(table.body.errors?.[0]?.field).toBe("querystring.table");
  });
});
