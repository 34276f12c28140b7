import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSubscriptions } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type { DeliveryWorker } from "../../src/jobs/deliveries.ts";
import { databaseKinds } from "../support/db.ts";
import { deliveriesOf, startWorker } from "../support/deliveries.ts";
import { ok } from "../support/ok.ts";
import { type Arrival, startReceiver, type TestReceiver } from "../support/webhook-receiver.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 6, webhooks: a workspace's case and transfer events, posted signed to a receiver on
// loopback, each once, through the same outbox, worker and retries as email.

const API = "/api/v1";

interface Webhook {
  id: string;
  url: string;
  events: string[];
  secret?: string;
}

interface Transfer {
  id: string;
  state: string;
  version: number;
}

interface Body {
  id: string;
  type: string;
  occurredAt: string;
  workspace: string;
  data: {
    caseNumber: number | null;
    transferId?: string;
    actorId: string | null;
    details?: unknown;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(databaseKinds)("webhooks (%s)", (kind) => {
  let world: World;
  let worker: DeliveryWorker;
  let receiver: TestReceiver;

  beforeAll(async () => {
    world = await startWorld(kind);
    receiver = await startReceiver();
    worker = await startWorker(world, undefined);
  });
  afterAll(async () => {
    await worker.stop();
    await receiver.close();
    await world.dispose();
  });

  async function subscribe(admin: TestAgent, slug: string, path: string, events: string[]) {
    const made = ok(
      await admin.api.post<Webhook>(`${API}/workspaces/${slug}/webhooks`, {
        url: receiver.url(path),
        events,
      }),
      201,
    );
    expect(made.secret).toMatch(/^whsec_/);
    expect(made).toMatchObject({ format: "baton" });
    receiver.secrets.set(path, made.secret ?? "");
    return made;
  }

  /** Waits until every webhook delivery of the workspace is sent or failed. */
  async function settledHooks(workspaceId: string, count: number, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = (await deliveriesOf(world, workspaceId)).filter((r) => r.channel === "webhook");
      if (rows.length >= count && rows.every((r) => r.state === "sent" || r.state === "failed"))
        return rows;
      if (Date.now() > deadline)
        throw new Error(
          `webhooks not settled: ${JSON.stringify(rows.map((r) => [r.event, r.state, r.lastError]))}`,
        );
      await sleep(100);
    }
  }

  const arrivedAt = (path: string): Arrival[] => receiver.arrivals.filter((a) => a.path === path);
  const parse = (a: Arrival) => JSON.parse(a.body) as Body;

  it("posts each step of a real transfer once, as its own event, signed", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const admin = await buildAgent(world, ws.slug, "admin");
    const owner = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const receiverAgent = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const supervisor = await buildAgent(world, ws.slug, "supervisor", { region: "EMEA" });
    const path = `/all-${kind}`;
    await subscribe(admin, ws.slug, path, ["*"]);
    const transfersOnly = `/transfers-${kind}`;
    await subscribe(admin, ws.slug, transfersOnly, ["transfer.requested", "transfer.completed"]);

    const c = ok(
      await owner.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Replication stalls nightly",
        ownerId: owner.userId,
      }),
      201,
    );
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "within-region");
    if (!kindDef) throw new Error("no within-region kind");
    const fields = Object.fromEntries(kindDef.template.map((f) => [f.key, `${f.label} text`]));
    const created = ok(
      await owner.api.post<Transfer>(`${API}/cases/${c.number}/transfers`, {
        version: c.version,
        kind: "within-region",
        target: { agentId: receiverAgent.userId },
        reason: kindDef.reasons[2]?.code,
        fields,
      }),
      201,
    );
    const approved = ok(
      await supervisor.api.post<Transfer>(`${API}/transfers/${created.id}/approve`, {
        version: created.version,
      }),
    );
    const accepted = ok(
      await receiverAgent.api.post<Transfer>(`${API}/transfers/${created.id}/accept`, {
        version: approved.version,
      }),
    );
    const done = ok(
      await owner.api.post<Transfer>(`${API}/transfers/${created.id}/steps/customer_notified`, {
        version: accepted.version,
        how: "phone",
      }),
    );
    expect(done.state).toBe("completed");

    const rows = await settledHooks(ws.id, 7);
    expect(rows.every((r) => r.state === "sent")).toBe(true);

