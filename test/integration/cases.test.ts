import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, cases } from "../../src/db/schema.ts";
import type {
  AuditItem,
  CaseDetail,
  CaseSummary,
  Page,
  TimelineItem,
} from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { buildAgent, buildWorkspace, startWorld, type World } from "../support/world.ts";

describe.each(databaseKinds)("cases API (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  async function setup() {
    const ws = await buildWorkspace(world, "regional-cse");
    const agent = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const colleague = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
    const supervisor = await buildAgent(world, ws.slug, "supervisor");
    return { ws, agent, colleague, supervisor };
  }

  it("creates a case, reads it by number, and writes the audit event", async () => {
    const { ws, agent } = await setup();
    const created = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Replication lag on the primary cluster",
      description: "Lag grows to 40 s every night at 02:00 UTC.",
      ownerId: agent.userId,
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("new");
    expect(created.body.version).toBe(1);
    expect(created.body.owner?.id).toBe(agent.userId);
    expect(created.body.queue).toBe(ws.policy.defaults.queue);
    expect(created.body.sla.firstResponseDueAt).not.toBeNull();
    expect(created.headers.location).toBe(`/api/v1/cases/${created.body.number}`);

    const read = await agent.api.get<CaseDetail>(`/api/v1/cases/${created.body.number}`);
    expect(read.status).toBe(200);
    expect(read.body.subject).toBe("Replication lag on the primary cluster");
    expect(read.body.allowed).toContain("case.update");

    const audit = await agent.api.get<Page<AuditItem>>(
      `/api/v1/cases/${created.body.number}/audit`,
    );
    expect(audit.body.items.map((e) => e.action)).toEqual(["case.created"]);
    expect(audit.body.items[0]?.actor?.id).toBe(agent.userId);
  });

  it("updates with the current version and refuses a stale one with 409, changing nothing", async () => {
    const { ws, agent, supervisor } = await setup();
    const { body: c } = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Login fails for SSO users",
      ownerId: agent.userId,
    });
    const first = await agent.api.patch<CaseDetail>(`/api/v1/cases/${c.number}`, {
      version: 1,
      status: "active",
      internalTitle: "SSO: IdP certificate rotated?",
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.body.status).toBe("active");

    const stale = await supervisor.api.patch(`/api/v1/cases/${c.number}`, {
      version: 1,
      severity: ws.policy.severities[0]?.code,
    });
    expect(stale.status).toBe(409);
    expect(stale.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(stale.body.currentVersion).toBe(2);

    const after = await agent.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(after.body.version).toBe(2);
    expect(after.body.severity).toBe(c.severity);
    const events = await world.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, String(c.number)));
    expect(events.map((e) => e.action)).toEqual(["case.created", "case.updated"]);
  });

  it("keeps the next customer contact as an instant, whatever offset it was written in", async () => {
    const { ws, agent } = await setup();
    const { body: c } = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Call the customer back about the failover test",
      ownerId: agent.userId,
      nextContactAt: "2026-11-24T10:00:00+05:30",
    });
    expect(c.nextContactAt).toBe("2026-11-24T04:30:00.000Z");
    const moved = await agent.api.patch<CaseDetail>(`/api/v1/cases/${c.number}`, {
      version: c.version,
      nextContactAt: "2026-11-25T09:00:00-05:00",
    });
    expect(moved.status).toBe(200);
    expect(moved.body.nextContactAt).toBe("2026-11-25T14:00:00.000Z");
    const timeline = await agent.api.get<Page<TimelineItem>>(`/api/v1/cases/${c.number}/timeline`);
    expect(timeline.body.items.at(-1)?.body).toBe(
      "Next customer contact: 2026-11-24T04:30:00.000Z → 2026-11-25T14:00:00.000Z",
    );
    const cleared = await agent.api.patch<CaseDetail>(`/api/v1/cases/${c.number}`, {
      version: moved.body.version,
      nextContactAt: null,
    });
    expect(cleared.body.nextContactAt).toBeNull();
  });

  it("lets exactly one of two concurrent updates with the same version win", async () => {
    const { ws, agent, supervisor } = await setup();
    const { body: c } = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Backups stopped",
      ownerId: agent.userId,
    });
    const results = await Promise.all([
      agent.api.patch(`/api/v1/cases/${c.number}`, { version: 1, internalTitle: "A" }),
      supervisor.api.patch(`/api/v1/cases/${c.number}`, { version: 1, internalTitle: "B" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await world.database.db.select().from(cases).where(eq(cases.number, c.number));
    expect(rows).toHaveLength(1);
    const after = await agent.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(after.body.version).toBe(2);
    const winner = results.findIndex((r) => r.status === 200);
    expect(after.body.internalTitle).toBe(winner === 0 ? "A" : "B");
  });

  it("keeps owner changes to those allowed to assign", async () => {
    const ws = await buildWorkspace(world, "shift-lead");
    const agent = await buildAgent(world, ws.slug, "agent");
    const other = await buildAgent(world, ws.slug, "agent");
    const lead = await buildAgent(world, ws.slug, "shift_lead");
    const { body: c } = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Customer asks for a call back",
      ownerId: agent.userId,
    });
    expect(c.owner?.id).toBe(agent.userId);
    const refused = await agent.api.patch(`/api/v1/cases/${c.number}`, {
      version: c.version,
      ownerId: other.userId,
    });
    expect(refused.status).toBe(403);
    const done = await lead.api.patch<CaseDetail>(`/api/v1/cases/${c.number}`, {
      version: c.version,
      ownerId: other.userId,
    });
    expect(done.status).toBe(200);
    expect(done.body.owner?.id).toBe(other.userId);
    expect(done.body.handoffCount).toBe(1);
  });

  it("adds public, private and call notes with mentions, newest last in the timeline", async () => {
    const { ws, agent, colleague } = await setup();
    const { body: c } = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Upgrade stuck at 80 %",
      ownerId: agent.userId,
    });
    const note = await agent.api.post<{ id: number }>(`/api/v1/cases/${c.number}/notes`, {
      body: `Asked @${colleague.handle} to look at the upgrade logs — ñandú 🚀 مرحبا`,
      visibility: "private",
    });
    expect(note.status).toBe(201);
    const call = await agent.api.post(`/api/v1/cases/${c.number}/calls`, {
      body: "Customer confirmed the maintenance window.",
      direction: "outbound",
      durationMinutes: 12,
      contactName: "Dana Kovač",
      visibility: "public",
    });
    expect(call.status).toBe(201);
    const reply = await agent.api.post(`/api/v1/cases/${c.number}/notes`, {
      body: "We will retry the upgrade tonight.",
      visibility: "public",
    });
    expect(reply.status).toBe(201);

    const timeline = await agent.api.get<Page<TimelineItem>>(`/api/v1/cases/${c.number}/timeline`);
    const items = timeline.body.items;
    expect(items.map((i) => i.kind)).toEqual(["system", "note", "call", "note"]);
    expect(items[1]?.body).toBe(
      `Asked @${colleague.handle} to look at the upgrade logs — ñandú 🚀 مرحبا`,
    );
    expect(items[1]?.visibility).toBe("private");
    expect(items[1]?.mentions.map((m) => m.id)).toEqual([colleague.userId]);
    expect(items[2]?.data).toMatchObject({ direction: "outbound", durationMinutes: 12 });
    expect(items[3]?.visibility).toBe("public");

    const audit = await agent.api.get<Page<AuditItem>>(`/api/v1/cases/${c.number}/audit`);
    // A public reply (the call with the customer, then the note) moves the clocks; a private
    // note only resets the idle clock, which its own row already tells.
    expect(audit.body.items.map((e) => e.action)).toEqual([
      "case.created",
      "case.note_added",
      "case.call_logged",
      "case.clocks_moved",
      "case.note_added",
      "case.clocks_moved",
    ]);
    const read = await agent.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    const first = read.body.sla.clocks.find((k) => k.clock === "first_response");
    expect(first?.state).toBe("met");
    // Met by the call: its reaction runs in the call's own transaction, a moment after its row.
    const metAt = Date.parse(first?.metAt ?? "");
    expect(metAt - Date.parse(items[2]?.createdAt ?? "")).toBeGreaterThanOrEqual(0);
    expect(metAt).toBeLessThan(Date.parse(items[3]?.createdAt ?? ""));
  });

  it("freezes a closed case: no field changes, no notes", async () => {
    const { ws, agent } = await setup();
    const { body: c } = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Done and dusted",
      ownerId: agent.userId,
    });
    const closed = await agent.api.patch<CaseDetail>(`/api/v1/cases/${c.number}`, {
      version: 1,
      status: "closed",
    });
    expect(closed.status).toBe(200);
    const edit = await agent.api.patch(`/api/v1/cases/${c.number}`, {
      version: 2,
      status: "active",
    });
    expect(edit.status).toBe(422);
    expect(edit.body.errors?.[0]?.field).toBe("status");
    const note = await agent.api.post(`/api/v1/cases/${c.number}/notes`, {
      body: "One more thing",
      visibility: "public",
    });
    expect(note.status).toBe(422);
    expect(note.body.code).toBe("case_closed");
  });

  it("lists with filters and a cursor that walks every case once", async () => {
    const { ws, agent, colleague } = await setup();
    const made: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { body } = await agent.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject: `${i % 2 ? "Disk" : "Network"} alert ${i}`,
        ownerId: i < 5 ? agent.userId : colleague.userId,
        severity: ws.policy.severities[i % 2]?.code,
      });
      made.push(body.number);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?workspace=${ws.slug}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await agent.api.get<Page<CaseSummary>>(url);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i) => i.number));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...made].sort());

    const mine = await agent.api.get<Page<CaseSummary>>(
      `/api/v1/cases?workspace=${ws.slug}&owner=me`,
    );
    expect(mine.body.items).toHaveLength(5);
    const text = await agent.api.get<Page<CaseSummary>>(
      `/api/v1/cases?workspace=${ws.slug}&q=disk`,
    );
    expect(text.body.items.map((i) => i.subject).every((s) => s.startsWith("Disk"))).toBe(true);
    expect(text.body.items).toHaveLength(3);
    const sev = ws.policy.severities[1]?.code ?? "";
    const bySeverity = await agent.api.get<Page<CaseSummary>>(
      `/api/v1/cases?workspace=${ws.slug}&severity=${sev}&owner=${colleague.userId}`,
    );
    expect(bySeverity.body.items.map((i) => i.number)).toEqual([made[5]]);
    const open = await agent.api.get<Page<CaseSummary>>(
      `/api/v1/cases?workspace=${ws.slug}&status=open`,
    );
    expect(open.body.items).toHaveLength(7);
    const closed = await agent.api.get<Page<CaseSummary>>(
      `/api/v1/cases?workspace=${ws.slug}&status=closed`,
    );
    expect(closed.body.items).toHaveLength(0);
  });

  it("pages without skipping cases whose change times differ only in microseconds", async () => {
    const { ws, agent } = await setup();
    const made: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { body } = await agent.api.post<CaseDetail>("/api/v1/cases", {
        workspace: ws.slug,
        subject: `Clock test ${i}`,
      });
      made.push(body.number);
      const at = `2026-01-01 00:00:00.1234${i % 3}${i}+00`;
      await world.database.db.execute(
        sql`UPDATE cases SET updated_at = ${at}::timestamptz WHERE number = ${body.number}`,
      );
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/cases?workspace=${ws.slug}&limit=1${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await agent.api.get<Page<CaseSummary>>(url);
      seen.push(...page.body.items.map((i) => i.number));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect([...seen].sort()).toEqual([...made].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("lists agents and sets availability, own and — for leads — others'", async () => {
    const { ws, agent, colleague, supervisor } = await setup();
    const list = await agent.api.get<{ items: { id: string; version: number; handle: string }[] }>(
      `/api/v1/workspaces/${ws.slug}/agents`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((a) => a.id).sort()).toEqual(
      [agent.userId, colleague.userId, supervisor.userId].sort(),
    );
    const leave = await agent.api.put<{ availability: { status: string; backupUserId: string } }>(
      `/api/v1/workspaces/${ws.slug}/agents/me/availability`,
      {
        version: 1,
        status: "on_leave",
        leaveFrom: "2026-12-21T00:00:00+01:00",
        leaveUntil: "2027-01-04T00:00:00+01:00",
        backupUserId: colleague.userId,
        callDiversion: "+49 30 1234567",
      },
    );
    expect(leave.status).toBe(200);
    expect(leave.body.availability.status).toBe("on_leave");
    expect(leave.body.availability.backupUserId).toBe(colleague.userId);

    const notMine = await agent.api.put(
      `/api/v1/workspaces/${ws.slug}/agents/${colleague.userId}/availability`,
      { version: 1, status: "off_queue" },
    );
    expect(notMine.status).toBe(403);
    const byLead = await supervisor.api.put(
      `/api/v1/workspaces/${ws.slug}/agents/${colleague.userId}/availability`,
      { version: 1, status: "off_queue" },
    );
    expect(byLead.status).toBe(200);
    const stale = await supervisor.api.put(
      `/api/v1/workspaces/${ws.slug}/agents/${colleague.userId}/availability`,
      { version: 1, status: "available" },
    );
    expect(stale.status).toBe(409);
  });

  it("hides another workspace's cases behind 404", async () => {
    const { ws, agent } = await setup();
    const other = await buildWorkspace(world, "helpdesk-transfer");
    const stranger = await buildAgent(world, other.slug, "admin");
    const { body: c } = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Private matter",
    });
    const missing = await stranger.api.get(`/api/v1/cases/999999999`);
    const hidden = await stranger.api.get(`/api/v1/cases/${c.number}`);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.code).toBe(missing.body.code);
    const list = await stranger.api.get<Page<CaseSummary>>("/api/v1/cases");
    expect(list.body.items.map((i) => i.number)).not.toContain(c.number);
  });
  it("tells owner and queue changes with names and queue labels, never ids (issue 11)", async () => {
    const { ws, supervisor } = await setup();
    const agent = await buildAgent(world, ws.slug, "agent", { name: "Ada Agent", region: "IST" });
    const colleague = await buildAgent(world, ws.slug, "agent", { name: "Cai Colleague" });
    const { body: c } = await agent.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Disk fills up on the replica",
      queue: "cse-apac",
    });
    const updated = await supervisor.api.patch<CaseDetail>(`/api/v1/cases/${c.number}`, {
      version: c.version,
      ownerId: colleague.userId,
      secondaryOwnerId: agent.userId,
      queue: "cse-ist",
    });
    expect(updated.status).toBe(200);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

    const timeline = await agent.api.get<Page<TimelineItem>>(`/api/v1/cases/${c.number}/timeline`);
    const line = timeline.body.items.find((i) => i.data?.event === "case.updated")!;
    expect(line.body).toBe(
      `Owner: — → Cai Colleague; Secondary owner: — → Ada Agent; Queue: CSE Asia Pacific → CSE India`,
    );
    expect(line.body).not.toMatch(uuid);
    expect(line.changes?.find((ch) => ch.field === "ownerId")).toEqual({
      field: "ownerId",
      label: "Owner",
      from: { value: null, text: "—" },
      to: { value: colleague.userId, text: "Cai Colleague" },
      long: false,
    });
    // The stored data keeps the ids.
    expect(line.data?.changes).toMatchObject({ ownerId: { from: null, to: colleague.userId } });

    const audit = await supervisor.api.get<Page<AuditItem>>(`/api/v1/cases/${c.number}/audit`);
    const [created, changed] = audit.body.items;
    expect(created?.summary).toBe("Case created, queue CSE Asia Pacific");
    expect(changed?.summary).toBe(
      `Case updated: Owner: — → Cai Colleague; Secondary owner: — → Ada Agent; Queue: CSE Asia Pacific → CSE India`,
    );
    for (const item of audit.body.items) expect(item.summary).not.toMatch(uuid);
    expect(changed?.changes?.map((ch) => ch.to.text)).toEqual([
      "Cai Colleague",
      "Ada Agent",
      "CSE India",
    ]);
  });
});
