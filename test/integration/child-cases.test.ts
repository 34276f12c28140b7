import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, notifications } from "../../src/db/schema.ts";
import type { CaseDetail, Page, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import type {
  ChildCaseListAnswer,
  ChildCaseOutcome,
  ChildCaseRequestAnswer,
} from "../../src/http/routes/child-case-schemas.ts";
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

// Issue 13, S4.9 and S4.10: a new case for a second issue, or a new issue on an old case, with
// the shift lead's approval; the asker owns it, and the lead's private note is on it.

describe.each(databaseKinds)("child cases (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  const requests = (ws: { slug: string }) => `/api/v1/workspaces/${ws.slug}/child-case-requests`;
  const askFrom = (a: TestAgent, number: number, body: Record<string, unknown>) =>
    a.api.post<ChildCaseOutcome & Problem>(`/api/v1/cases/${number}/children`, body);
  const act = (
    a: TestAgent,
    ws: { slug: string },
    r: { id: string; version: number },
    action: string,
    note?: string,
  ) =>
    a.api.post<ChildCaseRequestAnswer & Problem>(`${requests(ws)}/${r.id}/${action}`, {
      version: r.version,
      ...(note ? { note } : {}),
    });
  const read = async (a: TestAgent, number: number) =>
    ok(await a.api.get<CaseDetail>(`/api/v1/cases/${number}`));
  const timeline = async (a: TestAgent, number: number) =>
    ok(await a.api.get<Page<TimelineItem>>(`/api/v1/cases/${number}/timeline`)).items;
  const inbox = (who: TestAgent, kind: string) =>
    world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, kind)));
  const parentOf = async (holder: TestAgent, ws: { slug: string }) =>
    ok(
      await holder.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject: "Export fails for Acme",
        queue: "tickets",
        product: "integrations",
        severity: "high",
        ownerId: holder.userId,
      }),
      201,
    );

  it("asks the shift lead, who approves: the new case is the asker's, with the lead's private note, linked both ways", async () => {
    const ws = await buildWorkspace(world, "shift-lead");
    const lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Mubeen Lead" });
    const ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent" });
    const bob = await buildAgent(world, ws.slug, "agent", { name: "Bob Holder" });
    const parent = await parentOf(bob, ws);
    expect((await read(ana, parent.number)).newCase).toEqual({
      allowed: true,
      needsApproval: true,
    });

    // Opening it directly is refused with the way to ask; nothing is stored.
    const direct = await ana.api.post<Problem>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Second issue",
      parentCaseNumber: parent.number,
    });
    expect(direct.status).toBe(422);
    expect(direct.body.detail).toMatch(
      /^parentCaseNumber: .*needs the shift lead's approval: ask for it from the parent case/,
    );
    expect((await read(bob, parent.number)).children).toEqual([]);

    // Bad input names its field, and stores nothing.
    const noReason = await askFrom(ana, parent.number, { subject: "Login broken" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((e) => e.field)).toContain("reason");
    const badSeverity = await askFrom(ana, parent.number, {
      reason: "second-issue",
      subject: "Login broken",
      severity: "apocalyptic",
    });
    expect(badSeverity.status).toBe(422);
    expect(badSeverity.body.detail).toMatch(/severity/);
    expect((await askFrom(ana, 999_999_999, { reason: "second-issue", subject: "x" })).status).toBe(
      404,
    );
    expect(ok(await ana.api.get<ChildCaseListAnswer>(requests(ws))).items).toEqual([]);

    const asked = ok(
      await askFrom(ana, parent.number, {
        reason: "second-issue",
        subject: "Login broken too",
        description: "The customer also cannot log in.",
      }),
      201,
    );
    expect(asked.outcome).toBe("requested");
    expect(asked.case).toBeNull();
    const request = asked.request!;
    expect(request).toMatchObject({
      state: "pending",
      parent: { number: parent.number, subject: "Export fails for Acme" },
      reason: "second-issue",
      requestedBy: { id: ana.userId, name: "Ana Agent" },
      actions: { approve: false, decline: false, withdraw: true },
    });
    expect((await inbox(lead, "desk_request")).map((n) => n.title)).toEqual([
      `Ana Agent asks for a new case from #${parent.number} for a second issue`,
    ]);
    const desk = ok(await lead.api.get<ChildCaseListAnswer>(requests(ws)));
    expect(desk.viewer.approver).toBe(true);
    expect(desk.items[0]?.actions).toEqual({ approve: true, decline: true, withdraw: false });
    expect(ok(await bob.api.get<ChildCaseListAnswer>(requests(ws))).items).toEqual([]);

    // Only an approver decides, on the version they saw.
    expect((await act(ana, ws, request, "approve")).status).toBe(403);
    expect((await act(bob, ws, request, "approve")).status).toBe(403);
    expect((await act(lead, ws, { ...request, version: 7 }, "approve")).status).toBe(409);
    const approved = ok(await act(lead, ws, request, "approve", "OK: separate issue, Ana owns it"));
    expect(approved).toMatchObject({
      state: "approved",
      decidedBy: { id: lead.userId, name: "Mubeen Lead" },
      decisionNote: "OK: separate issue, Ana owns it",
    });
    expect((await act(lead, ws, approved, "approve")).status).toBe(409);
    const childNumber = approved.childCaseNumber!;

    // The child: the asker's (not the parent's holder's), the parent's fields, the lead's note.
    const child = await read(ana, childNumber);
    expect(child).toMatchObject({
      subject: "Login broken too",
      description: "The customer also cannot log in.",
      owner: { id: ana.userId },
      queue: "tickets",
      product: "integrations",
      severity: "high",
      parent: { number: parent.number, subject: "Export fails for Acme" },
      parentCaseNumber: parent.number,
    });
    const childLines = await timeline(ana, childNumber);
    expect(childLines.map((a) => a.body)).toContain(
      `Case created from case #${parent.number} for a second issue`,
    );
    expect(childLines.find((a) => a.kind === "note")).toMatchObject({
      visibility: "private",
      body: "OK: separate issue, Ana owns it",
      author: { id: lead.userId },
    });
    expect((await read(bob, parent.number)).children).toEqual([
      {
        number: childNumber,
        subject: "Login broken too",
        status: "new",
        owner: { id: ana.userId, name: "Ana Agent" },
      },
    ]);
    expect((await timeline(bob, parent.number)).map((a) => a.body)).toContain(
      `Case #${childNumber} opened from this case for a second issue by Ana Agent`,
    );
    expect((await inbox(lead, "desk_request")).every((n) => n.readAt !== null)).toBe(true);
    expect((await inbox(ana, "desk_decision")).map((n) => n.title)).toEqual([
      `New case #${childNumber} from #${parent.number} approved: it is yours`,
    ]);
    const created = await world.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "case.created"), eq(auditEvents.subjectId, String(childNumber))),
      );
    expect(created[0]?.data).toMatchObject({
      parentCaseNumber: parent.number,
      ownerId: ana.userId,
    });

    // Closing the parent while the child is open asks first, naming it; confirmed, it closes.
    const closing = await bob.api.patch<Problem>(`/api/v1/cases/${parent.number}`, {
      version: (await read(bob, parent.number)).version,
      status: "resolved",
    });
    expect(closing.status).toBe(409);
    expect(closing.body.detail).toMatch(
      new RegExp(`#${childNumber}.*still open.*confirmOpenChildren`),
    );
    expect(closing.body.openChildren).toEqual([childNumber]);
    const resolved = ok(
      await bob.api.patch<CaseDetail>(`/api/v1/cases/${parent.number}`, {
        version: (await read(bob, parent.number)).version,
        status: "resolved",
        confirmOpenChildren: true,
      }),
    );
    expect(resolved.status).toBe("resolved");
  });

  it("declines with a note, and lets the asker withdraw", async () => {
    const ws = await buildWorkspace(world, "shift-lead");
    const lead = await buildAgent(world, ws.slug, "shift_lead");
    const ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent" });
    const parent = await parentOf(ana, ws);
    const ask = async (subject: string) =>
      ok(await askFrom(ana, parent.number, { reason: "new-issue-on-old-case", subject }), 201)
        .request!;

    const first = await ask("Reports are slow");
    const noNote = await act(lead, ws, first, "decline");
    expect(noNote.status).toBe(422);
    expect(noNote.body.detail).toMatch(/^note: /);
    const declined = ok(await act(lead, ws, first, "decline", "Same issue: keep it on the case"));
    expect(declined).toMatchObject({ state: "declined", childCaseNumber: null });
    expect((await inbox(ana, "desk_decision")).map((n) => [n.title, n.body])).toEqual([
      [`New case from #${parent.number} declined`, "Same issue: keep it on the case"],
    ]);

    const second = await ask("Another one");
    expect((await act(lead, ws, second, "withdraw")).status).toBe(403);
    const withdrawn = ok(await act(ana, ws, second, "withdraw"));
    expect(withdrawn.state).toBe("withdrawn");
    expect((await act(lead, ws, withdrawn, "approve")).status).toBe(409);
    expect((await read(ana, parent.number)).children).toEqual([]);

    // Another workspace's request is not found.
    const elsewhere = await buildWorkspace(world, "shift-lead");
    const stranger = await buildAgent(world, elsewhere.slug, "shift_lead");
    expect((await act(stranger, elsewhere, second, "approve")).status).toBe(404);
  });

  it("opens at once for an approver, and where the policy needs no approval", async () => {
    const ws = await buildWorkspace(world, "shift-lead");
    const lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Mubeen Lead" });
    const bob = await buildAgent(world, ws.slug, "agent");
    const parent = await parentOf(bob, ws);
    const opened = ok(
      await askFrom(lead, parent.number, { reason: "second-issue", subject: "Lead's own" }),
      201,
    );
    expect(opened).toMatchObject({ outcome: "opened", request: null });
    expect((await read(lead, opened.case!.number)).owner?.id).toBe(lead.userId);

    const open = await buildWorkspace(world, "regional-cse");
    const agent = await buildAgent(world, open.slug, "agent", { name: "Free Agent" });
    const old = ok(
      await agent.api.post<CaseDetail>("/api/v1/cases", { workspace: open.slug, subject: "Old" }),
      201,
    );
    expect((await read(agent, old.number)).newCase.needsApproval).toBe(false);
    const direct = ok(
      await agent.api.post<CaseDetail>("/api/v1/cases", {
        workspace: open.slug,
        subject: "Follow-up",
        parentCaseNumber: old.number,
      }),
      201,
    );
    expect(direct).toMatchObject({ owner: { id: agent.userId }, parent: { number: old.number } });
    expect((await timeline(agent, old.number)).map((a) => a.body)).toContain(
      `Case #${direct.number} opened from this case by Free Agent`,
    );
    const quick = ok(
      await askFrom(agent, old.number, { reason: "new-issue-on-old-case", subject: "New issue" }),
      201,
    );
    expect(quick.outcome).toBe("opened");
    expect((await read(agent, old.number)).children.map((c) => c.number)).toEqual([
      direct.number,
      quick.case!.number,
    ]);
  });
});
