import { and, asc, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, deliveries, transfers } from "../../src/db/schema.ts";
import type { AuditItem, CaseDetail, Page } from "../../src/http/routes/case-schemas.ts";
import {
  customerNoticeOnCompletion,
  ownerBriefingOnCompletion,
} from "../../src/notify/transfer-notifications.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

const MINUTE = 60_000;

// A transfer that completes at once is written in one pass (docs/performance.md, "A cheaper
// transfer"): inserted completed, its clocks moved in the reassignment's UPDATE. What it leaves
// must be what the two passes left: the same rows, audit and clocks.
describe.each(databaseKinds)("a transfer completed in one pass (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  const ownedInLevel1 = async (agent: TestAgent, workspace: string, more = {}) =>
    (
      await agent.api.post<CaseDetail>("/api/v1/cases", {
        workspace,
        subject: "Site down",
        ownerId: agent.userId,
        queue: "l1-support",
        ...more,
      })
    ).body;

  it("stores the transfer completed, moves the clocks once and audits all three events", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const l1 = await buildAgent(world, ws.slug, "agent");
    const c = await ownedInLevel1(l1, ws.slug, { severity: "urgent" });
    const t0 = Date.now();
    const made = await l1.api.post<{ id: string; state: string }>(
      `/api/v1/cases/${c.number}/transfers`,
      {
        version: c.version,
        kind: "transfer",
        target: { queue: "l2-support" },
        reason: "escalate-to-l2",
      },
    );
    const t1 = Date.now();
    expect(made.status).toBe(201);
    expect(made.body.state).toBe("completed");

    const [stored] = await world.database.db
      .select()
      .from(transfers)
      .where(eq(transfers.id, made.body.id));
    // As the request and its completion left it before: version 2, no expiry, completed now.
    expect(stored).toMatchObject({ state: "completed", version: 2, expiresAt: null });
    expect(stored?.completedAt?.getTime()).toBeGreaterThanOrEqual(t0 - 1000);
    expect(stored?.completedAt?.getTime()).toBeLessThanOrEqual(t1);

    const { body: after } = await l1.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(after).toMatchObject({ version: c.version + 1, handoffCount: 1, queue: "l2-support" });
    expect(after.owner).toBeNull();
    // S3.5: the receiver's response clock starts at the transfer (urgent: 60 minutes).
    const due = Date.parse(after.sla.firstResponseDueAt ?? "");
    expect(due).toBeGreaterThanOrEqual(t0 - 1000 + 60 * MINUTE);
    expect(due).toBeLessThanOrEqual(t1 + 60 * MINUTE);

    const audit = await l1.api.get<Page<AuditItem>>(`/api/v1/cases/${c.number}/audit`);
    const actions = audit.body.items.map((e) => e.action);
    expect(actions.slice(-3)).toEqual([
      "transfer.requested",
      "transfer.completed",
      "case.clocks_moved",
    ]);
    const moved = audit.body.items.at(-1);
    expect(moved?.data).toMatchObject({
      why: "transferred",
      changes: { firstResponseDueAt: { to: after.sla.firstResponseDueAt } },
    });
    expect(audit.body.items.at(-2)?.data).toMatchObject({ version: c.version + 1 });

    // The handover note rides in the transfer's insert and the system line in the
    // reassignment (docs/performance.md, "Two statements fewer per transfer"): both written, in
    // that order, the note the one the transfer names.
    const linesOf = async () =>
      (
        await world.database.db
          .select()
          .from(activities)
          .where(eq(activities.caseId, stored!.caseId))
          .orderBy(asc(activities.id))
      ).filter((a) => /^transfer\./.test(String((a.data as { event?: string }).event)));
    const lines = await linesOf();
    expect(lines.map((a) => [a.kind, (a.data as { event: string }).event])).toEqual([
      ["note", "transfer.handover_note"],
      ["system", "transfer.completed"],
    ]);
    expect(stored?.handoverNoteId).toBe(lines[0]?.id);
    expect(lines[0]?.body).toContain("Level 2 support");
    expect(lines[1]).toMatchObject({
      authorId: l1.userId,
      body: "Transferred (Transfer) to queue Level 2 support",
      data: { transferId: made.body.id },
    });
    // A request on the version it missed is refused and leaves neither.
    const stale = await l1.api.post(`/api/v1/cases/${c.number}/transfers`, {
      version: c.version,
      kind: "transfer",
      target: { queue: "l1-support" },
      reason: "escalate-to-l2",
    });
    expect(stale.status).toBe(409);
    expect(await linesOf()).toHaveLength(2);
  });

  it("writes messages from what the reassignment returned, as a fresh read of the case writes them", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const l1 = await buildAgent(world, ws.slug, "agent", { name: "Lee One" });
    const l2 = await buildAgent(world, ws.slug, "agent", { name: "Kim Two" });
    const lead = await buildAgent(world, ws.slug, "supervisor");
    const customer = (
      await l1.api.post<{ id: string; contacts: { id: string }[] }>(
        `/api/v1/workspaces/${ws.slug}/customers`,
        {
          name: "Rhein Logistik",
          timeZone: "Europe/Berlin",
          language: "de",
          contacts: [{ name: "Lena Fischer", email: "lena@rhein-logistik.example" }],
        },
      )
    ).body;
    const c = await ownedInLevel1(l1, ws.slug, {
      customerId: customer.id,
      contactId: customer.contacts[0]?.id,
      nextContactAt: "2026-11-24T10:00:00+01:00",
    });
    // The supervisor hands Lee's case to Kim: the customer is told and Kim is briefed.
    const made = await lead.api.post<{ id: string; state: string }>(
      `/api/v1/cases/${c.number}/transfers`,
      {
        version: c.version,
        kind: "transfer",
        target: { agentId: l2.userId },
        reason: "escalate-to-l2",
      },
    );
    expect(made.status).toBe(201);
    expect(made.body.state).toBe("completed");
    const written = await world.database.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.event, "transfer.completed"), eq(deliveries.sourceId, made.body.id)))
      .orderBy(asc(deliveries.id));
    expect(written.map((d) => [d.topic, d.recipient])).toEqual([
      ["customer_notice", "lena@rhein-logistik.example"],
      ["owner_briefing", l2.email],
    ]);
    expect(written[1]?.body).toContain("handed over by Lee One");
    // The same messages made from a read of the case as it now stands (no facts handed over).
    const [transfer] = await world.database.db
      .select()
      .from(transfers)
      .where(eq(transfers.id, made.body.id));
    const input = { transfer: transfer!, policy: ws.policy, actorId: lead.userId };
    const fresh = await world.database.db.transaction(async (tx) => [
      ...(await customerNoticeOnCompletion(tx, input)),
      ...(await ownerBriefingOnCompletion(tx, input)),
    ]);
    expect(written.map((d) => [d.recipient, d.recipientName, d.subject, d.body])).toEqual(
      fresh.map((d) => [d.recipient, d.recipientName, d.subject, d.body]),
    );
  });

  it("refuses it while another transfer of the case waits, naming that one", async () => {
    const policy = structuredClone(presets["helpdesk-transfer"]);
    const base = policy.transferKinds.find((k) => k.code === "transfer")!;
    policy.transferKinds.push({
      ...structuredClone(base),
      code: "accept-first",
      name: "Transfer on acceptance",
      targets: ["agent"],
      steps: ["receiver_acceptance"],
    });
    const ws = await buildWorkspace(world, "helpdesk-transfer", policy);
    const l1 = await buildAgent(world, ws.slug, "agent");
    const l2 = await buildAgent(world, ws.slug, "agent");
    const c = await ownedInLevel1(l1, ws.slug);
    const waiting = await l1.api.post<{ id: string; state: string }>(
      `/api/v1/cases/${c.number}/transfers`,
      {
        version: c.version,
        kind: "accept-first",
        target: { agentId: l2.userId },
        reason: "escalate-to-l2",
      },
    );
    expect(waiting.status).toBe(201);
    expect(waiting.body.state).toBe("awaiting_acceptance");
    const { body: current } = await l1.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);

    // Kind "transfer" has no steps, so it would be inserted completed, which the one-open-per-case
    // index does not see: the transfer under way, read with the case's lock, refuses it.
    const twice = await l1.api.post(`/api/v1/cases/${c.number}/transfers`, {
      version: current.version,
      kind: "transfer",
      target: { queue: "l2-support" },
      reason: "escalate-to-l2",
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      openTransferId: waiting.body.id,
      state: "awaiting_acceptance",
    });
    const { body: still } = await l1.api.get<CaseDetail>(`/api/v1/cases/${c.number}`);
    expect(still).toMatchObject({ queue: "l1-support", handoffCount: 0, version: current.version });
    const db = world.database.db;
    const [open] = await db.select().from(transfers).where(eq(transfers.id, waiting.body.id));
    const rows = await db
      .select({ state: transfers.state })
      .from(transfers)
      .where(eq(transfers.caseId, open!.caseId));
    expect(rows.map((r) => r.state)).toEqual(["awaiting_acceptance"]);

    // Accepted, it completes in the decision's transaction, whose audit rows are written together
    // at its end (emit.transaction): all three, in the order they happened.
    const accepted = await l2.api.post<{ state: string }>(
      `/api/v1/transfers/${waiting.body.id}/accept`,
      { version: open!.version },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe("completed");
    const audit = await l1.api.get<Page<AuditItem>>(`/api/v1/cases/${c.number}/audit`);
    expect(audit.body.items.map((e) => e.action).slice(-3)).toEqual([
      "transfer.accepted",
      "transfer.completed",
      "case.clocks_moved",
    ]);
  });
});

