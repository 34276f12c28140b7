import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  deliveries,
  handoffSheetEntries,
  notifications,
} from "../../src/db/schema.ts";
import type { CaseDetail, Page, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import type { LeavePlanListAnswer } from "../../src/http/routes/leave-schemas.ts";
import { sweep } from "../../src/jobs/sweeper.ts";
import type { LeavePlanAnswer } from "../../src/presenters/leave.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import { roundTheClock, steadyFollowTheSun } from "../support/steady-sun.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 13, S4.4/S4.5/S4.8/S4.11/S1.6: an agent plans leave, the shift lead approves the hand-off
// case by case, the team is mailed, the sheet shows who holds each case, nothing routes to the
// absent agent, and what is left when the leave begins is raised.

const DAY = 86_400_000;
type Plan = LeavePlanAnswer & { detail?: string; errors?: { field: string }[] };

describe.each(databaseKinds)("leave planner (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  const base = (ws: { slug: string }) => `/api/v1/workspaces/${ws.slug}/leave-plans`;
  /** The team hand-off email queued for this address (S4.5). */
  const teamMail = async (address: string) =>
    (
      await world.database.db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.event, "team.handoff_sent"), eq(deliveries.recipient, address)))
    )[0];
  const newCase = async (a: TestAgent, ws: { slug: string }, subject: string) =>
    ok(
      await a.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject,
        queue: "tickets",
        ownerId: a.userId,
      }),
      201,
    );

  it("plans two weeks, the lead approves case by case, the team and the sheet know who holds each", async () => {
    const policy = roundTheClock(presets["shift-lead"]);
    policy.teamMailbox = "support-team@test.example";
    for (const q of policy.queues) if (q.code === "chat") q.distribution = "round_robin";
    const ws = await buildWorkspace(world, "shift-lead", policy);
    const lead = await buildAgent(world, ws.slug, "shift_lead", {
      name: "Mubeen Lead",
      region: "IST",
    });
    const ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Away", region: "IST" });
    const bea = await buildAgent(world, ws.slug, "agent", { name: "Bea Backup", region: "IST" });
    const carl = await buildAgent(world, ws.slug, "agent", { name: "Carl Sydney", region: "APAC" });
    const c1 = await newCase(ana, ws, "Export fails");
    const c2 = await newCase(ana, ws, "Login loop");
    const c3 = await newCase(ana, ws, "Slow reports");

    // Declaring leave: nonsense dates are refused naming the field, and nothing is stored.
    const from = new Date(Date.now() + DAY);
    const until = new Date(Date.now() + 15 * DAY);
    const bad = await ana.api.post<Plan>(base(ws), {
      leaveFrom: until.toISOString(),
      leaveUntil: from.toISOString(),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field)).toContain("leaveUntil");
    expect(ok(await ana.api.get<LeavePlanListAnswer>(base(ws))).items).toHaveLength(0);

    let plan = ok(
      await ana.api.post<Plan>(base(ws), {
        leaveFrom: from.toISOString(),
        leaveUntil: until.toISOString(),
        backupUserId: bea.userId,
        note: "Two weeks in Goa",
      }),
      201,
    );
    expect(plan.state).toBe("draft");
    expect(plan.items.map((i) => i.case.number).sort()).toEqual(
      [c1.number, c2.number, c3.number].sort(),
    );
    // Routing proposes the colleague in Ana's region, never Carl in Sydney nor Ana herself.
    for (const i of plan.items) {
      expect(i.proposed?.id).toBe(bea.userId);
      expect(i.proposed?.id).not.toBe(carl.userId);
      expect(i.proposal).toMatch(/in IST/);
    }
    // A second plan while this one is in the making is a conflict.
    expect(
      (
        await ana.api.post<Plan>(base(ws), {
          leaveFrom: from.toISOString(),
          leaveUntil: until.toISOString(),
        })
      ).status,
    ).toBe(409);
    // Booked leave that has not begun: Ana still gets work until it starts.
    const agents = ok(
      await lead.api.get<{ items: { id: string; availability: { status: string } }[] }>(
        `/api/v1/workspaces/${ws.slug}/agents`,
      ),
    );
    expect(agents.items.find((a) => a.id === ana.userId)?.availability.status).toBe("on_leave");

    // Submitting before each case says what is handed off and validated is refused, naming items.
    const early = await ana.api.post<Plan>(`${base(ws)}/${plan.id}/submit`, {
      version: plan.version,
    });
    expect(early.status).toBe(400);
    expect(early.body.errors?.map((e) => e.field)).toContain("items.0.validated");

    for (const i of plan.items)
      plan = ok(
        await ana.api.patch<Plan>(`${base(ws)}/${plan.id}/items/${i.id}`, {
          version: i.version,
          handedOff: `Follow the fix for ${i.case.subject}`,
          validated: "Reproduced on 4.2; logs attached",
          followUps: "Call the customer Friday",
          customerTold: true,
        }),
      );
    // A stale item version is a conflict, not a silent overwrite.
    const stale = await ana.api.patch<Plan>(`${base(ws)}/${plan.id}/items/${plan.items[0]!.id}`, {
      version: 1,
      validated: "overwritten?",
    });
    expect(stale.status).toBe(409);

    // The checks the policy asks for (S4.11): call diversion needs where calls go.
    const noTarget = await ana.api.post<Plan>(`${base(ws)}/${plan.id}/checks`, {
      version: plan.version,
      check: "call_diversion",
      done: true,
    });
    expect(noTarget.status).toBe(422);
    expect(noTarget.body.detail).toMatch(/divertTo/);
    plan = ok(
      await ana.api.post<Plan>(`${base(ws)}/${plan.id}/checks`, {
        version: plan.version,
        check: "call_diversion",
        done: true,
        divertTo: "+91 80 5555 0101 (Bea)",
      }),
    );
    expect(plan.checks.find((c) => c.check === "call_diversion")?.doneAt).toBeTruthy();
    expect(plan.checks.find((c) => c.check === "out_of_office")?.doneAt).toBeNull();

    plan = ok(await ana.api.post<Plan>(`${base(ws)}/${plan.id}/submit`, { version: plan.version }));
    expect(plan.state).toBe("submitted");
    expect(
      plan.items.every((i) => i.state === "requested" && i.transfer?.state === "awaiting_approval"),
    ).toBe(true);
    // The lead is asked, in-app; Ana may not decide her own hand-off.
    const asked = await world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, lead.userId), eq(notifications.kind, "desk_request")));
    expect(asked.map((n) => n.title).join()).toMatch(/Ana Away goes on leave/);
    const own = plan.items[0]!;
    expect(own.actions.approve).toBe(false);
    expect(
      (
        await ana.api.post<Plan>(`${base(ws)}/${plan.id}/items/${own.id}/approve`, {
          version: own.version,
        })
      ).status,
    ).toBe(403);

    // The lead's view: every case with approve/keep.
    let seen = ok(await lead.api.get<Plan>(`${base(ws)}/${plan.id}`));
    expect(seen.items.every((i) => i.actions.approve && i.actions.keep)).toBe(true);
    const [first, second, third] = seen.items as [
      Plan["items"][0],
      Plan["items"][0],
      Plan["items"][0],
    ];
    seen = ok(
      await lead.api.post<Plan>(`${base(ws)}/${plan.id}/items/${first.id}/approve`, {
        version: first.version,
        holderId: bea.userId,
        note: "Bea owns this until Ana is back",
      }),
    );
    expect(seen.items.find((i) => i.id === first.id)).toMatchObject({
      state: "handed_off",
      holder: { id: bea.userId },
    });
    seen = ok(
      await lead.api.post<Plan>(`${base(ws)}/${plan.id}/items/${second.id}/approve`, {
        version: second.version,
        holderId: bea.userId,
      }),
    );
    seen = ok(
      await lead.api.post<Plan>(`${base(ws)}/${plan.id}/items/${third.id}/keep`, {
        version: third.version,
        note: "Close this one before you go",
      }),
    );
    expect(seen.state).toBe("approved");
    expect(seen.teamEmailAt).toBeTruthy();
    expect(seen.items.find((i) => i.id === third.id)?.state).toBe("kept");

    // Reassigned through the transfer engine, with the lead's private note on the case (S4.10).
    const moved = ok(await lead.api.get<CaseDetail>(`/api/v1/cases/${first.case.number}`));
    expect(moved.owner?.id).toBe(bea.userId);
    const timeline = ok(
      await lead.api.get<Page<TimelineItem>>(`/api/v1/cases/${first.case.number}/timeline`),
    );
    expect(timeline.items.map((t) => t.body).join("\n")).toMatch(/Bea owns this until Ana is back/);
    // The team email lists the handed-off cases with their holder now (S4.5).
    const mail = await teamMail("support-team@test.example");
    expect(mail?.body).toContain(String(first.case.number));
    expect(mail?.body).toContain(String(second.case.number));
    expect(mail?.body).not.toContain(String(third.case.number));
    expect(mail?.body).toMatch(/Bea Backup/);
    // The sheet holds both handed-off cases, claimed by Bea (S4.8).
    const sheet = await world.database.db
      .select()
      .from(handoffSheetEntries)
      .where(eq(handoffSheetEntries.workspaceId, ws.id));
    expect(sheet.filter((s) => s.claimedBy === bea.userId)).toHaveLength(2);

    // The leave begins: what Ana still owns and the missing out-of-office reply are raised.
    const swept = await sweep(world.database.db, new Date(from.getTime() + 60_000));
    expect(swept.leaveStarted).toBe(1);
    expect((await sweep(world.database.db, new Date(from.getTime() + 120_000))).leaveStarted).toBe(
      0,
    );
    const raised = await world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, lead.userId), eq(notifications.kind, "desk_request")));
    const start = raised.find((n) => n.title.includes("leave has begun"));
    expect(start?.body).toMatch(new RegExp(`#${third.case.number}`));
    expect(start?.body).toMatch(/out-of-office reply set/);
    const audit = await world.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.workspaceId, ws.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "leave.planned",
        "leave.submitted",
        "leave.case_decided",
        "leave.approved",
        "leave.started",
      ]),
    );
  });

  it("leave from now: nothing routes to the absent agent, and leave that has begun is not cancelled", async () => {
    const policy = roundTheClock(presets["shift-lead"]);
    for (const q of policy.queues) if (q.code === "chat") q.distribution = "round_robin";
    const ws = await buildWorkspace(world, "shift-lead", policy);
    const lead = await buildAgent(world, ws.slug, "shift_lead", { region: "IST" });
    const dev = await buildAgent(world, ws.slug, "agent", { name: "Dev Away", region: "IST" });
    const eve = await buildAgent(world, ws.slug, "agent", { name: "Eve Backup", region: "IST" });
    const plan = ok(
      await dev.api.post<Plan>(base(ws), {
        leaveFrom: new Date(Date.now() - 60_000).toISOString(),
        leaveUntil: new Date(Date.now() + 3 * DAY).toISOString(),
        backupUserId: eve.userId,
      }),
      201,
    );
    expect(plan.items).toHaveLength(0);
    for (let n = 0; n < 4; n++) {
      const c = ok(
        await lead.api.post<CaseDetail>("/api/v1/cases", {
          workspace: ws.slug,
          subject: `New while Dev is away ${n}`,
          queue: "chat",
        }),
        201,
      );
      expect(c.owner?.id).toBe(eve.userId);
    }
    // Cancelling is for before the leave starts; this one has begun.
    const late = await dev.api.post<Plan>(`${base(ws)}/${plan.id}/cancel`, {
      version: plan.version,
    });
    expect(late.status).toBe(403);
  });

  it("follow the sun: each case goes to the in-region colleague, who agrees; the sweep then approves the plan and mails the team", async () => {
    const policy = steadyFollowTheSun();
    policy.teamMailbox = "sun-team@test.example";
    const ws = await buildWorkspace(world, "follow-the-sun", policy);
    const region = policy.regions[0]?.code ?? "EMEA";
    const gil = await buildAgent(world, ws.slug, "agent", { name: "Gil Away", region });
    const hana = await buildAgent(world, ws.slug, "agent", { name: "Hana Backup", region });
    const c = ok(
      await gil.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject: "Replication lag",
        queue: "in-depth",
        ownerId: gil.userId,
      }),
      201,
    );
    let plan = ok(
      await gil.api.post<Plan>(base(ws), {
        leaveFrom: new Date(Date.now() + 3 * DAY).toISOString(),
        leaveUntil: new Date(Date.now() + 10 * DAY).toISOString(),
      }),
      201,
    );
    const item = plan.items.find((i) => i.case.number === c.number);
    expect(item?.proposed?.id).toBe(hana.userId);
    plan = ok(
      await gil.api.patch<Plan>(`${base(ws)}/${plan.id}/items/${item?.id}`, {
        version: item?.version,
        handedOff: "Watch the lag after the patch",
        validated: "Lag reproduced on the replica",
      }),
    );
    // The kind's own questions the plan cannot answer are asked per case, and checked.
    const asked = plan.items[0]!;
    const required = asked.questions.filter((q) => q.required);
    expect(required.length).toBeGreaterThan(0);
    const unanswered = await gil.api.post<Plan>(`${base(ws)}/${plan.id}/submit`, {
      version: plan.version,
    });
    expect(unanswered.status).toBe(422);
    expect(unanswered.body.errors?.map((e) => e.field)).toContain(
      `items.0.answers.${required[0]!.key}`,
    );
    const wrong = await gil.api.patch<Plan>(`${base(ws)}/${plan.id}/items/${asked.id}`, {
      version: asked.version,
      answers: { [required[0]!.key]: "Perhaps" },
    });
    expect(wrong.status).toBe(422);
    plan = ok(
      await gil.api.patch<Plan>(`${base(ws)}/${plan.id}/items/${asked.id}`, {
        version: asked.version,
        answers: Object.fromEntries(required.map((q) => [q.key, q.choices[0] ?? "Yes"])),
      }),
    );
    plan = ok(await gil.api.post<Plan>(`${base(ws)}/${plan.id}/submit`, { version: plan.version }));
    const sent = plan.items.find((i) => i.case.number === c.number);
    // Gil may name the colleague here (no shift lead in this procedure): Hana agrees first (S1.6).
    expect(sent?.transfer?.state).toBe("awaiting_acceptance");
    ok(await hana.api.post(`/api/v1/transfers/${sent?.transfer?.id}/accept`, { version: 1 }));
    const handed = ok(await gil.api.get<Plan>(`${base(ws)}/${plan.id}`));
    expect(handed.items.find((i) => i.case.number === c.number)).toMatchObject({
      state: "handed_off",
      holder: { id: hana.userId },
    });
    expect(handed.state).toBe("submitted");
    expect((await sweep(world.database.db, new Date())).leaveFinished).toBe(1);
    expect((await sweep(world.database.db, new Date())).leaveFinished).toBe(0);
    const done = ok(await gil.api.get<Plan>(`${base(ws)}/${plan.id}`));
    expect(done.state).toBe("approved");
    const mail = await teamMail("sun-team@test.example");
    expect(mail?.body).toContain(String(c.number));
    expect(mail?.body).toMatch(/Hana Backup/);
  });
});
