import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, cases, savedViews } from "../../src/db/schema.ts";
import type { CaseDetail, CaseSummary } from "../../src/http/routes/case-schemas.ts";
import type { CaseCounts, SavedView, SavedViewList } from "../../src/http/routes/view-schemas.ts";
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

// Issue 17: saved views, personal or shared with a queue or the workspace, and the counts the
// side navigation shows next to them (the list's own total, on the list's own conditions).

const API = "/api/v1";

describe.each(databaseKinds)("saved views (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  async function setup() {
    const ws = await buildWorkspace(world, "regional-cse");
    const lead = await buildAgent(world, ws.slug, "shift_lead", { queues: ["cse-us"] });
    const emea = await buildAgent(world, ws.slug, "agent", { queues: ["cse-emea"] });
    const us = await buildAgent(world, ws.slug, "agent", { queues: ["cse-us"] });
    return { ws, lead, emea, us };
  }

  const list = async (who: TestAgent, slug: string) =>
    ok(await who.api.get<SavedViewList>(`${API}/workspaces/${slug}/views`)).items;
  const create = (who: TestAgent, slug: string, body: Record<string, unknown>) =>
    who.api.post<SavedView & Problem>(`${API}/workspaces/${slug}/views`, body);
  const counts = (who: TestAgent, slug: string, items: Record<string, unknown>[]) =>
    who.api.post<CaseCounts & Problem>(`${API}/workspaces/${slug}/case-counts`, { items });
  const rowsIn = (workspaceId: string) =>
    world.database.db.select().from(savedViews).where(eq(savedViews.workspaceId, workspaceId));

  it("saves, lists, renames, reorders and deletes one's own views, each change version-checked", async () => {
    const { ws, emea, us } = await setup();
    const first = ok(
      await create(emea, ws.slug, {
        name: "My urgent",
        filters: { owner: "me", status: "open", severity: "critical" },
        sort: { key: "due", dir: "asc" },
      }),
      201,
    );
    expect(first).toMatchObject({
      name: "My urgent",
      share: "personal",
      queue: null,
      filters: { owner: "me", status: "open", severity: "critical" },
      sort: { key: "due", dir: "asc" },
      version: 1,
      problems: [],
      can: { edit: true, delete: true, share: false },
    });
    const second = ok(
      await create(emea, ws.slug, { name: "Printers", filters: { q: "printer" } }),
      201,
    );
    expect(second.sort).toEqual({ key: "updated", dir: "desc" });
    expect((await list(emea, ws.slug)).map((v) => v.name)).toEqual(["My urgent", "Printers"]);
    // A colleague's own views are not theirs to see, change or delete.
    expect(await list(us, ws.slug)).toEqual([]);
    expect((await us.api.patch(`${API}/views/${first.id}`, { version: 1, name: "x" })).status).toBe(
      404,
    );
    expect((await us.api.delete(`${API}/views/${first.id}?version=1`)).status).toBe(404);

    const renamed = ok(
      await emea.api.patch<SavedView>(`${API}/views/${first.id}`, {
        version: 1,
        name: "Critical and mine",
        filters: { owner: "me", status: "new,active" },
      }),
    );
    expect(renamed).toMatchObject({
      name: "Critical and mine",
      version: 2,
      filters: { owner: "me", status: "new,active" },
      sort: { key: "due", dir: "asc" },
    });
    const stale = await emea.api.patch(`${API}/views/${first.id}`, { version: 1, name: "Late" });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "version_conflict", currentVersion: 2 });

    const reordered = ok(
      await emea.api.put<SavedViewList>(`${API}/workspaces/${ws.slug}/views/order`, {
        items: [
          { id: second.id, version: 1 },
          { id: first.id, version: 2 },
        ],
      }),
    );
    expect(reordered.items.map((v) => [v.name, v.version])).toEqual([
      ["Printers", 2],
      ["Critical and mine", 3],
    ]);
    // A stale version anywhere in the order changes nothing.
    const staleOrder = await emea.api.put(`${API}/workspaces/${ws.slug}/views/order`, {
      items: [
        { id: first.id, version: 3 },
        { id: second.id, version: 1 },
      ],
    });
    expect(staleOrder.status).toBe(409);
    expect((await list(emea, ws.slug)).map((v) => v.name)).toEqual([
      "Printers",
      "Critical and mine",
    ]);

    expect((await emea.api.delete(`${API}/views/${second.id}?version=1`)).status).toBe(409);
    expect((await emea.api.delete(`${API}/views/${second.id}?version=2`)).status).toBe(204);
    expect((await rowsIn(ws.id)).map((r) => r.name)).toEqual(["Critical and mine"]);
  });

  it("shares views with a queue's members or the workspace: leads may, agents only keep their own", async () => {
    const { ws, lead, emea, us } = await setup();
    const refused = await create(emea, ws.slug, {
      name: "Team's",
      share: "workspace",
      filters: { status: "open" },
    });
    expect(refused.status).toBe(403);
    expect(
      (await create(emea, ws.slug, { name: "Q", share: "queue", queue: "cse-emea", filters: {} }))
        .status,
    ).toBe(403);
    expect(await rowsIn(ws.id)).toEqual([]);

    const forEmea = ok(
      await create(lead, ws.slug, {
        name: "EMEA unassigned",
        share: "queue",
        queue: "cse-emea",
        filters: { queue: "cse-emea", owner: "none" },
      }),
      201,
    );
    const forAll = ok(
      await create(lead, ws.slug, {
        name: "Everyone's 24x7",
        share: "workspace",
        filters: { is24x7: "true" },
      }),
      201,
    );
    const own = ok(await create(emea, ws.slug, { name: "Mine", filters: { owner: "me" } }), 201);

    // The EMEA agent sees the queue's view and the workspace's (neither to change) and their own.
    expect((await list(emea, ws.slug)).map((v) => [v.name, v.share, v.can.edit])).toEqual([
      ["Mine", "personal", true],
      ["EMEA unassigned", "queue", false],
      ["Everyone's 24x7", "workspace", false],
    ]);
    // The US agent is not in cse-emea: the queue's view is not theirs to see, nor to count.
    expect((await list(us, ws.slug)).map((v) => v.name)).toEqual(["Everyone's 24x7"]);
    expect(
      (await us.api.patch(`${API}/views/${forEmea.id}`, { version: 1, name: "x" })).status,
    ).toBe(404);
    expect((await counts(us, ws.slug, [{ key: "v", view: forEmea.id }])).status).toBe(404);
    // The lead sees every shared view (what they shared, whatever their own queues), not the
    // agent's own.
    expect((await list(lead, ws.slug)).map((v) => [v.name, v.can.edit])).toEqual([
      ["EMEA unassigned", true],
      ["Everyone's 24x7", true],
    ]);
    expect((await lead.api.patch(`${API}/views/${own.id}`, { version: 1, name: "x" })).status).toBe(
      404,
    );
    // An agent may not change a shared view, nor share their own.
    expect(
      (await emea.api.patch(`${API}/views/${forAll.id}`, { version: 1, name: "x" })).status,
    ).toBe(403);
    expect(
      (await emea.api.patch(`${API}/views/${own.id}`, { version: 1, share: "workspace" })).status,
    ).toBe(403);

    // A queue is only for a view shared with one, and must be the policy's.
    for (const body of [
      { version: 1, queue: "cse-us" },
      { version: 1, share: "queue", queue: "cse-mars" },
      { version: 1, share: "queue" },
    ]) {
      const refusedChange = await lead.api.patch(`${API}/views/${forAll.id}`, body);
      expect.soft(refusedChange.status, JSON.stringify(body)).toBe(400);
      expect.soft(refusedChange.body.errors?.map((e) => e.field)).toEqual(["queue"]);
    }
    // The lead moves the queue's view to the US queue: the EMEA agent no longer sees it.
    const moved = ok(
      await lead.api.patch<SavedView>(`${API}/views/${forEmea.id}`, {
        version: 1,
        queue: "cse-us",
      }),
    );
    expect(moved).toMatchObject({ share: "queue", queue: "cse-us", version: 2 });
    expect((await list(emea, ws.slug)).map((v) => v.name)).toEqual(["Mine", "Everyone's 24x7"]);
    expect((await list(us, ws.slug)).map((v) => v.name)).toEqual([
      "EMEA unassigned",
      "Everyone's 24x7",
    ]);

    // Shared views are in the workspace's audit trail with what they show and to whom.
    const trail = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.subjectType, "saved_view")));
    expect(
      trail.map((e) => [e.action, (e.data as { name: string }).name, e.actorId]).sort(),
    ).toEqual(
      [
        ["view.created", "EMEA unassigned", lead.userId],
        ["view.created", "Everyone's 24x7", lead.userId],
        ["view.created", "Mine", emea.userId],
        ["view.updated", "EMEA unassigned", lead.userId],
      ].sort(),
    );
    // The admins' audit trail says it in words.
    const admin = await buildAgent(world, ws.slug, "admin");
    const words = ok(
      await admin.api.get<{ items: { action: string; summary: string }[] }>(
        `${API}/workspaces/${ws.slug}/audit`,
      ),
    );
    expect(words.items.find((i) => i.action === "view.updated")?.summary).toBe(
      'View "EMEA unassigned" changed (share), shared with queue CSE North America',
    );
    const shared = trail.find((e) => e.action === "view.updated");
    expect(shared?.data).toMatchObject({
      share: "queue",
      queue: "cse-us",
      changed: ["share"],
      definition: { filters: { queue: "cse-emea", owner: "none" } },
    });
  });

  it("keeps another workspace's views out of sight: 404 for reading, changing, deleting and counting", async () => {
    const { ws, emea } = await setup();
    const other = await buildWorkspace(world, "regional-cse");
    const stranger = await buildAgent(world, other.slug, "admin");
    const view = ok(await create(emea, ws.slug, { name: "Mine", filters: {} }), 201);
    expect((await stranger.api.get(`${API}/workspaces/${ws.slug}/views`)).status).toBe(404);
    expect(
      (await stranger.api.patch(`${API}/views/${view.id}`, { version: 1, name: "x" })).status,
    ).toBe(404);
    expect((await stranger.api.delete(`${API}/views/${view.id}?version=1`)).status).toBe(404);
    expect((await counts(stranger, other.slug, [{ key: "v", view: view.id }])).status).toBe(404);
    expect((await counts(stranger, ws.slug, [{ key: "v", filters: {} }])).status).toBe(404);
  });

  it("refuses bad input naming the field, and stores nothing", async () => {
    const { ws, lead, emea } = await setup();
    const refusals: [TestAgent, Record<string, unknown>, string][] = [
      [emea, { name: "", filters: {} }, "name"],
      [emea, { name: "   ", filters: {} }, "name"],
      [emea, { name: "Two\nlines", filters: {} }, "name"],
      [emea, { name: "x".repeat(81), filters: {} }, "name"],
      [emea, { filters: {} }, "name"],
      [emea, { name: "No filters" }, "filters"],
      [emea, { name: "Bad status", filters: { status: "opened" } }, "filters.status"],
      [emea, { name: "Bad owner", filters: { owner: "someone" } }, "filters.owner"],
      [emea, { name: "Unknown", filters: { colour: "red" } }, "filters.colour"],
      [emea, { name: "Sort", filters: {}, sort: { key: "colour", dir: "asc" } }, "sort.key"],
      [emea, { name: "Share", filters: {}, share: "team" }, "share"],
      [lead, { name: "Queue", filters: {}, share: "queue" }, "queue"],
      [lead, { name: "Queue", filters: {}, share: "queue", queue: "cse-mars" }, "queue"],
      [lead, { name: "Queue", filters: {}, share: "workspace", queue: "cse-us" }, "queue"],
    ];
    for (const [who, body, field] of refusals) {
      const reply = await create(who, ws.slug, body);
      expect.soft(reply.status, JSON.stringify(body)).toBe(400);
      expect
        .soft(
          reply.body.errors?.map((e) => e.field),
          JSON.stringify(body),
        )
        .toContain(field);
    }
    expect(await rowsIn(ws.id)).toEqual([]);
    const view = ok(await create(emea, ws.slug, { name: "Fine", filters: {} }), 201);
    const badChange = await emea.api.patch(`${API}/views/${view.id}`, {
      version: 1,
      filters: { is24x7: "yes" },
    });
    expect(badChange.status).toBe(400);
    expect(badChange.body.errors?.map((e) => e.field)).toContain("filters.is24x7");
    const badCount = await counts(emea, ws.slug, [{ key: "a" }]);
    expect(badCount.status).toBe(400);
    expect(badCount.body.errors?.map((e) => e.field)).toEqual(["items.0"]);
    expect((await rowsIn(ws.id)).map((r) => r.version)).toEqual([1]);
  });

  it("opens a view whose filters the policy or Baton no longer knows, and says why", async () => {
    const { ws, emea } = await setup();
    const retired = ok(
      await create(emea, ws.slug, {
        name: "Old severity",
        filters: { severity: "sev-zero", queue: "cse-mars" },
      }),
      201,
    );
    expect(retired.problems).toEqual([
      "queue cse-mars is no longer in the workspace's policy",
      "severity sev-zero is no longer in the workspace's policy",
    ]);
    const broken = ok(await create(emea, ws.slug, { name: "Broken", filters: {} }), 201);
    await world.database.db
      .update(savedViews)
      .set({ definition: { filters: { colour: "red" }, sort: "sideways" } })
      .where(eq(savedViews.id, broken.id));
    const views = await list(emea, ws.slug);
    expect(views.find((v) => v.id === broken.id)).toMatchObject({
      filters: {},
      sort: { key: "updated", dir: "desc" },
      problems: [expect.stringContaining("no longer ones Baton reads")],
    });
    const counted = ok(
      await counts(emea, ws.slug, [
        { key: "retired", view: retired.id },
        { key: "broken", view: broken.id },
      ]),
    );
    expect(counted.items.map((c) => c.key)).toEqual(["retired", "broken"]);
    expect(counted.items[0]?.count).toBe(0);
  });

  it("counts what the list shows, for several filters and views in one request", async () => {
    const { ws, lead, emea } = await setup();
    const made: CaseDetail[] = [];
    const plan: Record<string, unknown>[] = [
      { subject: "Printer jams", queue: "cse-emea", severity: "high", ownerId: emea.userId },
      { subject: "printer offline", queue: "cse-emea", severity: "critical" },
      { subject: "VPN drops", queue: "cse-us", severity: "high", is24x7: true, plan: "premium" },
      { subject: "100% CPU on printer_host", queue: "cse-us", severity: "low" },
      { subject: "Login slow", queue: "cse-emea", severity: "normal", ownerId: emea.userId },
      { subject: "Disk full", queue: "cse-apac", severity: "critical", ownerId: lead.userId },
      { subject: "Printer spooler", queue: "cse-apac", severity: "normal" },
    ];
    for (const body of plan)
      made.push(
        ok(await lead.api.post<CaseDetail>(`${API}/cases`, { workspace: ws.slug, ...body }), 201),
      );
    const setStatus = async (c: CaseDetail, status: string) =>
      ok(await lead.api.patch(`${API}/cases/${c.number}`, { version: c.version, status }));
    await setStatus(made[1] as CaseDetail, "active");
    await setStatus(made[3] as CaseDetail, "resolved");
    await setStatus(made[4] as CaseDetail, "awaiting_customer");

    const combos: Record<string, string>[] = [
      {},
      { status: "open" },
      { status: "new,active" },
      { status: "resolved,closed" },
      { q: "printer" },
      { q: "printer", status: "open" },
      { q: "100%" },
      { q: "printer_" },
      { owner: "me" },
      { owner: "none", severity: "critical" },
      { queue: "cse-emea", status: "open,awaiting_customer" },
      { is24x7: "true" },
      { is24x7: "false", region: "EMEA" },
      { owner: lead.userId },
    ];
    // The list's own total, page by page.
    async function total(who: TestAgent, filters: Record<string, string>) {
      let n = 0;
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ workspace: ws.slug, limit: "2", ...filters });
        if (cursor) query.set("cursor", cursor);
        const page = ok(
          await who.api.get<{ items: CaseSummary[]; nextCursor: string | null }>(
            `${API}/cases?${query}`,
          ),
        );
        n += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return n;
    }
    const view = ok(
      await create(emea, ws.slug, {
        name: "Printers open",
        filters: { q: "printer", status: "open" },
      }),
      201,
    );
    const answer = ok(
      await counts(emea, ws.slug, [
        ...combos.map((filters, i) => ({ key: `c${i}`, filters })),
        { key: "view", view: view.id },
      ]),
    );
    const expected = await Promise.all(combos.map((f) => total(emea, f)));
    expect(answer.items).toEqual([
      ...expected.map((count, i) => ({ key: `c${i}`, count, capped: false, text: String(count) })),
      {
        key: "view",
        count: await total(emea, { q: "printer", status: "open" }),
        capped: false,
        text: String(await total(emea, { q: "printer", status: "open" })),
      },
    ]);
    // Not every count is the same: the filters really narrow.
    expect(new Set(expected).size).toBeGreaterThan(4);
    // "me" is whoever asks: the lead's count of the agent's view filters is the lead's own cases.
    const asLead = ok(await counts(lead, ws.slug, [{ key: "mine", filters: { owner: "me" } }]));
    expect(asLead.items[0]?.count).toBe(await total(lead, { owner: "me" }));
    expect(asLead.items[0]?.count).not.toBe(answer.items[8]?.count);
  });

  it("stops counting above 10,000 and says so", async () => {
    const { ws, lead } = await setup();
    const seed = ok(
      await lead.api.post<CaseDetail>(`${API}/cases`, { workspace: ws.slug, subject: "Many" }),
      201,
    );
    const [row] = await world.database.db.select().from(cases).where(eq(cases.number, seed.number));
    if (!row) throw new Error("the seed case is missing");
    const { id: _id, number: _number, ...copy } = row;
    for (let i = 0; i < 10; i++)
      await world.database.db.insert(cases).values(Array.from({ length: 1000 }, () => copy));
    const answer = ok(
      await counts(lead, ws.slug, [
        { key: "all", filters: {} },
        { key: "none", filters: { q: "nothing like this" } },
      ]),
    );
    expect(answer.items).toEqual([
      { key: "all", count: 10_000, capped: true, text: "10000+" },
      { key: "none", count: 0, capped: false, text: "0" },
    ]);
  }, 60_000);
});