// What one transfer costs in round trips to PostgreSQL (docs/performance.md, "The transfer
// inserted by the reassignment's statement"): the token's lookup, the case locked with BEGIN,
// the transfer inserted by the reassignment, the audit rows and the notice with COMMIT, and the
// live stream's notify after it. Counted on node-postgres's connection, where a round trip ends
// with a Sync (extended protocol) or is one Query message (plain text).
describe.skipIf(!databaseKinds.includes("postgres"))("a transfer's round trips (postgres)", () => {
  let world: World;
  let trips = 0;
  const connection = pg.Connection.prototype as unknown as {
    sync(): void;
    query(text: string): void;
  };
  const { sync, query } = connection;
  beforeAll(async () => {
    // One connection, so that each request's statements go on one whose BEGIN, COMMIT and
    // statements are prepared after the first transfers.
    world = await startWorld("postgres", {}, 1);
    connection.sync = function (this: unknown) {
      trips++;
      sync.call(this);
    };
    connection.query = function (this: unknown, text: string) {
      trips++;
      query.call(this, text);
    };
  });
  afterAll(async () => {
    connection.sync = sync;
    connection.query = query;
    await world?.dispose();
  });

  it("takes five, the transfer written by the reassignment's statement", async () => {
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const l1 = await buildAgent(world, ws.slug, "agent");
    const transfer = async () => {
      const c = (
        await l1.api.post<CaseDetail>("/api/v1/cases", {
          workspace: ws.slug,
          subject: "Site down",
          ownerId: l1.userId,
          queue: "l1-support",
        })
      ).body;
      const before = trips;
      const made = await l1.api.post<{ state: string }>(`/api/v1/cases/${c.number}/transfers`, {
        version: c.version,
        kind: "transfer",
        target: { queue: "l2-support" },
        reason: "escalate-to-l2",
      });
      expect(made.body.state).toBe("completed");
      return trips - before;
    };
    // The first transactions on the connection send BEGIN and COMMIT on their own, which
    // prepares them.
    await transfer();
    await transfer();
    expect(await transfer()).toBe(5);
  });
});
