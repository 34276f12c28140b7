import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { deliveries, mailboxMessages } from "../../src/db/schema.ts";
import { pruneDeliveries } from "../../src/jobs/retention.ts";
import { databaseKinds } from "../support/db.ts";
import { deliveriesOf, draft, enqueue, settled, startWorker } from "../support/deliveries.ts";
import { ok } from "../support/ok.ts";
import { buildAgent, buildWorkspace, startWorld, type World } from "../support/world.ts";

// Issue 6, the delivery log's upkeep: old sent and failed messages are deleted with their mailbox
// copies, messages on their way never; the log's "waiting" filter; the mailbox's pages.

const API = "/api/v1";

describe("BATON_DELIVERY_RETENTION_DAYS", () => {
  it("defaults to 90 days; 0 or off keeps the log forever; anything else is refused", () => {
    expect(loadConfig({}).deliveryRetentionDays).toBe(90);
    expect(loadConfig({ BATON_DELIVERY_RETENTION_DAYS: "30" }).deliveryRetentionDays).toBe(30);
    expect(loadConfig({ BATON_DELIVERY_RETENTION_DAYS: "0" }).deliveryRetentionDays).toBeNull();
    expect(loadConfig({ BATON_DELIVERY_RETENTION_DAYS: "off" }).deliveryRetentionDays).toBeNull();
    expect(() => loadConfig({ BATON_DELIVERY_RETENTION_DAYS: "-1" })).toThrow(
      /BATON_DELIVERY_RETENTION_DAYS/,
    );
  });
});

describe.each(databaseKinds)("delivery log upkeep (%s)", (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  const backdate = (ids: number[], days: number) =>
    world.database.db
      .update(deliveries)
      .set({
        createdAt: sql`now() - make_interval(days => ${days})`,
        sentAt: sql`case when ${deliveries.sentAt} is null then null else now() - make_interval(days => ${days}) end`,
        failedAt: sql`case when ${deliveries.failedAt} is null then null else now() - make_interval(days => ${days}) end`,
      })
      .where(inArray(deliveries.id, ids));

  it("deletes settled messages older than the retention, with their mailbox copies, in batches", async () => {
    const ws = await buildWorkspace(world);
    const admin = await buildAgent(world, ws.slug, "admin");
    // Four mails to the local mailbox, sent by a real worker.
    const worker = await startWorker(world, undefined);
    try {
      await enqueue(world, [draft(ws.id), draft(ws.id), draft(ws.id), draft(ws.id)]);
      await settled(world, ws.id);
    } finally {
      await worker.stop();
    }
    // Mailbox pages: newest first, the next page before the last id seen.
    const first = ok(
      await admin.api.get<{ items: { id: number }[] }>(
        `${API}/mailbox?workspace=${ws.slug}&limit=3`,
      ),
    ).items;
    expect(first).toHaveLength(3);
    const next = ok(
      await admin.api.get<{ items: { id: number }[] }>(
        `${API}/mailbox?workspace=${ws.slug}&limit=3&before=${first[2]?.id}`,
      ),
    ).items;
    expect(next).toHaveLength(1);
    expect(next[0]?.id).toBeLessThan(first[2]?.id ?? 0);

    const sent = await deliveriesOf(world, ws.id);
    expect(sent.map((r) => r.state)).toEqual(["sent", "sent", "sent", "sent"]);
    // Then, with no worker, messages on their way: they stay however old they are.
    await enqueue(world, [draft(ws.id), draft(ws.id), draft(ws.id), draft(ws.id)]);
    const rows = await deliveriesOf(world, ws.id);
    const [, , , , queued, retrying, sending, failed] = rows.map((r) => r.id);
    const db = world.database.db;
    await db
      .update(deliveries)
      .set({ state: "retrying" })
      .where(eq(deliveries.id, retrying ?? 0));
    await db
      .update(deliveries)
      .set({ state: "sending", leaseUntil: sql`now() + interval '1 minute'` })
      .where(eq(deliveries.id, sending ?? 0));
    await db
      .update(deliveries)
      .set({ state: "failed", failedAt: sql`now()`, lastError: "550 no such user" })
      .where(eq(deliveries.id, failed ?? 0));
    const oldSent = sent.slice(0, 3).map((r) => r.id);
    const recentSent = sent[3]?.id ?? 0;
    await backdate([...oldSent, queued ?? 0, retrying ?? 0, sending ?? 0, failed ?? 0], 120);
    await backdate([recentSent], 10);

    // Batches of two: three old sent and one old failed take two full batches and an empty one.
    const result = await pruneDeliveries(db, 90, 2);
    expect(result.deliveries).toBeGreaterThanOrEqual(4);
    const left = await deliveriesOf(world, ws.id);
    expect(left.map((r) => [r.id, r.state])).toEqual([
      [recentSent, "sent"],
      [queued, "queued"],
      [retrying, "retrying"],
      [sending, "sending"],
    ]);
    const copies = await db
      .select({ deliveryId: mailboxMessages.deliveryId })
      .from(mailboxMessages)
      .where(eq(mailboxMessages.workspaceId, ws.id));
    expect(copies.map((c) => c.deliveryId)).toEqual([recentSent]);
    // Nothing more to do: a second pass deletes nothing of this workspace.
    await pruneDeliveries(db, 90, 2);
    expect(await deliveriesOf(world, ws.id)).toHaveLength(4);
  });

  it('"waiting" lists queued, sending and retrying messages together', async () => {
    const ws = await buildWorkspace(world);
    const lead = await buildAgent(world, ws.slug, "supervisor");
    await enqueue(world, [draft(ws.id), draft(ws.id), draft(ws.id), draft(ws.id)]);
    const [queued, retrying, sending, failed] = (await deliveriesOf(world, ws.id)).map((r) => r.id);
    const db = world.database.db;
    await db
      .update(deliveries)
      .set({ state: "retrying" })
      .where(eq(deliveries.id, retrying ?? 0));
    await db
      .update(deliveries)
      .set({ state: "sending" })
      .where(eq(deliveries.id, sending ?? 0));
    await db
      .update(deliveries)
      .set({ state: "failed", failedAt: sql`now()` })
      .where(eq(deliveries.id, failed ?? 0));
    const list = async (state: string) =>
      ok(
        await lead.api.get<{ items: { id: number }[] }>(
          `${API}/deliveries?workspace=${ws.slug}&state=${state}`,
        ),
      ).items.map((d) => d.id);
    expect(await list("waiting")).toEqual([sending, retrying, queued]);
    expect(await list("queued")).toEqual([queued]);
    expect(await list("failed")).toEqual([failed]);
    const bad = await lead.api.get(`${API}/deliveries?workspace=${ws.slug}&state=stuck`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("state");
  });
});
