import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSheetEntries } from "../../src/commands/sheet/listSheetEntries.ts";
import { auditEvents, cases, handoffSheetEntries } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { type SheetEntry, type SheetList, sheetList } from "../../src/http/routes/sheet-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import { actorOf, strictly, wire } from "../support/strict-schema.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  type Reply,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// S4.8: "Utilize the hand-off sheet to place the tickets which needs attention." A standing list
// per workspace: add a case with what it needs and by when, claim it, finish it; CSV export.

const API = "/api/v1";

interface Timeline {
  items: { kind: string; visibility: string; body: string }[];
}

const fieldsOf = (reply: Reply<Problem>) => (reply.body.errors ?? []).map((e) => e.field);

describe.each(databaseKinds)("hand-off sheet (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let ana: TestAgent;
  let ben: TestAgent;
  let lead: TestAgent;
  let sheet: string;
  const newCase = async (subject: string) =>
    ok(await ana.api.post<CaseDetail>(`${API}/cases`, { workspace: ws.slug, subject }), 201);

  const caseId = async (number: number) => {
    const [row] = await world.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.number, number));
    return row?.id;
  };

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "shift-lead");
    ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent" });
    ben = await buildAgent(world, ws.slug, "agent", { name: "Ben Agent" });
    lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Lee Lead" });
    sheet = `${API}/workspaces/${ws.slug}/sheet`;
  });
  afterAll(() => world?.dispose());

  it("add → list → claim → another's claim is 409 → release → claim → done, on the timeline and audited", async () => {
    const kase = await newCase("Printer offline in Duisburg");
    const added = ok(
      await ana.api.post<SheetEntry>(sheet, {
        caseNumber: kase.number,
        needs: "Call the customer back about the firmware",
        dueAt: "2030-01-02T09:00:00+01:00",
        queue: "tickets",
      }),
      201,
    );
    expect(added).toMatchObject({
      state: "open",
      version: 1,
      needs: "Call the customer back about the firmware",
      dueAt: "2030-01-02T08:00:00.000Z",
      queue: "tickets",
      case: { number: kase.number, subject: "Printer offline in Duisburg" },
      addedBy: { id: ana.userId, name: "Ana Agent" },
      claimedBy: null,
    });
    // An agent may claim an open entry; finishing an unclaimed one is a lead's.
    expect(added.actions).toEqual(["claim", "edit"]);

    const listed = ok(await ben.api.get<SheetList>(sheet));
    const seen = listed.items.find((e) => e.id === added.id);
    expect(seen?.actions).toEqual(["claim"]);
    expect(listed.viewer).toEqual({ add: true });
    const forLead = ok(await lead.api.get<SheetList>(sheet)).items.find((e) => e.id === added.id);
    expect(forLead?.actions).toEqual(["claim", "done", "edit"]);

    const claimed = ok(
      await ben.api.post<SheetEntry>(`${sheet}/${added.id}/claim`, { version: 1 }),
    );
    expect(claimed).toMatchObject({
      state: "claimed",
      version: 2,
      claimedBy: { name: "Ben Agent" },
    });
    expect(claimed.actions).toEqual(["release", "done", "edit"]);

    const taken = await ana.api.post(`${sheet}/${added.id}/claim`, { version: 2 });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe("already_claimed");
    expect(taken.body.detail).toContain("Ben Agent");
    // Nor may Ana release or finish Ben's entry; the lead may.
    expect((await ana.api.post(`${sheet}/${added.id}/release`, { version: 2 })).status).toBe(403);
    expect((await ana.api.post(`${sheet}/${added.id}/done`, { version: 2 })).status).toBe(403);

    const released = ok(
      await ben.api.post<SheetEntry>(`${sheet}/${added.id}/release`, { version: 2 }),
    );
    expect(released).toMatchObject({ state: "open", version: 3, claimedBy: null });
    const again = ok(await ana.api.post<SheetEntry>(`${sheet}/${added.id}/claim`, { version: 3 }));
    expect(again.claimedBy?.name).toBe("Ana Agent");
    const done = ok(await ana.api.post<SheetEntry>(`${sheet}/${added.id}/done`, { version: 4 }));
    expect(done).toMatchObject({ state: "done", version: 5, doneBy: { name: "Ana Agent" } });
    expect(done.actions).toEqual([]);
    expect(done.doneAt).not.toBeNull();

    // Done entries leave the standing list and show under done.
    expect(ok(await ana.api.get<SheetList>(sheet)).items.map((e) => e.id)).not.toContain(added.id);
    const doneList = ok(await ana.api.get<SheetList>(`${sheet}?state=done`));
    expect(doneList.items.map((e) => e.id)).toContain(added.id);
    expect((await lead.api.post(`${sheet}/${added.id}/claim`, { version: 5 })).status).toBe(409);

    const timeline = ok(await ana.api.get<Timeline>(`${API}/cases/${kase.number}/timeline`));
    const lines = timeline.items.filter(
      (i) => i.body.includes("hand-off sheet") || i.body.startsWith("Hand-off sheet"),
    );
    expect(lines.map((l) => [l.visibility, l.body])).toEqual([
      ["private", "Added to the hand-off sheet: Call the customer back about the firmware"],
      ["private", "Hand-off sheet: claimed by Ben Agent"],
      ["private", "Hand-off sheet: released by Ben Agent"],
      ["private", "Hand-off sheet: claimed by Ana Agent"],
      ["private", "Hand-off sheet: done by Ana Agent"],
    ]);

    const audit = await world.database.db
      .select({
        action: auditEvents.action,
        actorId: auditEvents.actorId,
        caseId: auditEvents.caseId,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "sheet_entry"), eq(auditEvents.subjectId, added.id)))
      .orderBy(auditEvents.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["sheet.entry_added", ana.userId],
      ["sheet.entry_claimed", ben.userId],
      ["sheet.entry_released", ben.userId],
      ["sheet.entry_claimed", ana.userId],
      ["sheet.entry_done", ana.userId],
    ]);
    expect(new Set(audit.map((a) => a.caseId))).toEqual(new Set([await caseId(kase.number)]));
    // With the entry done, the case may go on the sheet again.
    const next = await ana.api.post(sheet, { caseNumber: kase.number, needs: "Confirm the fix" });
    expect(next.status).toBe(201);
  });

  it("one open entry per case: a second add is 409 naming caseNumber", async () => {
    const kase = await newCase("VPN drops every hour");
    ok(
      await ana.api.post(sheet, { caseNumber: kase.number, needs: "Escalate to networking" }),
      201,
    );
    const twice = await ben.api.post(sheet, { caseNumber: kase.number, needs: "Same again" });
    expect(twice.status).toBe(409);
    expect(fieldsOf(twice)).toEqual(["caseNumber"]);
    const rows = await world.database.db
      .select()
      .from(handoffSheetEntries)
      .where(eq(handoffSheetEntries.caseId, (await caseId(kase.number)) ?? ""));
    expect(rows).toHaveLength(1);
  });

  it("a stale version is 409 and changes nothing; the holder edits with the current one", async () => {
    const kase = await newCase("Invoice export times out");
    const added = ok(
      await ana.api.post<SheetEntry>(sheet, { caseNumber: kase.number, needs: "Reproduce" }),
      201,
    );
    ok(
      await ana.api.patch(`${sheet}/${added.id}`, { version: 1, needs: "Reproduce with 10k rows" }),
    );
    const before = await world.database.db
      .select()
      .from(handoffSheetEntries)
      .where(eq(handoffSheetEntries.id, added.id));
    const audits = async () =>
      (
        await world.database.db
          .select()
          .from(auditEvents)
          .where(eq(auditEvents.subjectId, added.id))
      ).length;
    const auditBefore = await audits();
    for (const [path, body] of [
      [`${sheet}/${added.id}`, { version: 1, needs: "Overwrite" }],
      [`${sheet}/${added.id}/claim`, { version: 1 }],
    ] as const) {
      const stale = path.endsWith("/claim")
        ? await ben.api.post(path, body)
        : await ana.api.patch(path, body);
      expect(stale.status).toBe(409);
      expect(stale.body.version).toBe(2);
    }
    const after = await world.database.db
      .select()
      .from(handoffSheetEntries)
      .where(eq(handoffSheetEntries.id, added.id));
    expect(after).toEqual(before);
    expect(await audits()).toBe(auditBefore);

    const edited = ok(
      await ana.api.patch<SheetEntry>(`${sheet}/${added.id}`, {
        version: 2,
        dueAt: "2031-05-06T07:00:00Z",
        note: "Customer is in Sydney",
      }),
    );
    expect(edited).toMatchObject({
      version: 3,
      dueAt: "2031-05-06T07:00:00.000Z",
      note: "Customer is in Sydney",
    });
    // Someone else's entry is not Ben's to change.
    expect(
      (await ben.api.patch(`${sheet}/${added.id}`, { version: 3, note: "mine now" })).status,
    ).toBe(403);
    const [changed] = await world.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.subjectId, added.id), eq(auditEvents.action, "sheet.entry_changed")),
      )
      .orderBy(auditEvents.id);
    expect(changed?.data).toMatchObject({
      changes: { needs: { from: "Reproduce", to: "Reproduce with 10k rows" } },
    });
  });

  it("refuses bad input naming the field, and stores nothing", async () => {
    const kase = await newCase("Bad input case");
    const count = async () => (await world.database.db.select().from(handoffSheetEntries)).length;
    const before = await count();
    const empty = await ana.api.post(sheet, { caseNumber: kase.number, needs: "" });
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty)).toEqual(["needs"]);
    const blank = await ana.api.post(sheet, { caseNumber: kase.number, needs: "   " });
    expect(fieldsOf(blank)).toEqual(["needs"]);
    const long = await ana.api.post(sheet, { caseNumber: kase.number, needs: "x".repeat(501) });
    expect(fieldsOf(long)).toEqual(["needs"]);
    const date = await ana.api.post(sheet, {
      caseNumber: kase.number,
      needs: "Call",
      dueAt: "tomorrow",
    });
    expect(date.status).toBe(400);
    expect(fieldsOf(date)).toEqual(["dueAt"]);
    const queue = await ana.api.post(sheet, {
      caseNumber: kase.number,
      needs: "Call",
      queue: "nope",
    });
    expect(queue.status).toBe(422);
    expect(fieldsOf(queue)).toEqual(["queue"]);
    const missing = await ana.api.post(sheet, { needs: "Call" });
    expect(fieldsOf(missing)).toEqual(["caseNumber"]);
    const query = await ana.api.get(`${sheet}?state=later`);
    expect(query.status).toBe(400);
    expect(fieldsOf(query)).toEqual(["querystring.state"]);
    const id = await ana.api.post(`${sheet}/not-an-id/claim`, { version: 1 });
    expect(id.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it("a case of another workspace, and another workspace's sheet, are 404", async () => {
    const other = await buildWorkspace(world, "shift-lead");
    const stranger = await buildAgent(world, other.slug, "admin");
    const theirs = ok(
      await stranger.api.post<CaseDetail>(`${API}/cases`, {
        workspace: other.slug,
        subject: "Theirs",
      }),
      201,
    );
    const elsewhere = await ana.api.post(sheet, { caseNumber: theirs.number, needs: "Peek" });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.detail).toBe(`Case ${theirs.number} not found`);
    const kase = await newCase("Hidden from strangers");
    const mine = ok(
      await ana.api.post<SheetEntry>(sheet, { caseNumber: kase.number, needs: "Look" }),
      201,
    );
    expect((await stranger.api.get(sheet)).status).toBe(404);
    expect((await stranger.api.get(`${sheet}.csv`)).status).toBe(404);
    expect((await stranger.api.post(`${sheet}/${mine.id}/claim`, { version: 1 })).status).toBe(404);
    // Through their own workspace's sheet, the entry is as unknown as a missing one.
    const otherSheet = `${API}/workspaces/${other.slug}/sheet`;
    const hidden = await stranger.api.post(`${otherSheet}/${mine.id}/claim`, { version: 1 });
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe("Hand-off sheet entry not found");
  });

  it("filters by state, queue and mine, due soonest first and undated last", async () => {
    const qs = await buildWorkspace(world, "shift-lead");
    const a = await buildAgent(world, qs.slug, "agent", { name: "Ava" });
    const url = `${API}/workspaces/${qs.slug}/sheet`;
    const make = async (subject: string, body: Record<string, unknown>) => {
      const c = ok(
        await a.api.post<CaseDetail>(`${API}/cases`, { workspace: qs.slug, subject }),
        201,
      );
      return ok(await a.api.post<SheetEntry>(url, { caseNumber: c.number, ...body }), 201);
    };
    const undated = await make("Undated", { needs: "Sometime" });
    const later = await make("Later", {
      needs: "Later",
      dueAt: "2030-03-01T00:00:00Z",
      queue: "chat",
    });
    const sooner = await make("Sooner", { needs: "Soon", dueAt: "2030-02-01T00:00:00Z" });
    const order = ok(await a.api.get<SheetList>(url)).items.map((e) => e.id);
    expect(order).toEqual([sooner.id, later.id, undated.id]);
    ok(await a.api.post(`${url}/${later.id}/claim`, { version: 1 }));
    expect(ok(await a.api.get<SheetList>(`${url}?mine=true`)).items.map((e) => e.id)).toEqual([
      later.id,
    ]);
    expect(ok(await a.api.get<SheetList>(`${url}?queue=chat`)).items.map((e) => e.id)).toEqual([
      later.id,
    ]);
    expect(ok(await a.api.get<SheetList>(`${url}?state=open`)).items.map((e) => e.id)).toEqual([
      sooner.id,
      undated.id,
    ]);
    const limited = ok(await a.api.get<SheetList>(`${url}?limit=2`));
    expect(limited.items).toHaveLength(2);
    expect(limited.more).toBe(true);
  });

  it("exports CSV: a header, one row per entry, commas, quotes and newlines quoted", async () => {
    const qs = await buildWorkspace(world, "shift-lead");
    const a = await buildAgent(world, qs.slug, "agent", { name: 'Zoë "Z" Quinn' });
    const url = `${API}/workspaces/${qs.slug}/sheet`;
    const c1 = ok(
      await a.api.post<CaseDetail>(`${API}/cases`, {
        workspace: qs.slug,
        subject: "Disk full, again",
      }),
      201,
    );
    const c2 = ok(
      await a.api.post<CaseDetail>(`${API}/cases`, { workspace: qs.slug, subject: "Plain" }),
      201,
    );
    ok(
      await a.api.post(url, {
        caseNumber: c1.number,
        needs: 'Check "quota", then\ncall back',
        dueAt: "2030-01-01T10:00:00Z",
        note: "=1+1",
      }),
      201,
    );
    ok(await a.api.post(url, { caseNumber: c2.number, needs: "Nothing special" }), 201);
    const reply = await world.app.inject({
      method: "GET",
      url: `${url}.csv`,
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(reply.headers["content-disposition"]).toBe(
      `attachment; filename="handoff-sheet-${qs.slug}.csv"`,
    );
    const text = reply.body;
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rest] = text.split("\r\n").slice(0, -1);
    expect(header).toBe(
      "Case,Subject,Severity,Case owner,Queue,Needs,Due (UTC),State,Claimed by,Claimed at (UTC),Done by,Done at (UTC),Added by,Added at (UTC),Note",
    );
    expect(rest).toHaveLength(2);
    expect(rest[0]).toMatch(
      new RegExp(
        `^${c1.number},"Disk full, again",[^,]+,,[^,]+,"Check ""quota"", then\\ncall back",2030-01-01T10:00:00.000Z,open,,,,,"Zoë ""Z"" Quinn",[^,]+,'=1\\+1$`,
      ),
    );
    expect(rest[1]).toMatch(new RegExp(`^${c2.number},Plain,.*,Nothing special,,open,`));
    const filtered = await world.app.inject({
      method: "GET",
      url: `${url}.csv?state=done`,
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(filtered.body.split("\r\n").filter(Boolean)).toHaveLength(1);
  });

  it("answers exactly what the schema names (the web's types are the schema)", async () => {
    const actor = await actorOf(world.database.db, lead.userId);
    const answer = await listSheetEntries(world.database.db, actor, ws.slug, {
      state: "all",
      limit: 500,
    });
    expect(answer.items.length).toBeGreaterThan(0);
    const result = strictly(sheetList).safeParse(wire(answer));
    expect(result.success ? [] : result.error.issues).toEqual([]);
    const ids = answer.items.map((e) => e.id);
    const stored = await world.database.db
      .select()
      .from(handoffSheetEntries)
      .where(inArray(handoffSheetEntries.id, ids));
    expect(stored).toHaveLength(ids.length);
  });
});
