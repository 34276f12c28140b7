import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, notifications, trainingRequests } from "../../src/db/schema.ts";
import type { CaseDetail, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import type { Customer } from "../../src/http/routes/customer-schemas.ts";
import type {
  CaseTrainingListAnswer,
  TrainingDeskListAnswer,
  TrainingRequestAnswer,
} from "../../src/http/routes/training-schemas.ts";
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

// Issue 13, S4.12: sessions a customer or the success team asks of support. A short one an
// agent takes up at once; a training over 30 minutes is the shift lead's call.

const API = "/api/v1";

describe.each(databaseKinds)("training and sessions (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  type Answer = TrainingRequestAnswer & Problem;
  const record = (a: TestAgent, number: number, body: Record<string, unknown>) =>
    a.api.post<Answer>(`${API}/cases/${number}/training-requests`, body);
  const act = (
    a: TestAgent,
    ws: { slug: string },
    r: { id: string; version: number },
    action: string,
    extra: Record<string, unknown> = {},
  ) =>
    a.api.post<Answer>(`${API}/workspaces/${ws.slug}/training-requests/${r.id}/${action}`, {
      version: r.version,
      ...extra,
    });
  const desk = (a: TestAgent, ws: { slug: string }) =>
    a.api.get<TrainingDeskListAnswer>(`${API}/workspaces/${ws.slug}/training-requests`);
  const inbox = (who: TestAgent, kind: string) =>
    world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, kind)));

  async function setting() {
    const ws = await buildWorkspace(world, "shift-lead");
    const lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Mubeen Lead" });
    const ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent" });
    const ben = await buildAgent(world, ws.slug, "agent", { name: "Ben Agent" });
    const customer = ok(
      await lead.api.post<Customer>(`${API}/workspaces/${ws.slug}/customers`, {
        name: "Harbourline Logistics",
        timeZone: "Australia/Sydney",
        language: "en",
        plan: "enterprise",
        critical: true,
      }),
      201,
    );
    expect(customer.critical).toBe(true);
    const kase = ok(
      await lead.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Reports export fails",
        customerId: customer.id,
        severity: "high",
        ownerId: ana.userId,
      }),
      201,
    );
    return { ws, lead, ana, ben, kase };
  }

  it("a short session the agent takes up; a long training waits for the lead, who approves it with a runner and a note", async () => {
    const { ws, lead, ana, ben, kase } = await setting();

    // A 20-minute technical session: the owner takes it up at once and runs it.
    const short = ok(
      await record(ana, kase.number, {
        askedBy: "customer",
        kind: "technical",
        topic: "Walk through the export settings",
        minutes: 20,
      }),
      201,
    );
    expect(short).toMatchObject({ state: "pending", needsLead: false, runner: null });
    expect(short.actions).toEqual({ accept: true, approve: false, decline: false, withdraw: true });
    const accepted = ok(await act(ana, ws, short, "accept"));
    expect(accepted).toMatchObject({
      state: "accepted",
      runner: { id: ana.userId, name: "Ana Agent" },
      version: short.version + 1,
    });
    expect((await act(ben, ws, accepted, "accept")).status).toBe(409);

    // A 2-hour training: refused to the agent with whose call it is; the lead is asked.
    const long = ok(
      await record(ana, kase.number, {
        askedBy: "success",
        kind: "training",
        topic: "Onboarding for their new admins",
        minutes: 120,
        wantedAt: "2026-03-02T10:00:00+11:00",
      }),
      201,
    );
    expect(long).toMatchObject({ state: "pending", needsLead: true });
    expect(long.actions.accept).toBe(false);
    const refused = await act(ana, ws, long, "accept");
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(
      "Sessions over 30 minutes are the shift lead's call: it waits on the desk",
    );
    expect((await act(ben, ws, long, "approve")).status).toBe(403);
    expect((await inbox(lead, "desk_request")).map((n) => n.title)).toEqual([
      `Ana Agent asks for a 2 h training for Harbourline Logistics (case ${kase.number})`,
    ]);

    // The lead's desk: waiting first, with the factors the seed names.
    const seen = ok(await desk(lead, ws));
    expect(seen.viewer).toEqual({ approver: true, agentMayAcceptUpToMinutes: 30 });
    expect(seen.items.map((i) => i.id)).toEqual([long.id, short.id]);
    expect(seen.items[0]).toMatchObject({
      customer: { name: "Harbourline Logistics", critical: true, plan: "enterprise" },
      case: {
        number: kase.number,
        severity: "high",
        plan: "enterprise",
        owner: { name: "Ana Agent" },
      },
      askedBy: "success",
      kind: "training",
      minutes: 120,
      wantedAt: "2026-03-01T23:00:00.000Z",
      actions: { accept: false, approve: true, decline: true, withdraw: false },
    });
    // An agent's desk: what they recorded or run.
    expect(ok(await desk(ben, ws)).items).toEqual([]);
    expect(ok(await desk(ana, ws)).viewer.approver).toBe(false);

    // Stale version, then the approval with Ben running it and a note for the case.
    expect((await act(lead, ws, { ...long, version: long.version + 1 }, "approve")).status).toBe(
      409,
    );
    const approved = ok(
      await act(lead, ws, long, "approve", {
        runnerId: ben.userId,
        note: "Ben knows their set-up; keep it to two hours",
      }),
    );
    expect(approved).toMatchObject({
      state: "approved",
      runner: { id: ben.userId, name: "Ben Agent" },
      decidedBy: { id: lead.userId, name: "Mubeen Lead" },
      decisionNote: "Ben knows their set-up; keep it to two hours",
    });
    expect((await inbox(lead, "desk_request")).every((n) => n.readAt !== null)).toBe(true);
    expect((await inbox(ben, "desk_decision")).map((n) => n.title)).toEqual([
      `Session approved: Ben Agent runs the 2 h training on case ${kase.number}`,
    ]);
    expect((await inbox(ana, "desk_decision")).map((n) => n.title)).toEqual([
      `Session approved: Ben Agent runs the 2 h training on case ${kase.number}`,
    ]);

    // The case's timeline: a private line for each step, and the lead's note as a private note.
    const timeline = ok(
      await ana.api.get<{ items: TimelineItem[] }>(`${API}/cases/${kase.number}/timeline`),
    );
    const lines = timeline.items
      .filter((i) => (i.data as { event?: string } | null)?.event === "training")
      .map((i) => [i.kind, i.visibility, i.body]);
    expect(lines).toEqual([
      [
        "system",
        "private",
        "Session asked by the customer: a 20 min technical session “Walk through the export settings”; anyone on the team may take it up",
      ],
      [
        "system",
        "private",
        "Session taken up: Ana Agent runs the 20 min technical session “Walk through the export settings”",
      ],
      [
        "system",
        "private",
        "Session asked by the success team: a 2 h training “Onboarding for their new admins”; waits for the shift lead",
      ],
      [
        "system",
        "private",
        "Session approved by Mubeen Lead: Ben Agent runs the 2 h training “Onboarding for their new admins”",
      ],
      ["note", "private", "Ben knows their set-up; keep it to two hours"],
    ]);

    // The case's own list, and the audit trail.
    const onCase = ok(
      await ana.api.get<CaseTrainingListAnswer>(`${API}/cases/${kase.number}/training-requests`),
    );
    expect(onCase.viewer).toEqual({
      mayRecord: true,
      approver: false,
      agentMayAcceptUpToMinutes: 30,
    });
    expect(onCase.items.map((i) => i.state).sort()).toEqual(["accepted", "approved"]);
    const [row] = await world.database.db
      .select({ caseId: trainingRequests.caseId })
      .from(trainingRequests)
      .where(eq(trainingRequests.id, long.id));
    const audit = await world.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.caseId, row?.caseId ?? ""))
      .orderBy(auditEvents.id);
    expect(audit.map((a) => a.action).filter((a) => a.startsWith("training."))).toEqual([
      "training.requested",
      "training.accepted",
      "training.requested",
      "training.approved",
    ]);
  });

  it("declines with a note, withdraws while waiting, and refuses bad input storing nothing", async () => {
    const { ws, lead, ana, ben, kase } = await setting();
    const before = (await world.database.db.select().from(trainingRequests)).length;

    // Bad input: 4xx naming the field, nothing stored.
    const cases: [Record<string, unknown>, string][] = [
      [{ askedBy: "partner", kind: "training", topic: "x", minutes: 60 }, "askedBy"],
      [{ askedBy: "customer", kind: "webinar", topic: "x", minutes: 60 }, "kind"],
      [{ askedBy: "customer", kind: "training", topic: " ", minutes: 60 }, "topic"],
      [{ askedBy: "customer", kind: "training", topic: "x", minutes: 0 }, "minutes"],
      [{ askedBy: "customer", kind: "training", topic: "x", minutes: 9000 }, "minutes"],
      [
        { askedBy: "customer", kind: "training", topic: "x", minutes: 60, wantedAt: "soon" },
        "wantedAt",
      ],
    ];
    for (const [body, field] of cases) {
      const reply = await record(ana, kase.number, body);
      expect(reply.status, field).toBeGreaterThanOrEqual(400);
      expect(reply.status, field).toBeLessThan(500);
      expect(reply.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect((await world.database.db.select().from(trainingRequests)).length).toBe(before);
    expect(
      (
        await record(ana, 999_999_999, {
          askedBy: "customer",
          kind: "training",
          topic: "x",
          minutes: 60,
        })
      ).status,
    ).toBe(404);

    const long = ok(
      await record(ana, kase.number, {
        askedBy: "customer",
        kind: "training",
        topic: "Full product tour for the new team",
        minutes: 180,
      }),
      201,
    );
    // A decline says why; a runner belongs to an approval only, and must be a member.
    const noNote = await act(lead, ws, long, "decline");
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors?.map((e) => e.field)).toEqual(["note"]);
    const runnerOnDecline = await act(lead, ws, long, "decline", {
      note: "no",
      runnerId: ben.userId,
    });
    expect(runnerOnDecline.body.errors?.map((e) => e.field)).toEqual(["runnerId"]);
    const stranger = await act(lead, ws, long, "approve", { runnerId: crypto.randomUUID() });
    expect(stranger.status).toBe(422);
    expect(stranger.body.detail).toBe("runnerId: no such agent in this workspace");
    expect(stranger.body.errors?.map((e) => e.field)).toEqual(["runnerId"]);
    expect(ok(await desk(lead, ws)).items[0]).toMatchObject({
      state: "pending",
      version: long.version,
    });

    const declined = ok(
      await act(lead, ws, long, "decline", { note: "Point them at the academy" }),
    );
    expect(declined).toMatchObject({
      state: "declined",
      decisionNote: "Point them at the academy",
      runner: null,
    });
    expect((await inbox(ana, "desk_decision")).map((n) => [n.title, n.body])).toEqual([
      [`Session declined on case ${kase.number}: the 3 h training`, "Point them at the academy"],
    ]);
    expect((await act(ana, ws, declined, "withdraw")).status).toBe(409);

    // Withdrawn by its recorder while it waits; nobody else may.
    const other = ok(
      await record(ana, kase.number, {
        askedBy: "customer",
        kind: "training",
        topic: "Admin training",
        minutes: 90,
      }),
      201,
    );
    expect((await act(ben, ws, other, "withdraw")).status).toBe(403);
    const withdrawn = ok(await act(ana, ws, other, "withdraw"));
    expect(withdrawn.state).toBe("withdrawn");
    expect((await inbox(lead, "desk_request")).every((n) => n.readAt !== null)).toBe(true);
    expect((await act(lead, ws, withdrawn, "approve")).status).toBe(409);

    // Another workspace's request is not found.
    const elsewhere = await buildWorkspace(world, "shift-lead");
    const outsider = await buildAgent(world, elsewhere.slug, "shift_lead");
    expect((await act(outsider, elsewhere, withdrawn, "approve")).status).toBe(404);
    expect((await outsider.api.get(`${API}/cases/${kase.number}/training-requests`)).status).toBe(
      404,
    );
  });
});
