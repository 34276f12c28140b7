import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireOverdueTransfers } from "../../src/commands/transfers/expireOverdueTransfers.ts";
import { loadConfig } from "../../src/config.ts";
import { type Database, openPostgres } from "../../src/db/client.ts";
import { cases, deliveries, notifications } from "../../src/db/schema.ts";
import { type App, buildApp } from "../../src/http/app.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { notifyMentions } from "../../src/notify/in-app.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 6, in-app: mentions, approvals waiting and transfers to me land in the recipient's list
// (and, for mentions and approvals, their mailbox) with the change, never for the actor's own act.

const API = "/api/v1";

interface Notification {
  id: number;
  kind: string;
  workspace: string;
  caseNumber: number | null;
  title: string;
  body: string;
  actor: { id: string; name: string } | null;
  link: string;
  readAt: string | null;
}
interface NotificationPage {
  items: Notification[];
  unread: number;
  nextBefore: number | null;
}

const list = async (who: TestAgent, query = "") =>
  ok(await who.api.get<NotificationPage>(`${API}/notifications${query}`));

async function caseIdOf(world: World, number: number): Promise<string> {
  const [row] = await world.database.db
    .select({ id: cases.id })
    .from(cases)
    .where(eq(cases.number, number));
  return row!.id;
}

async function emailsTo(world: World, workspaceId: string, topic: string) {
  const rows = await world.database.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.workspaceId, workspaceId), eq(deliveries.topic, topic)));
  return rows;
}

