import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSubscriptions } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { type DeliveryWorker, startDeliveryWorker } from "../../src/jobs/deliveries.ts";
import { databaseKinds } from "../support/db.ts";
import { deliveriesOf, FAST, log, mailSettings } from "../support/deliveries.ts";
import { ok } from "../support/ok.ts";
import { steadyFollowTheSun } from "../support/steady-sun.ts";
import { type Arrival, startReceiver, type TestReceiver } from "../support/webhook-receiver.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 6, chat (S1.2: "an entry posted to the case-transfer channel"): a Slack- or
// Teams-compatible incoming webhook on loopback gets a readable post per event, through the same
// outbox, worker and retries as webhooks.

const API = "/api/v1";
const PUBLIC_URL = "https://baton.example";

interface Subscription {
  id: string;
  url: string;
  format: string;
  events: string[];
  secret?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(databaseKinds)("chat channels (%s)", (kind) => {
  let world: World;
  let worker: DeliveryWorker;
  let receiver: TestReceiver;

  beforeAll(async () => {
    world = await startWorld(kind);
    receiver = await startReceiver();
    worker = await startDeliveryWorker({
      database: world.database,
      mail: mailSettings(),
      log,
      options: FAST,
      publicUrl: PUBLIC_URL,
    });
  });
  afterAll(async () => {
    await worker.stop();
    await receiver.close();
    await world.dispose();
  });

  async function subscribe(
    admin: TestAgent,
    slug: string,
    path: string,
    format: string,
    events: string[],
  ) {
    const made = ok(
      await admin.api.post<Subscription>(`${API}/workspaces/${slug}/webhooks`, {
        url: receiver.url(path),
        format,
        events,
      }),
      201,
    );
    expect(made.format).toBe(format);
    // Chat services check no signature: no secret is made or shown.
    expect(made).not.toHaveProperty("secret");
    return made;
  }

  /** Waits until the workspace's chat posts are all sent or failed. */
  async function settledPosts(workspaceId: string, count: number, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = (await deliveriesOf(world, workspaceId)).filter((r) => r.channel === "chat");
      if (rows.length >= count && rows.every((r) => r.state === "sent" || r.state === "failed"))
        return rows;
      if (Date.now() > deadline)
        throw new Error(
          `chat posts not settled: ${JSON.stringify(rows.map((r) => [r.event, r.state, r.lastError]))}`,
        );
      await sleep(100);
    }
  }

  const arrivedAt = (path: string): Arrival[] => receiver.arrivals.filter((a) => a.path === path);
  const slackText = (a: Arrival | undefined) =>
    (JSON.parse(a?.body ?? "{}") as { text?: string }).text;

  it("S1.2: a follow-the-sun handover posts its channel entry, word for word, once", async () => {
    const ws = await buildWorkspace(world, "follow-the-sun", steadyFollowTheSun());
    const admin = await buildAgent(world, ws.slug, "admin");
    const owner = await buildAgent(world, ws.slug, "agent", {
      name: "Ana Apac",
      region: "APAC",
      timeZone: "Asia/Singapore",
    });
    const handovers = `/handovers-${kind}`;
    const everything = `/everything-${kind}`;
    await subscribe(admin, ws.slug, handovers, "slack", ["transfer.completed"]);
    await subscribe(admin, ws.slug, everything, "slack", ["*"]);
    const c = ok(
      await owner.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Spark jobs fail after the runtime upgrade",
        ownerId: owner.userId,
        queue: "in-depth",
        region: "APAC",
        plan: "premier",
        severity: "A",
        product: "spark",
        is24x7: true,
      }),
      201,
    );
    const transferKind = ws.policy.transferKinds.find((k) => k.code === "fts-24x7");
    if (!transferKind) throw new Error("no fts-24x7 kind");
    const fields = Object.fromEntries(
      transferKind.template.map((f) => [
        f.key,
        f.kind === "yesno" ? "Yes" : f.kind === "choice" ? (f.choices?.[0] ?? "") : `${f.label}.`,
      ]),
    );
    const transfer = ok(
      await owner.api.post<{ id: string; state: string; artifacts: { channelEntry: string } }>(
        `${API}/cases/${c.number}/transfers`,
        {
          version: c.version,
          kind: "fts-24x7",
          target: { queue: "in-depth", region: "EMEA" },
          reason: "next-shift",
          fields,
          confirmations: { customerNeedsNextShift: true },
        },
      ),
      201,
    );
    expect(transfer.state).toBe("completed");
    const entry = transfer.artifacts.channelEntry;
    expect(entry).toMatch(
      new RegExp(`^Case ${c.number} \\(Prem .+, spark\\) needs an SE in EMEA: Spark jobs fail`),
    );

    // "*" got case.created, transfer.requested and transfer.completed; the other only the last.
    const rows = await settledPosts(ws.id, 4);
    expect(rows.every((r) => r.state === "sent")).toBe(true);
    const link = `<${PUBLIC_URL}/cases/${c.number}|Case ${c.number}>`;
    const posted = arrivedAt(handovers);
    expect(posted).toHaveLength(1);
    expect(JSON.parse(posted[0]?.body ?? "")).toEqual({ text: `${entry}\n${link}` });
    expect(posted[0]?.headers["content-type"]).toBe("application/json");
    expect(posted[0]?.headers["x-baton-signature"]).toBeUndefined();

    const all = arrivedAt(everything).map(slackText);
    expect(all).toHaveLength(3);
    // The entry once, and a line for each other event.
    expect(all.filter((t) => t?.startsWith(entry))).toEqual([`${entry}\n${link}`]);
    expect(all).toContain(
      `Case ${c.number} created by Ana Apac: Spark jobs fail after the runtime upgrade\n${link}`,
    );
    expect(all).toContain(`Case ${c.number} transfer requested by Ana Apac: APAC → EMEA\n${link}`);
    // The log shows what the channel reads.
    const logged = rows.find((r) => r.recipient === receiver.url(handovers));
    expect(logged).toMatchObject({ topic: "chat_post", event: "transfer.completed", body: entry });
  });

  it("posts an Adaptive Card to a Teams-format subscription, link as an action", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const admin = await buildAgent(world, ws.slug, "admin", { name: "Ada Admin" });
    const path = `/teams-${kind}`;
    await subscribe(admin, ws.slug, path, "teams", ["case.created"]);
    const c = ok(
      await admin.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Login <fails> & times out",
      }),
      201,
    );
    await settledPosts(ws.id, 1);
    const [arrival] = arrivedAt(path);
    expect(JSON.parse(arrival?.body ?? "")).toEqual({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          contentUrl: null,
          content: {
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            type: "AdaptiveCard",
            version: "1.2",
            body: [
              {
                type: "TextBlock",
                text: `Case ${c.number} created by Ada Admin: Login <fails> & times out`,
                wrap: true,
              },
            ],
            actions: [
              {
                type: "Action.OpenUrl",
                title: `Open Case ${c.number}`,
                url: `${PUBLIC_URL}/cases/${c.number}`,
              },
            ],
          },
        },
      ],
    });
  });

  it("retries a 500 and posts once it is accepted; a 404 fails at once", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const admin = await buildAgent(world, ws.slug, "admin", { name: "Ada Admin" });
    const flaky = `/flaky-chat-${kind}`;
    const gone = `/gone-chat-${kind}`;
    receiver.answer = (p, attempt) =>
      p === flaky ? (attempt === 1 ? 500 : 200) : p === gone ? 404 : 200;
    await subscribe(admin, ws.slug, flaky, "slack", ["case.created"]);
    await subscribe(admin, ws.slug, gone, "slack", ["case.created"]);
    const c = ok(
      await admin.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Disk full",
      }),
      201,
    );
    const rows = await settledPosts(ws.id, 2);
    receiver.answer = () => 200;
    const byUrl = new Map(rows.map((r) => [r.recipient, r]));
    expect(byUrl.get(receiver.url(flaky))).toMatchObject({ state: "sent", attempts: 2 });
    expect(byUrl.get(receiver.url(gone))).toMatchObject({ state: "failed", attempts: 1 });
    expect(byUrl.get(receiver.url(gone))?.lastError).toMatch(/^404/);
    const tries = arrivedAt(flaky);
    expect(tries.map((a) => a.status)).toEqual([500, 200]);
    // The same post both times, so the channel shows it once.
    expect(new Set(tries.map((a) => a.body)).size).toBe(1);
    expect(slackText(tries[1])).toBe(
      `Case ${c.number} created by Ada Admin: Disk full\n<${PUBLIC_URL}/cases/${c.number}|Case ${c.number}>`,
    );
  });

  it("pings a chat subscription and shows the ping in the delivery log; bad input is refused", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const admin = await buildAgent(world, ws.slug, "admin");
    const path = `/ping-chat-${kind}`;
    const sub = await subscribe(admin, ws.slug, path, "slack", ["transfer.completed"]);
    const ping = ok(
      await admin.api.post<{ queued: boolean; deliveryId: number }>(
        `${API}/webhooks/${sub.id}/ping`,
      ),
      202,
    );
    await settledPosts(ws.id, 1);
    expect(arrivedAt(path).map(slackText)).toEqual([
      `Baton test post: this channel receives events of workspace ${ws.slug}.`,
    ]);
    const logged = ok(
      await admin.api.get<{ channel: string; state: string; event: string }>(
        `${API}/deliveries/${ping.deliveryId}`,
      ),
    );
    expect(logged).toMatchObject({ channel: "chat", state: "sent", event: "ping" });
    const chatOnly = ok(
      await admin.api.get<{ items: { id: number }[] }>(
        `${API}/deliveries?workspace=${ws.slug}&channel=chat`,
      ),
    );
    expect(chatOnly.items.map((d) => d.id)).toEqual([ping.deliveryId]);

    const listed = ok(
      await admin.api.get<{ items: Subscription[] }>(`${API}/workspaces/${ws.slug}/webhooks`),
    );
    expect(listed.items.map((s) => [s.id, s.format])).toEqual([[sub.id, "slack"]]);
    const events = ok(
      await admin.api.get<{ events: string[]; formats: string[] }>(`${API}/webhook-events`),
    );
    expect(events.events).toContain("transfer.completed");
    expect(events.formats).toEqual(["baton", "slack", "teams", "local"]);

    const refused = await admin.api.post(`${API}/workspaces/${ws.slug}/webhooks`, {
      url: receiver.url("/x"),
      format: "discord",
      events: ["*"],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("format");
    const stored = await world.database.db
      .select({ format: webhookSubscriptions.format, secret: webhookSubscriptions.secret })
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.workspaceId, ws.id));
    expect(stored).toEqual([{ format: "slack", secret: "" }]);
  });

  it("keeps posts to Baton's own channel in the log without any network; addresses must match", async () => {
    const ws = await buildWorkspace(world, "follow-the-sun", steadyFollowTheSun());
    const admin = await buildAgent(world, ws.slug, "admin");
    const create = (url: string, format: string) =>
      admin.api.post<Subscription>(`${API}/workspaces/${ws.slug}/webhooks`, {
        url,
        format,
        events: ["transfer.completed"],
      });
    for (const [url, format] of [
      [receiver.url("/not-local"), "local"],
      ["local:case-transfer", "slack"],
      ["local:Has Spaces", "local"],
    ] as const) {
      const refused = await create(url, format);
      expect(refused.status, `${url} as ${format}`).toBe(400);
      expect(JSON.stringify(refused.body)).toContain("url");
    }
    const sub = ok(await create("local:case-transfer", "local"), 201);
    expect(sub).not.toHaveProperty("secret");
    const before = receiver.arrivals.length;
    const ping = ok(
      await admin.api.post<{ deliveryId: number }>(`${API}/webhooks/${sub.id}/ping`),
      202,
    );
    await settledPosts(ws.id, 1);
    const logged = ok(
      await admin.api.get<{ state: string; body: string; response: string | null }>(
        `${API}/deliveries/${ping.deliveryId}`,
      ),
    );
    expect(logged).toMatchObject({
      state: "sent",
      body: `Baton test post: this channel receives events of workspace ${ws.slug}.`,
      response: "Kept in Baton's own channel case-transfer",
    });
    expect(receiver.arrivals.length).toBe(before);
    const stored = await world.database.db
      .select({ format: webhookSubscriptions.format })
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.workspaceId, ws.id));
    expect(stored).toEqual([{ format: "local" }]);
  });
  it("tells a case update with people's names and queue labels, never ids (issue 11)", async () => {
    const ws = await buildWorkspace(world, "regional-cse");
    const admin = await buildAgent(world, ws.slug, "admin", { name: "Ada Admin" });
    const colleague = await buildAgent(world, ws.slug, "agent", { name: "Cai Colleague" });
    const path = `/updates-${kind}`;
    await subscribe(admin, ws.slug, path, "slack", ["case.updated"]);
    const c = ok(
      await admin.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Disk fills up",
        queue: "cse-apac",
      }),
      201,
    );
    ok(
      await admin.api.patch<CaseDetail>(`${API}/cases/${c.number}`, {
        version: c.version,
        ownerId: colleague.userId,
        queue: "cse-ist",
      }),
    );
    await settledPosts(ws.id, 1);
    const text = slackText(arrivedAt(path)[0]);
    expect(text).toBe(
      `Case ${c.number} updated by Ada Admin: Owner: — → Cai Colleague; Queue: CSE Asia Pacific → CSE India\n<${PUBLIC_URL}/cases/${c.number}|Case ${c.number}>`,
    );
    expect(text).not.toContain(colleague.userId);
  });
});