    const all = arrivedAt(path);
    expect(all.every((a) => a.verified)).toBe(true);
    // Also signed the Standard Webhooks way, checked by that spec's own verifier library.
    expect(all.map((a) => a.standardVerified)).toEqual(all.map(() => true));
    const bodies = all.map(parse).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    expect(bodies.map((b) => b.type)).toEqual([
      "case.created",
      "transfer.requested",
      "transfer.approved",
      "transfer.accepted",
      "transfer.completed",
    ]);
    // Each once: one arrival per delivery key, and the key is the body's id and the header.
    expect(new Set(all.map((a) => a.headers["x-baton-delivery"])).size).toBe(all.length);
    for (const a of all) {
      const body = parse(a);
      expect(a.headers["x-baton-delivery"]).toBe(body.id);
      expect(a.headers["x-baton-event"]).toBe(body.type);
      expect(a.headers["webhook-id"]).toBe(body.id);
      expect(a.headers["webhook-timestamp"]).toBe(a.headers["x-baton-timestamp"]);
      expect(Object.keys(body)).toEqual(["id", "type", "occurredAt", "workspace", "data"]);
      expect(body.workspace).toBe(ws.slug);
      expect(body.data.caseNumber).toBe(c.number);
      expect(body.data.transferId).toBe(body.type.startsWith("transfer.") ? created.id : undefined);
    }
    expect(bodies.find((b) => b.type === "transfer.approved")?.data.actorId).toBe(
      supervisor.userId,
    );
    // The completion says where the case went and how it stands, without a call back.
    const after = ok(await owner.api.get<CaseDetail>(`${API}/cases/${c.number}`), 200);
    expect(bodies.find((b) => b.type === "transfer.completed")?.data.details).toMatchObject({
      to: { ownerId: receiverAgent.userId, region: after.region, queue: after.queue },
      subject: "Replication stalls nightly",
      status: after.status,
    });
    expect(
      arrivedAt(transfersOnly)
        .map((a) => parse(a).type)
        .sort(),
    ).toEqual(["transfer.completed", "transfer.requested"]);
    expect(arrivedAt(transfersOnly).every((a) => a.verified)).toBe(true);
  });

  it("retries a 500 with the same delivery key, and fails a 410 without holding up others", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const admin = await buildAgent(world, ws.slug, "admin");
    const flaky = `/flaky-${kind}`;
    const gone = `/gone-${kind}`;
    const fine = `/fine-${kind}`;
    receiver.answer = (p, attempt) =>
      p === flaky ? (attempt <= 2 ? 500 : 200) : p === gone ? 410 : 200;
    await subscribe(admin, ws.slug, flaky, ["case.created"]);
    await subscribe(admin, ws.slug, gone, ["case.created"]);
    await subscribe(admin, ws.slug, fine, ["*"]);
    ok(
      await admin.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Disk full on the primary",
      }),
      201,
    );
    const rows = await settledHooks(ws.id, 3);
    const byUrl = new Map(rows.map((r) => [r.recipient, r]));
    expect(byUrl.get(receiver.url(flaky))).toMatchObject({ state: "sent", attempts: 3 });
    expect(byUrl.get(receiver.url(gone))).toMatchObject({ state: "failed", attempts: 1 });
    expect(byUrl.get(receiver.url(gone))?.lastError).toMatch(/^410/);
    expect(byUrl.get(receiver.url(fine))).toMatchObject({ state: "sent", attempts: 1 });

    const tries = arrivedAt(flaky);
    expect(tries.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(tries.map((a) => a.headers["x-baton-delivery"])).size).toBe(1);
    expect(tries.every((a) => a.verified)).toBe(true);
    expect(arrivedAt(gone)).toHaveLength(1);
    expect(arrivedAt(fine)).toHaveLength(1);
    receiver.answer = () => 200;
  });

  it("pings, lists without secrets, deletes; only admins; bad input is refused and not stored", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const admin = await buildAgent(world, ws.slug, "admin");
    const agent = await buildAgent(world, ws.slug, "agent");
    const path = `/ping-${kind}`;
    const hook = await subscribe(admin, ws.slug, path, ["transfer.completed"]);
    ok(await admin.api.post(`${API}/webhooks/${hook.id}/ping`), 202);
    await settledHooks(ws.id, 1);
    const pings = arrivedAt(path);
    expect(pings).toHaveLength(1);
    expect(pings[0]?.verified).toBe(true);
    expect(pings[0]?.headers["x-baton-event"]).toBe("ping");
    expect(pings[0] && parse(pings[0]).type).toBe("ping");

    const listed = ok(
      await admin.api.get<{ items: Webhook[] }>(`${API}/workspaces/${ws.slug}/webhooks`),
    );
    expect(listed.items.map((h) => h.id)).toEqual([hook.id]);
    expect(listed.items[0]).not.toHaveProperty("secret");

    // Not for agents.
    const denied = await agent.api.post(`${API}/workspaces/${ws.slug}/webhooks`, {
      url: receiver.url("/agent"),
      events: ["*"],
    });
    expect(denied.status).toBe(403);
    expect((await agent.api.get(`${API}/workspaces/${ws.slug}/webhooks`)).status).toBe(403);
    expect((await agent.api.post(`${API}/webhooks/${hook.id}/ping`)).status).toBe(403);

    // Bad input names the field; nothing is stored.
    const bad: [unknown, string][] = [
      [{ url: "ftp://example.com/hook", events: ["*"] }, "url"],
      [{ url: "not a url", events: ["*"] }, "url"],
      [{ url: receiver.url("/x"), events: ["case.exploded"] }, "events"],
      [{ url: receiver.url("/x"), events: [] }, "events"],
      [{ url: receiver.url("/x") }, "events"],
      [{ url: receiver.url("/x"), events: ["*"], format: "irc" }, "format"],
    ];
    for (const [body, field] of bad) {
      const refused = await admin.api.post(`${API}/workspaces/${ws.slug}/webhooks`, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
    const stored = await world.database.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.workspaceId, ws.id));
    expect(stored).toHaveLength(1);

    const deleted = await world.app.inject({
      method: "DELETE",
      url: `${API}/webhooks/${hook.id}`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(deleted.statusCode).toBe(204);
    const after = ok(
      await admin.api.get<{ items: Webhook[] }>(`${API}/workspaces/${ws.slug}/webhooks`),
    );
    expect(after.items).toEqual([]);
  });
});
