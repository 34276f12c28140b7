import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fireClockAlarms } from "../../src/commands/clocks/fireClockAlarms.ts";
import { deliveries, notifications } from "../../src/db/schema.ts";
import type { CallItemAnswer } from "../../src/http/routes/call-schemas.ts";
import type { CaseDetail, Page, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import type {
  ChildCaseOutcome,
  ChildCaseRequestAnswer,
} from "../../src/http/routes/child-case-schemas.ts";
import type { OffQueueRequestAnswer } from "../../src/http/routes/off-queue-schemas.ts";
import type { SheetEntry } from "../../src/http/routes/sheet-schemas.ts";
import type { TrainingRequestAnswer } from "../../src/http/routes/training-schemas.ts";
import { sweep } from "../../src/jobs/sweeper.ts";
import type { LeavePlanAnswer } from "../../src/presenters/leave.ts";
import { presets } from "../../src/presets/index.ts";
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
import { filled, kindOf } from "./transfer-scenarios/helpers.ts";

// Seed 004 ("shift-lead controlled handoffs and leave"), replayed rule by rule through Baton's
// API on the shift-lead preset: each of its fourteen rules is shown working, or the shortcut it
// forbids refused with a sentence that says why. The people: an engineer, a colleague in the same
// region, and Mubeen, the shift lead.

const API = "/api/v1";
const MIN = 60_000;
const DAY = 86_400_000;
type Refusal = Problem & { errors?: { field: string }[] };

describe.each(databaseKinds)("seed 004, rule by rule (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let engineer: TestAgent;
  let colleague: TestAgent;
  let mubeen: TestAgent;

  beforeAll(async () => {
    world = await startWorld(kind);
    const policy = roundTheClock(presets["shift-lead"]);
    policy.teamMailbox = "support-team@seed004.example";
    ws = await buildWorkspace(world, "shift-lead", policy);
    mubeen = await buildAgent(world, ws.slug, "shift_lead", { name: "Mubeen Lead", region: "IST" });
    engineer = await buildAgent(world, ws.slug, "agent", { name: "Esha Engineer", region: "IST" });
    colleague = await buildAgent(world, ws.slug, "agent", {
      name: "Kiran Colleague",
      region: "IST",
    });
  });
  afterAll(() => world.dispose());

  const mine = async (subject: string, extra: Record<string, unknown> = {}) =>
    ok(
      await engineer.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject,
        queue: "tickets",
        ownerId: engineer.userId,
        ...extra,
      }),
      201,
    );
  const inbox = (who: TestAgent, kind: string) =>
    world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, kind)));
  const timeline = async (n: number) =>
    ok(await mubeen.api.get<Page<TimelineItem>>(`${API}/cases/${n}/timeline`)).items;

  it("1. the engineer owns their case; nobody else takes it over by editing it", async () => {
    const c = await mine("Ownership: dashboard blank");
    expect(c.owner?.id).toBe(engineer.userId);
    const grab = await colleague.api.patch<Refusal>(`${API}/cases/${c.number}`, {
      version: c.version,
      ownerId: colleague.userId,
    });
    expect(grab.status).toBe(403);
    expect(ok(await mubeen.api.get<CaseDetail>(`${API}/cases/${c.number}`)).owner?.id).toBe(
      engineer.userId,
    );
  });

  it("2. updates are due as promised; a missed one is raised to the shift lead", async () => {
    const c = await mine("Updates: export slow", { severity: "high" });
    const first = c.sla.clocks.find((k) => k.clock === "first_response");
    expect(first?.dueAt).toBeTruthy();
    const due = Date.parse(first?.dueAt ?? "");
    const fired = await fireClockAlarms(world.database.db, new Date(due + MIN));
    expect(fired.breached).toBeGreaterThan(0);
    const raised = (await inbox(mubeen, "clock_alert")).filter((n) => n.caseNumber === c.number);
    expect(raised.map((n) => n.title).join()).toMatch(/Breached/);
  });

  it("3. customer calls are kept on time: a reminder before, a missed call raised to the shift lead", async () => {
    const c = await mine("Calls: walk through the setup");
    const start = Date.now() + 30 * MIN;
    const call = ok(
      await engineer.api.post<CallItemAnswer>(`${API}/cases/${c.number}/scheduled-calls`, {
        startsAt: new Date(start).toISOString(),
        durationMinutes: 30,
        attendee: "Priya (customer)",
      }),
      201,
    );
    expect((await sweep(world.database.db, new Date(start - 10 * MIN))).callsReminded).toBe(1);
    expect((await sweep(world.database.db, new Date(start + 45 * MIN))).callsMissed).toBe(1);
    const missed = await world.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, mubeen.userId));
    expect(missed.some((n) => n.caseNumber === c.number && /missed/i.test(n.title))).toBe(true);
    expect(call.state).toBe("scheduled");
  });

  it("4, 5, 8, 10, 13. before leave the bin is cleared with the shift lead, the team is mailed, the sheet lists the cases, calls are diverted", async () => {
    const a = await mine("Leave: SSO errors");
    const b = await mine("Leave: invoice totals");
    const from = new Date(Date.now() + 2 * DAY);
    let plan = ok(
      await engineer.api.post<LeavePlanAnswer>(`${API}/workspaces/${ws.slug}/leave-plans`, {
        leaveFrom: from.toISOString(),
        leaveUntil: new Date(from.getTime() + 7 * DAY).toISOString(),
      }),
      201,
    );
    const numbers = plan.items.map((i) => i.case.number);
    expect(numbers).toEqual(expect.arrayContaining([a.number, b.number]));
    // Rule 4: nothing leaves the bin undescribed.
    const bare = await engineer.api.post<Refusal>(
      `${API}/workspaces/${ws.slug}/leave-plans/${plan.id}/submit`,
      { version: plan.version },
    );
    expect(bare.status).toBe(400);
    expect(bare.body.detail).toMatch(/say what was validated so far/);
    for (const i of plan.items)
      plan = ok(
        await engineer.api.patch<LeavePlanAnswer>(
          `${API}/workspaces/${ws.slug}/leave-plans/${plan.id}/items/${i.id}`,
          {
            version: i.version,
            handedOff: "The fix is on staging; confirm with the customer",
            validated: "Reproduced and logs attached",
            followUps: "Customer call Thursday",
            customerTold: true,
          },
        ),
      );
    // Rule 13: where calls go while away.
    plan = ok(
      await engineer.api.post<LeavePlanAnswer>(
        `${API}/workspaces/${ws.slug}/leave-plans/${plan.id}/checks`,
        {
          version: plan.version,
          check: "call_diversion",
          done: true,
          divertTo: "Kiran, ext. 4411",
        },
      ),
    );
    plan = ok(
      await engineer.api.post<LeavePlanAnswer>(
        `${API}/workspaces/${ws.slug}/leave-plans/${plan.id}/submit`,
        { version: plan.version },
      ),
    );
    // Rule 10: every approval carries Mubeen's private note onto the case.
    for (const i of plan.items) {
      const fresh = ok(
        await mubeen.api.get<LeavePlanAnswer>(
          `${API}/workspaces/${ws.slug}/leave-plans/${plan.id}`,
        ),
      ).items.find((x) => x.id === i.id);
      ok(
        await mubeen.api.post<LeavePlanAnswer>(
          `${API}/workspaces/${ws.slug}/leave-plans/${plan.id}/items/${i.id}/approve`,
          { version: fresh?.version, holderId: colleague.userId, note: "Kiran holds it this week" },
        ),
      );
    }
    const done = ok(
      await mubeen.api.get<LeavePlanAnswer>(`${API}/workspaces/${ws.slug}/leave-plans/${plan.id}`),
    );
    expect(done.state).toBe("approved");
    for (const n of numbers) {
      expect(ok(await mubeen.api.get<CaseDetail>(`${API}/cases/${n}`)).owner?.id).toBe(
        colleague.userId,
      );
      const notes = (await timeline(n)).filter((t) => t.visibility === "private");
      expect(notes.map((t) => t.body).join("\n")).toMatch(/Kiran holds it this week/);
    }
    // Rule 5: one email to the whole team with every handed-off case.
    const [mail] = await world.database.db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.event, "team.handoff_sent"),
          eq(deliveries.recipient, "support-team@seed004.example"),
        ),
      );
    for (const n of numbers) expect(mail?.body).toContain(String(n));
    // Rule 8: the sheet shows them, each taken by its new holder.
    const sheet = ok(
      await mubeen.api.get<{ items: SheetEntry[] }>(`${API}/workspaces/${ws.slug}/sheet`),
    );
    for (const n of numbers)
      expect(sheet.items.find((e) => e.case.number === n)?.claimedBy?.id).toBe(colleague.userId);
    // Rule 13 again: the out-of-office reply was never set; at the start Mubeen is told.
    await sweep(world.database.db, new Date(from.getTime() + MIN));
    const started = (await inbox(mubeen, "desk_request")).find((x) =>
      x.title.includes("leave has begun"),
    );
    expect(started?.body).toMatch(/not done: out-of-office reply set/);
  });

  it("6. off queue only once approved", async () => {
    const direct = await colleague.api.put<Refusal>(
      `${API}/workspaces/${ws.slug}/agents/me/availability`,
      { version: 1, status: "off_queue" },
    );
    expect(direct.status).toBe(422);
    expect(direct.body.detail).toMatch(/needs the shift lead's approval/);
    const asked = ok(
      await colleague.api.post<OffQueueRequestAnswer>(
        `${API}/workspaces/${ws.slug}/off-queue-requests`,
        { hours: 2, reason: "Clear my backlog" },
      ),
      201,
    );
    expect(asked.state).toBe("pending");
    const approved = ok(
      await mubeen.api.post<OffQueueRequestAnswer>(
        `${API}/workspaces/${ws.slug}/off-queue-requests/${asked.id}/approve`,
        { version: asked.version },
      ),
    );
    expect(approved.state).toBe("approved");
    ok(
      await colleague.api.post(`${API}/workspaces/${ws.slug}/off-queue-requests/${asked.id}/end`, {
        version: approved.version,
      }),
    );
  });

  it("7, 11. nobody assigns directly to a colleague; only the shift lead reassigns", async () => {
    const c = await mine("Reassign: webhook retries");
    const direct = await engineer.api.patch<Refusal>(`${API}/cases/${c.number}`, {
      version: c.version,
      ownerId: colleague.userId,
    });
    expect(direct.status).toBe(403);
    const byTransfer = await engineer.api.post<Refusal>(`${API}/cases/${c.number}/transfers`, {
      version: c.version,
      kind: "handoff-request",
      target: { agentId: colleague.userId },
      reason: "cannot-attend-call",
      fields: filled(kindOf(ws.policy, "handoff-request")),
    });
    expect(byTransfer.status).toBe(422);
    expect(byTransfer.body.detail).toMatch(/Only the shift lead assigns a case to a colleague/);
    const moved = ok(
      await mubeen.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
        version: c.version,
        ownerId: colleague.userId,
      }),
    );
    expect(moved.owner?.id).toBe(colleague.userId);
  });

  it("9, 12. a new case for a new issue goes through the shift lead, and belongs to whoever opens it", async () => {
    // The original case is held by the colleague; the engineer finds a new issue on it.
    const parent = ok(
      await mubeen.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Child: old ticket about exports",
        queue: "tickets",
        ownerId: colleague.userId,
      }),
      201,
    );
    const direct = await engineer.api.post<Refusal>(`${API}/cases`, {
      workspace: ws.slug,
      subject: "Exports fail again, differently",
      queue: "tickets",
      parentCaseNumber: parent.number,
    });
    expect(direct.status).toBe(422);
    expect(direct.body.detail).toMatch(
      /needs the shift lead's approval: ask for it from the parent case/,
    );
    const asked = ok(
      await engineer.api.post<ChildCaseOutcome>(`${API}/cases/${parent.number}/children`, {
        reason: "new-issue-on-old-case",
        subject: "Exports fail again, differently",
      }),
      201,
    );
    expect(asked.outcome).toBe("requested");
    const request = asked.request as ChildCaseRequestAnswer;
    const approved = ok(
      await mubeen.api.post<ChildCaseRequestAnswer>(
        `${API}/workspaces/${ws.slug}/child-case-requests/${request.id}/approve`,
        { version: request.version, note: "New issue: Esha owns it" },
      ),
    );
    const child = ok(await mubeen.api.get<CaseDetail>(`${API}/cases/${approved.childCaseNumber}`));
    // Rule 12: not assigned back to the colleague who holds the original; the creator owns it.
    expect(child.owner?.id).toBe(engineer.userId);
    expect(child.parentCaseNumber).toBe(parent.number);
    expect((await timeline(child.number)).map((t) => t.body).join("\n")).toMatch(
      /New issue: Esha owns it/,
    );
  });

  it("14. a short session the engineer takes up; a long training is the shift lead's call", async () => {
    const c = await mine("Training: onboarding the new team");
    const short = ok(
      await engineer.api.post<TrainingRequestAnswer>(`${API}/cases/${c.number}/training-requests`, {
        askedBy: "success",
        kind: "training",
        topic: "Show the export settings",
        minutes: 25,
      }),
      201,
    );
    ok(
      await engineer.api.post(`${API}/workspaces/${ws.slug}/training-requests/${short.id}/accept`, {
        version: short.version,
      }),
    );
    const long = ok(
      await engineer.api.post<TrainingRequestAnswer>(`${API}/cases/${c.number}/training-requests`, {
        askedBy: "customer",
        kind: "training",
        topic: "Two hours of admin training",
        minutes: 120,
      }),
      201,
    );
    const refused = await engineer.api.post<Refusal>(
      `${API}/workspaces/${ws.slug}/training-requests/${long.id}/accept`,
      { version: long.version },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/over 30 minutes are the shift lead's call/);
    const approved = ok(
      await mubeen.api.post<TrainingRequestAnswer>(
        `${API}/workspaces/${ws.slug}/training-requests/${long.id}/approve`,
        { version: long.version, note: "Kiran runs it; enterprise plan" },
      ),
    );
    expect(approved.state).toBe("approved");
  });
});
