import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, cases, notifications } from "../../src/db/schema.ts";
import type { Policy } from "../../src/domain/policy/schema.ts";
import type { Agent } from "../../src/http/routes/agent-schemas.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type {
  OffQueueListAnswer,
  OffQueueRequestAnswer,
} from "../../src/http/routes/off-queue-schemas.ts";
import { sweep } from "../../src/jobs/sweeper.ts";
import { presets } from "../../src/presets/index.ts";
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

// Issue 13, S4.6: a few hours off queue to clear a backlog, "ONCE APPROVED" by the shift lead,
// ending on time by itself.

const HOUR = 3_600_000;

/** The shift-lead preset open around the clock, with its chat queue handing out cases in turn. */
function steadyShiftLead(): Policy {
  const policy = roundTheClock(presets["shift-lead"]);
  for (const q of policy.queues) if (q.code === "chat") q.distribution = "round_robin";
  return policy;
}

describe.each(databaseKinds)("off queue (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  const path = (ws: { slug: string }) => `/api/v1/workspaces/${ws.slug}/off-queue-requests`;
  const ask = (a: TestAgent, ws: { slug: string }, body: Record<string, unknown>) =>
    a.api.post<OffQueueRequestAnswer & { detail: string }>(path(ws), body);
  const act = (
    a: TestAgent,
    ws: { slug: string },
    r: { id: string; version: number },
    action: string,
    note?: string,
  ) =>
    a.api.post<OffQueueRequestAnswer & { detail: string }>(`${path(ws)}/${r.id}/${action}`, {
      version: r.version,
      ...(note ? { note } : {}),
    });
  const availabilityOf = async (by: TestAgent, ws: { slug: string }, who: TestAgent) => {
    const list = ok(await by.api.get<{ items: Agent[] }>(`/api/v1/workspaces/${ws.slug}/agents`));
    return list.items.find((a) => a.id === who.userId)?.availability.status;
  };
  const inbox = (who: TestAgent, kind: string) =>
    world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, kind)));

  it("needs the shift lead's approval, then keeps routing away until it ends by itself", async () => {
    const ws = await buildWorkspace(world, "shift-lead", steadyShiftLead());
    const lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Mubeen Lead" });
    const ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent", queues: ["chat"] });
    const other = await buildAgent(world, ws.slug, "agent", { queues: ["tickets"] });

    // Going off queue at once is refused here, naming the field and the way to ask.
    const direct = await ana.api.put<{ detail: string; errors?: { field: string }[] }>(
      `/api/v1/workspaces/${ws.slug}/agents/me/availability`,
      { version: 1, status: "off_queue" },
    );
    expect(direct.status).toBe(422);
    expect(direct.body.detail).toMatch(/needs the shift lead's approval/);
    expect(await availabilityOf(lead, ws, ana)).toBe("available");

    // Longer than the policy allows, or without a reason: refused, nothing stored.
    const long = await ask(ana, ws, { hours: 9, reason: "Backlog" });
    expect(long.status).toBe(422);
    expect(long.body.detail).toMatch(/^hours: .*up to 4 hours/);
    expect((await ask(ana, ws, { hours: 2, reason: " " })).status).toBe(400);
    expect(ok(await ana.api.get<OffQueueListAnswer>(path(ws))).items).toEqual([]);

    const asked = ok(await ask(ana, ws, { hours: 2, reason: "Clear my backlog" }), 201);
    expect(asked).toMatchObject({ state: "pending", hours: 2, until: null });
    expect(asked.actions).toEqual({ approve: false, decline: false, withdraw: true, end: false });
    // One waiting at a time.
    expect((await ask(ana, ws, { hours: 1, reason: "Again" })).status).toBe(409);
    // The lead is asked in-app; the agent's own list shows only theirs, the lead's everyone's.
    expect((await inbox(lead, "desk_request")).map((n) => n.title)).toEqual([
      "Ana Agent asks to go off queue for 2 h",
    ]);
    const desk = ok(await lead.api.get<OffQueueListAnswer>(path(ws)));
    expect(desk.viewer).toMatchObject({ approver: true, needsApproval: false, mayAsk: true });
    expect(ok(await ana.api.get<OffQueueListAnswer>(path(ws))).viewer.mayAsk).toBe(false);
    expect(desk.items[0]?.actions).toMatchObject({ approve: true, decline: true, withdraw: false });
    expect(ok(await other.api.get<OffQueueListAnswer>(path(ws))).items).toEqual([]);

    // Only an approver decides, and only on the version they saw.
    expect((await act(ana, ws, asked, "approve")).status).toBe(403);
    expect((await act(other, ws, asked, "approve")).status).toBe(403);
    expect((await act(lead, ws, { ...asked, version: asked.version + 1 }, "approve")).status).toBe(
      409,
    );
    const approved = ok(await act(lead, ws, asked, "approve", "Go ahead, back by noon"));
    expect(approved).toMatchObject({
      state: "approved",
      decidedBy: { id: lead.userId, name: "Mubeen Lead" },
      decisionNote: "Go ahead, back by noon",
    });
    const until = Date.parse(approved.until!);
    expect(until - Date.parse(approved.startedAt!)).toBe(2 * HOUR);
    expect(await availabilityOf(lead, ws, ana)).toBe("off_queue");
    expect((await act(lead, ws, approved, "approve")).status).toBe(409);
    expect((await inbox(lead, "desk_request")).every((n) => n.readAt !== null)).toBe(true);
    expect((await inbox(ana, "desk_decision")).map((n) => n.title)[0]).toMatch(
      /^Off queue approved until \d\d:\d\d /,
    );

    // While off queue, a chat waiting in her queue is not routed to her.
    const chat = ok(
      await lead.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject: "Chat waiting",
        queue: "chat",
      }),
      201,
    );
    expect(chat.owner).toBeNull();

    // When the hours are up, the minute's sweep ends it, and the waiting chat goes to her.
    const swept = await sweep(world.database.db, new Date(until + 60_000));
    expect(swept.backOnQueue).toBe(1);
    expect(await availabilityOf(lead, ws, ana)).toBe("available");
    const [row] = await world.database.db
      .select({ ownerId: cases.ownerId })
      .from(cases)
      .where(eq(cases.number, chat.number));
    expect(row?.ownerId).toBe(ana.userId);
    const mine = ok(await ana.api.get<OffQueueListAnswer>(path(ws)));
    expect(mine.items[0]).toMatchObject({ state: "ended", actions: { end: false } });
    const audit = await world.database.db
      .select({ action: auditEvents.action, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.subjectId, asked.id)));
    expect(audit.map((a) => a.action)).toEqual([
      "off_queue.requested",
      "off_queue.approved",
      "off_queue.ended",
    ]);
    expect(audit[2]?.data).toMatchObject({ early: false, userName: "Ana Agent" });
  });

  it("declines with a note, withdraws while waiting, and ends early on the agent's word", async () => {
    const ws = await buildWorkspace(world, "shift-lead", steadyShiftLead());
    const lead = await buildAgent(world, ws.slug, "shift_lead");
    const ana = await buildAgent(world, ws.slug, "agent", { queues: ["chat"] });

    const first = ok(await ask(ana, ws, { hours: 3, reason: "Backlog" }), 201);
    const declined = ok(await act(lead, ws, first, "decline", "Busy shift, tomorrow instead"));
    expect(declined).toMatchObject({
      state: "declined",
      decisionNote: "Busy shift, tomorrow instead",
    });
    expect(await availabilityOf(lead, ws, ana)).toBe("available");
    expect((await inbox(ana, "desk_decision")).map((n) => n.title)).toEqual(["Off queue declined"]);

    const second = ok(await ask(ana, ws, { hours: 1, reason: "Backlog" }), 201);
    expect((await act(lead, ws, second, "withdraw")).status).toBe(403);
    expect(ok(await act(ana, ws, second, "withdraw")).state).toBe("withdrawn");
    expect((await act(lead, ws, second, "approve")).status).toBe(409);

    const third = ok(await ask(ana, ws, { hours: 4, reason: "Backlog" }), 201);
    const running = ok(await act(lead, ws, third, "approve"));
    const ended = ok(await act(ana, ws, running, "end"));
    expect(ended.state).toBe("ended");
    expect(await availabilityOf(lead, ws, ana)).toBe("available");
    const [last] = await world.database.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, third.id), eq(auditEvents.action, "off_queue.ended")));
    expect(last?.data).toMatchObject({ early: true });
  });

  it("starts at once where the policy asks no approval, and still ends on time", async () => {
    const ws = await buildWorkspace(
      world,
      "helpdesk-transfer",
      roundTheClock(presets["helpdesk-transfer"]),
    );
    const ana = await buildAgent(world, ws.slug, "agent", { queues: ["l1-support"] });
    const list = ok(await ana.api.get<OffQueueListAnswer>(path(ws)));
    expect(list.viewer).toMatchObject({ approver: false, needsApproval: false });
    const started = ok(await ask(ana, ws, { hours: 1, reason: "Write up a known issue" }), 201);
    expect(started.state).toBe("approved");
    expect(await availabilityOf(ana, ws, ana)).toBe("off_queue");
    expect(
      (await sweep(world.database.db, new Date(Date.parse(started.until!) - 60_000))).backOnQueue,
    ).toBe(0);
    expect(
      (await sweep(world.database.db, new Date(Date.parse(started.until!) + 1))).backOnQueue,
    ).toBe(1);
    expect(await availabilityOf(ana, ws, ana)).toBe("available");
  });
});