/** Reads `event: notification` blocks of a server-sent event stream. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const events: { id: number; kind: string; caseNumber: number | null; change: string }[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let connected = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes(": connected")) connected = true;
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (block.includes("event: notification") && data) events.push(JSON.parse(data.slice(6)));
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {}
  })();
  // The stream is subscribed once its first bytes arrive.
  for (let i = 0; !connected && i < 300; i++) await new Promise((r) => setTimeout(r, 10));
  expect(connected).toBe(true);
  return {
    events,
    async waitFor(predicate: (e: (typeof events)[number]) => boolean, ms = 5_000) {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        if (events.some(predicate)) return true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

async function listen(app: App): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

describe.each(databaseKinds)("in-app notifications (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let owner: TestAgent;
  let receiver: TestAgent;
  let supervisor: TestAgent;
  let supervisor2: TestAgent;
  let colleague: TestAgent;

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "regional-cse");
    owner = await buildAgent(world, ws.slug, "agent", { region: "EMEA", name: "Olga Owner" });
    receiver = await buildAgent(world, ws.slug, "agent", { region: "EMEA", name: "Rui Receiver" });
    supervisor = await buildAgent(world, ws.slug, "supervisor", { region: "EMEA" });
    supervisor2 = await buildAgent(world, ws.slug, "supervisor", { region: "EMEA" });
    colleague = await buildAgent(world, ws.slug, "agent", {
      region: "EMEA",
      name: "Cleo Colleague",
    });
  });
  afterAll(() => world.dispose());

  const newCase = async (subject: string) =>
    ok(
      await owner.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject,
        ownerId: owner.userId,
      }),
      201,
    );

  it("a note that mentions agents notifies each of them once, in-app and by email, never the author", async () => {
    const c = await newCase("Replication stalls nightly");
    const note = ok(
      await owner.api.post<{ id: number }>(`${API}/cases/${c.number}/notes`, {
        body: `@${receiver.handle} can you look at the WAL sizes? cc @${owner.handle}`,
        visibility: "private",
        mentions: [colleague.userId, owner.userId],
      }),
      201,
    );
    const mine = await list(receiver, "?unread=true");
    const mention = mine.items.find((n) => n.kind === "mention" && n.caseNumber === c.number);
    expect(mention).toMatchObject({
      workspace: ws.slug,
      link: `/cases/${c.number}`,
      actor: { id: owner.userId, name: "Olga Owner" },
      readAt: null,
    });
    expect(mention?.title).toContain("Olga Owner mentioned you on case");
    expect(mention?.body).toContain("WAL sizes");
    expect((await list(colleague)).items.filter((n) => n.kind === "mention")).toHaveLength(1);
    expect((await list(owner)).items.filter((n) => n.kind === "mention")).toHaveLength(0);

    const emails = (await emailsTo(world, ws.id, "mention")).filter(
      (d) => d.caseNumber === c.number,
    );
    expect(emails.map((e) => e.recipient).sort()).toEqual([colleague.email, receiver.email].sort());
    const toReceiver = emails.find((e) => e.recipient === receiver.email)!;
    expect(toReceiver.subject).toBe(
      `[Case ${c.number}] Olga Owner mentioned you: Replication stalls nightly`,
    );
    expect(toReceiver.body).toContain("Hello Rui Receiver,");
    expect(toReceiver.body).toContain("mentioned you in a private note");
    expect(toReceiver.body).toContain("can you look at the WAL sizes?");
    expect(toReceiver.sourceId).toBe(String(note.id));

    // Told again about the same note (a retried producer), nobody hears twice.
    const caseId = await caseIdOf(world, c.number);
    await world.database.db.transaction((tx) =>
      notifyMentions(tx, {
        workspaceId: ws.id,
        caseId,
        caseNumber: c.number,
        caseSubject: c.subject,
        activityId: note.id,
        activity: "note",
        visibility: "private",
        body: "again",
        author: { id: owner.userId, name: "Olga Owner" },
        mentions: [receiver.userId],
        language: "en",
      }),
    );
    const again = await world.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, receiver.userId), eq(notifications.sourceId, String(note.id))),
      );
    expect(again).toHaveLength(1);
    expect(
      (await emailsTo(world, ws.id, "mention")).filter(
        (e) => e.recipient === receiver.email && e.sourceId === String(note.id),
      ),
    ).toHaveLength(1);
  });

  it("asks every approver but the requester, clears their calls once decided, and tells the receiver", async () => {
    const c = await newCase("Backups fail on the EMEA cluster");
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "within-region")!;
    const fields = Object.fromEntries(kindDef.template.map((f) => [f.key, `${f.label} text`]));
    const requested = ok(
      await owner.api.post<{ id: string; version: number; state: string }>(
        `${API}/cases/${c.number}/transfers`,
        {
          version: c.version,
          kind: "within-region",
          target: { agentId: receiver.userId },
          reason: kindDef.reasons[2]!.code,
          reasonText: "Needs a storage SME",
          fields,
        },
      ),
      201,
    );
    expect(requested.state).toBe("awaiting_approval");
    for (const approver of [supervisor, supervisor2]) {
      const waiting = (await list(approver, "?unread=true")).items.filter(
        (n) => n.kind === "approval_waiting" && n.caseNumber === c.number,
      );
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({ link: "/transfers/approvals" });
      expect(waiting[0]!.title).toContain("Approval needed");
      expect(waiting[0]!.body).toContain("Needs a storage SME");
    }
    expect((await list(owner)).items.some((n) => n.kind === "approval_waiting")).toBe(false);
    // Nothing offered to the receiver before the supervisor agreed (S0.3's order).
    expect((await list(receiver)).items.some((n) => n.kind === "transfer_to_me")).toBe(false);

    const asked = (await emailsTo(world, ws.id, "approval_request")).filter(
      (d) => d.sourceId === requested.id,
    );
    expect(asked.map((d) => d.recipient).sort()).toEqual(
      [supervisor.email, supervisor2.email].sort(),
    );
    expect(asked[0]!.subject).toBe(
      `[Case ${c.number}] Approval needed: Transfer within the region to Rui Receiver (EMEA)`,
    );
    expect(asked[0]!.body).toContain("Olga Owner asks to transfer case");
    expect(asked[0]!.body).toContain(
      "Reason: High-priority case that needs a subject-matter expert — Needs a storage SME",
    );
    expect(asked[0]!.body).toContain("HANDOVER");
    // Without BATON_PUBLIC_URL the approver still learns where to decide (issue 11).
    expect(asked[0]!.body).toContain(
      "Approve or reject in Baton on the Approvals page (/transfers/approvals).",
    );

    const approved = ok(
      await supervisor.api.post<{ version: number; state: string }>(
        `${API}/transfers/${requested.id}/approve`,
        { version: requested.version },
      ),
    );
    expect(approved.state).toBe("awaiting_acceptance");
    // Decided: both approvers' calls to action are marked read, not left standing.
    for (const approver of [supervisor, supervisor2]) {
      const page = await list(approver);
      const call = page.items.find(
        (n) => n.kind === "approval_waiting" && n.caseNumber === c.number,
      );
      expect(call?.readAt).not.toBeNull();
      expect(
        (await list(approver, "?unread=true")).items.some((n) => n.caseNumber === c.number),
      ).toBe(false);
    }

    const offer = (await list(receiver, "?unread=true")).items.find(
      (n) => n.kind === "transfer_to_me" && n.caseNumber === c.number,
    );
    expect(offer?.title).toBe(`Case ${c.number} is offered to you: accept or decline`);
    expect(offer?.actor?.id).toBe(supervisor.userId);
    const accepted = ok(
      await receiver.api.post<{ version: number; state: string }>(
        `${API}/transfers/${requested.id}/accept`,
        { version: approved.version },
      ),
    );
    expect(accepted.state).toBe("awaiting_steps");
    expect(
      (await list(receiver, "?unread=true")).items.some((n) => n.caseNumber === c.number),
    ).toBe(false);

    // The owner tells the customer, which completes the transfer: the receiver now owns it.
    ok(
      await owner.api.post(`${API}/transfers/${requested.id}/steps/customer_notified`, {
        version: accepted.version,
        how: "phone",
      }),
    );
    const yours = (await list(receiver, "?unread=true")).items.filter(
      (n) => n.caseNumber === c.number,
    );
    expect(yours.map((n) => [n.kind, n.title])).toEqual([
      ["transfer_to_me", `Case ${c.number} is yours now`],
    ]);
  });

  it("an offer that runs out clears the receiver's call and asks the approvers again", async () => {
    const c = await newCase("Replication lags behind after failover");
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "within-region")!;
    expect(kindDef.acceptance.onTimeout).toBe("back_to_approver");
    const fields = Object.fromEntries(kindDef.template.map((f) => [f.key, `${f.label} text`]));
    const requested = ok(
      await owner.api.post<{ id: string; version: number }>(`${API}/cases/${c.number}/transfers`, {
        version: c.version,
        kind: "within-region",
        target: { agentId: receiver.userId },
        reason: kindDef.reasons[0]!.code,
        fields,
      }),
      201,
    );
    ok(
      await supervisor.api.post(`${API}/transfers/${requested.id}/approve`, {
        version: requested.version,
      }),
    );
    const offered = async () =>
      (await list(receiver)).items.find(
        (n) => n.kind === "transfer_to_me" && n.caseNumber === c.number,
      );
    expect((await offered())?.readAt).toBeNull();

    const later = new Date(Date.now() + ((kindDef.acceptance.timeoutMinutes ?? 0) + 1) * 60_000);
    expect(await expireOverdueTransfers(world.database.db, later)).toBeGreaterThanOrEqual(1);
    expect((await offered())?.readAt).not.toBeNull();
    // The approvers' answered call gives way to a new, unread one; the requester is not asked.
    for (const approver of [supervisor, supervisor2]) {
      const calls = (await list(approver)).items.filter(
        (n) => n.kind === "approval_waiting" && n.caseNumber === c.number,
      );
      expect(calls.map((n) => n.readAt)).toEqual([null]);
    }
    expect((await list(owner)).items.some((n) => n.kind === "approval_waiting")).toBe(false);
    const asked = (await emailsTo(world, ws.id, "approval_request")).filter((d) =>
      d.sourceId.startsWith(requested.id),
    );
    // One email per approver for the request, and one more each for the second ask.
    expect(asked.map((d) => d.recipient).sort()).toEqual(
      [supervisor.email, supervisor.email, supervisor2.email, supervisor2.email].sort(),
    );
  });

  it("a rejected request clears the approvers' calls too, and a withdrawn offer the receiver's", async () => {
    const c = await newCase("Disk latency spikes");
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "within-region")!;
    const fields = Object.fromEntries(kindDef.template.map((f) => [f.key, `${f.label} text`]));
    const body = {
      kind: "within-region",
      target: { agentId: receiver.userId },
      reason: kindDef.reasons[2]!.code,
      fields,
    };
    const first = ok(
      await owner.api.post<{ id: string; version: number }>(`${API}/cases/${c.number}/transfers`, {
        ...body,
        version: c.version,
      }),
      201,
    );
    ok(
      await supervisor2.api.post(`${API}/transfers/${first.id}/reject`, { version: first.version }),
    );
    const unread = await list(supervisor, "?unread=true");
    expect(unread.items.some((n) => n.caseNumber === c.number)).toBe(false);

    // A supervisor asking for it approves it themself: only the receiver is asked.
    const now = ok(await owner.api.get<CaseDetail>(`${API}/cases/${c.number}`));
    const second = ok(
      await supervisor.api.post<{ id: string; version: number; state: string }>(
        `${API}/cases/${c.number}/transfers`,
        { ...body, version: now.version },
      ),
      201,
    );
    expect(second.state).toBe("awaiting_acceptance");
    expect(
      (await list(supervisor2, "?unread=true")).items.some((n) => n.caseNumber === c.number),
    ).toBe(false);
    expect(
      (await list(receiver, "?unread=true")).items.filter((n) => n.caseNumber === c.number),
    ).toHaveLength(1);
    ok(
      await supervisor.api.post(`${API}/transfers/${second.id}/withdraw`, {
        version: second.version,
      }),
    );
    expect(
      (await list(receiver, "?unread=true")).items.filter((n) => n.caseNumber === c.number),
    ).toHaveLength(0);
  });

  it("pages newest first, marks one or all read, and keeps each person's list their own", async () => {
    const reader = await buildAgent(world, ws.slug, "agent");
    const c = await newCase("Paging case");
    for (let i = 0; i < 5; i++)
      ok(
        await owner.api.post(`${API}/cases/${c.number}/notes`, {
          body: `note ${i} for @${reader.handle}`,
          visibility: "private",
        }),
        201,
      );
    const first = await list(reader, "?limit=2");
    expect(first.unread).toBe(5);
    expect(first.items.map((n) => n.body)).toEqual([
      `note 4 for @${reader.handle}`,
      `note 3 for @${reader.handle}`,
    ]);
    expect(first.nextBefore).toBe(first.items[1]!.id);
    const second = await list(reader, `?limit=2&before=${first.nextBefore}`);
    expect(second.items.map((n) => n.body)).toEqual([
      `note 2 for @${reader.handle}`,
      `note 1 for @${reader.handle}`,
    ]);
    const last = await list(reader, `?limit=2&before=${second.nextBefore}`);
    expect(last.items).toHaveLength(1);
    expect(last.nextBefore).toBeNull();

    const target = first.items[0]!;
    // Someone else's notification does not exist for me.
    expect((await owner.api.post(`${API}/notifications/${target.id}/read`)).status).toBe(404);
    const read = ok(
      await reader.api.post<{ id: number; readAt: string }>(
        `${API}/notifications/${target.id}/read`,
      ),
    );
    expect(read.readAt).toBeTruthy();
    const after = await list(reader, "?unread=true");
    expect(after.unread).toBe(4);
    expect(after.items.some((n) => n.id === target.id)).toBe(false);
    expect(ok(await reader.api.post<{ read: number }>(`${API}/notifications/read-all`)).read).toBe(
      4,
    );
    expect((await list(reader)).unread).toBe(0);
    expect((await list(reader)).items).toHaveLength(5);
    expect(ok(await reader.api.post<{ read: number }>(`${API}/notifications/read-all`)).read).toBe(
      0,
    );
  });

  it("refuses bad paging and ids, naming the field", async () => {
    const bad = await owner.api.get(`${API}/notifications?limit=0`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("limit");
    const id = await owner.api.post(`${API}/notifications/abc/read`);
    expect(id.status).toBe(400);
    expect(JSON.stringify(id.body)).toContain("id");
    expect((await owner.api.get(`${API}/notifications?unread=maybe`)).status).toBe(400);
  });

  it("streams a notification to its recipient only, once committed, from any process", async () => {
    const base = await listen(world.app);
    // On PostgreSQL a second Baton process (its own pool and LISTEN) serves the stream; PGlite
    // lives in one process, so there the same one does.
    let second: { app: App; database: Database } | undefined;
    let streamBase = base;
    if (kind === "postgres") {
      second = await secondProcess();
      streamBase = await listen(second.app);
    }
    try {
      const c = await newCase("Streamed case");
      const b = await openStream(`${streamBase}/api/v1/events`, receiver.token);
      const other = await openStream(`${streamBase}/api/v1/events`, colleague.token);
      // The note is written through the first process; the stream is on the second.
      const note = await owner.api.post(`${API}/cases/${c.number}/notes`, {
        body: `@${receiver.handle} live?`,
        visibility: "private",
      });
      expect(note.status).toBe(201);
      expect(
        await b.waitFor(
          (e) => e.kind === "mention" && e.caseNumber === c.number && e.change === "new",
        ),
      ).toBe(true);
      // Reading it in another tab tells this one too.
      const id = b.events.find((e) => e.caseNumber === c.number)!.id;
      ok(await receiver.api.post(`${API}/notifications/${id}/read`));
      expect(await b.waitFor((e) => e.change === "read")).toBe(true);
      // A change that rolls back announces nothing; the colleague heard nothing of the receiver's.
      const caseId = await caseIdOf(world, c.number);
      await world.database.db
        .transaction(async (tx) => {
          await notifyMentions(tx, {
            workspaceId: ws.id,
            caseId,
            caseNumber: 999_999,
            caseSubject: "x",
            activityId: 987_654_321,
            activity: "note",
            visibility: "private",
            body: "rolled back",
            author: { id: owner.userId, name: "Olga Owner" },
            mentions: [colleague.userId],
            language: "en",
          });
          throw new Error("rollback");
        })
        .catch(() => {});
      ok(
        await owner.api.post(`${API}/cases/${c.number}/notes`, {
          body: `@${colleague.handle} marker`,
          visibility: "private",
        }),
        201,
      );
      expect(await other.waitFor((e) => e.caseNumber === c.number)).toBe(true);
      expect(other.events.some((e) => e.caseNumber === 999_999)).toBe(false);
      expect(b.events.some((e) => e.caseNumber === 999_999)).toBe(false);
      await b.close();
      await other.close();
    } finally {
      if (second) {
        await second.app.close();
        await second.database.close();
      }
    }
  });

  /** Another Baton server on the same PostgreSQL database. */
  async function secondProcess() {
    const url = process.env.TEST_DATABASE_URL!;
    const result = (await world.database.db.execute(sql`select current_database() as db`)) as {
      rows: { db: string }[];
    };
    const u = new URL(url);
    u.pathname = `/${result.rows[0]!.db}`;
    const database = await openPostgres(u.toString(), 3);
    const app = await buildApp({ database, config: loadConfig({}) });
    await app.ready();
    return { app, database };
  }
});
