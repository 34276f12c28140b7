import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "../../src/db/client.ts";
import { rowsOf } from "../../src/db/rows.ts";
import { auditEvents, cases, deliveries } from "../../src/db/schema.ts";
import type { EventOf } from "../../src/events/catalogue.ts";
import {
  CASE_EVENTS_CHANNEL,
  DELIVERIES_CHANNEL,
  type EmitScope,
  emitter,
  type OutboxRow,
  type WebhookTarget,
} from "../../src/events/emit.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { listenFromNow } from "../support/listen.ts";
import { ok } from "../support/ok.ts";
import { buildAgent, buildWorkspace, startWorld, type World } from "../support/world.ts";

// A transaction opened by emit.transaction writes its events' audit rows and the outbox rows its
// subscribers hand over in one statement before COMMIT (docs/performance.md, "A transfer in seven
// statements"), while the subscribers themselves run as each event is emitted; the live stream's
// and the relay's notifies go after COMMIT, batched (src/events/after-commit.ts).

const API = "/api/v1";

describe.each(databaseKinds)("emit.transaction (%s)", (kind) => {
  let world: World;
  let ws: { id: string; slug: string };
  let actorId: string;
  let kase: { id: string; number: number };
  /** What each subscriber call saw: the event, the webhooks it was given, deferOutbox's answer. */
  let heard: { subjectId: string; webhooks: readonly WebhookTarget[] | undefined }[] = [];
  /** Outbox rows the subscriber of case.note_added hands over, per subject id. */
  const outboxFor = new Map<string, OutboxRow[]>();
  const deferred: boolean[] = [];

  const subscriber = async (
    _tx: Db,
    e: EventOf<"case.created"> | EventOf<"case.note_added">,
    scope: EmitScope,
  ) => {
    heard.push({ subjectId: e.subjectId, webhooks: scope.webhooks });
    const rows = outboxFor.get(e.subjectId);
    if (rows) deferred.push(scope.deferOutbox(rows));
  };
  const emit = emitter({ "case.created": [subscriber], "case.note_added": [subscriber] });

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world);
    const owner = await buildAgent(world, ws.slug, "agent", { name: "Olga Owner" });
    actorId = owner.userId;
    const made = ok(
      await owner.api.post<CaseDetail>(`${API}/cases`, { workspace: ws.slug, subject: "Stalls" }),
      201,
    );
    const [row] = await world.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.number, made.number));
    kase = { id: row!.id, number: made.number };
  });
  afterAll(() => world.dispose());

  const created = (subjectId: string): EventOf<"case.created"> => ({
    name: "case.created",
    actorId,
    workspaceId: ws.id,
    caseId: kase.id,
    caseNumber: kase.number,
    subjectId,
    data: {
      number: kase.number,
      subject: "Stalls",
      severity: "s3",
      priority: "p3",
      queue: "support",
      brand: "baton",
      plan: null,
      product: null,
      region: null,
      ownerId: actorId,
    },
  });
  const noted = (subjectId: string): EventOf<"case.note_added"> => ({
    name: "case.note_added",
    actorId,
    workspaceId: ws.id,
    caseId: kase.id,
    caseNumber: kase.number,
    subjectId,
    data: { number: kase.number, visibility: "private", mentions: [] },
    facts: {
      activityId: 1,
      activity: "note",
      visibility: "private",
      body: "a note",
      caseSubject: "Stalls",
      authorName: "Olga Owner",
      mentions: [],
      language: "en",
    },
  });
  const updated = (subjectId: string): EventOf<"case.updated"> => ({
    name: "case.updated",
    actorId,
    workspaceId: ws.id,
    caseId: kase.id,
    caseNumber: kase.number,
    subjectId,
    data: { changes: {}, version: 2 },
  });
  const mail = (sourceId: string, recipient: string, extra: Partial<OutboxRow> = {}) => ({
    workspaceId: ws.id,
    caseId: kase.id,
    caseNumber: kase.number,
    channel: "email",
    topic: "customer_notice",
    event: "case.note_added",
    sourceId,
    recipient,
    recipientName: null,
    subject: `About case ${kase.number}`,
    body: "Hello",
    dedupeKey: `case.note_added:${sourceId}:customer_notice:email:${recipient}`,
    unsubscribeToken: null,
    ...extra,
  });

  const auditOf = (db: Db, subjectIds: string[]) =>
    db
      .select({ id: auditEvents.id, action: auditEvents.action, subjectId: auditEvents.subjectId })
      .from(auditEvents)
      .where(inArray(auditEvents.subjectId, subjectIds))
      .orderBy(auditEvents.id);
  const outboxOf = (db: Db, sourceId: string) =>
    db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.workspaceId, ws.id), eq(deliveries.sourceId, sourceId)))
      .orderBy(deliveries.id);

  const listening = (channel: string) => listenFromNow(world.database, channel);
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  };

  it("writes the audit rows at the end, in emit order, with their live notifies in order", async () => {
    const ids = [`a1-${kind}`, `a2-${kind}`, `a3-${kind}`];
    const live = await listening(CASE_EVENTS_CHANNEL);
    heard = [];
    let inside: unknown[] = ["not read"];
    await emit.transaction(world.database.db, async (tx) => {
      await emit(tx, created(ids[0]!));
      await emit(tx, noted(ids[1]!));
      await emit(tx, updated(ids[2]!));
      inside = await auditOf(tx, ids);
    });
    // Until the end nothing was written, but every subscriber had already run, in order.
    expect(inside).toEqual([]);
    expect(heard.map((h) => h.subjectId)).toEqual(ids.slice(0, 2));
    const rows = await auditOf(world.database.db, ids);
    expect(rows.map((r) => [r.action, r.subjectId])).toEqual([
      ["case.created", ids[0]],
      ["case.note_added", ids[1]],
      ["case.updated", ids[2]],
    ]);
    await until(() => live.payloads.length >= 3);
    await live.stop();
    expect(live.payloads.map((p) => JSON.parse(p))).toEqual(
      ["case.created", "case.note_added", "case.updated"].map((action) => ({
        workspaceId: ws.id,
        number: kase.number,
        action,
        actorId,
      })),
    );
  });

  it("writes handed-over outbox rows at the end: once per dedupe key, a bad one failed, relay woken", async () => {
    const source = `mail-${kind}`;
    const relay = await listening(DELIVERIES_CHANNEL);
    outboxFor.set(source, [
      mail(source, "ana@customer.example"),
      // The same message again (same dedupe key): written once.
      mail(source, "ana@customer.example", { subject: "again" }),
      mail(source, "not an address", {
        state: "failed",
        lastError: "The recipient is not a plain email address; nothing was sent",
      }),
    ]);
    deferred.length = 0;
    let inside: unknown[] = ["not read"];
    await emit.transaction(world.database.db, async (tx) => {
      await emit(tx, noted(source));
      inside = await outboxOf(tx, source);
    });
    expect(deferred).toEqual([true]);
    expect(inside).toEqual([]);
    const rows = await outboxOf(world.database.db, source);
    expect(rows.map((r) => [r.recipient, r.state, r.subject])).toEqual([
      ["ana@customer.example", "queued", `About case ${kase.number}`],
      ["not an address", "failed", `About case ${kase.number}`],
    ]);
    expect(rows[1]?.failedAt).toBeInstanceOf(Date);
    expect(rows[1]?.lastError).toMatch(/not a plain email address/);
    expect(rows[0]?.failedAt).toBeNull();
    await until(() => relay.payloads.length >= 1);
    await relay.stop();
    expect(relay.payloads).toEqual([""]);
  });

  it("stores a lone surrogate as U+FFFD, as a text parameter does, rather than fail", async () => {
    const source = `surrogate-${kind}`;
    outboxFor.set(source, [mail(source, "di@customer.example", { subject: "broken \ud800 text" })]);
    await emit.transaction(world.database.db, async (tx) => {
      await emit(tx, noted(source));
    });
    const [row] = await outboxOf(world.database.db, source);
    expect(row?.subject).toBe("broken \ufffd text");
    expect(await auditOf(world.database.db, [source])).toHaveLength(1);
  });

  it("a transaction that throws leaves no audit row, no outbox row and no notify", async () => {
    const source = `thrown-${kind}`;
    const live = await listening(CASE_EVENTS_CHANNEL);
    outboxFor.set(source, [mail(source, "bo@customer.example")]);
    await expect(
      emit.transaction(world.database.db, async (tx) => {
        await emit(tx, noted(source));
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await auditOf(world.database.db, [source])).toEqual([]);
    expect(await outboxOf(world.database.db, source)).toEqual([]);
    // A committed one after it: its notify is the first and only one heard.
    await emit.transaction(world.database.db, async (tx) => {
      await emit(tx, updated(`after-thrown-${kind}`));
    });
    await until(() => live.payloads.length >= 1);
    await live.stop();
    expect(live.payloads.map((p) => JSON.parse(p).action)).toEqual(["case.updated"]);
  });

  it("sends concurrent transactions' notifies after COMMIT, each transaction's together and in order", async () => {
    const live = await listening(CASE_EVENTS_CHANNEL);
    const subjects = Array.from({ length: 12 }, (_, i) => `c${i}-${kind}`);
    // A number of its own per transaction: PostgreSQL delivers identical notifies sent in one
    // transaction once, and a batch is one transaction (harmless for hints, but not countable).
    const numbered = <E extends { caseNumber?: number }>(event: E, i: number): E => ({
      ...event,
      caseNumber: 1_000_000 + i,
    });
    await Promise.all(
      subjects.map((subject, i) =>
        emit.transaction(world.database.db, async (tx) => {
          await emit(tx, numbered(created(subject), i));
          await emit(tx, numbered(updated(subject), i));
        }),
      ),
    );
    expect(await auditOf(world.database.db, subjects)).toHaveLength(24);
    await until(() => live.payloads.length >= 24);
    await live.stop();
    const heardNow = live.payloads.map((p) => JSON.parse(p) as { number: number; action: string });
    expect(heardNow).toHaveLength(24);
    // Batches take whole transactions' notes in order: each created is followed by its updated.
    for (let i = 0; i < heardNow.length; i += 2) {
      expect(heardNow.slice(i, i + 2).map((e) => e.action)).toEqual([
        "case.created",
        "case.updated",
      ]);
      expect(heardNow[i + 1]?.number).toBe(heardNow[i]?.number);
    }
    expect(new Set(heardNow.map((e) => e.number)).size).toBe(12);
  });

  it("inside another transaction, notifies with it: nothing heard when that one rolls back", async () => {
    const live = await listening(CASE_EVENTS_CHANNEL);
    const event = <E extends { caseNumber?: number }>(e: E, number: number): E => ({
      ...e,
      caseNumber: number,
    });
    await world.database.db
      .transaction(async (outer) => {
        await emit.transaction(outer, async (tx) => {
          await emit(tx, event(created(`nested-undone-${kind}`), 2_000_001));
        });
        throw new Error("the outer transaction rolls back");
      })
      .catch(() => undefined);
    const setting = async (tx: Db) =>
      rowsOf(
        await tx.execute(sql`select current_setting('synchronous_commit') as s`),
        z.object({ s: z.string() }),
      )[0]?.s;
    const commitMode: (string | undefined)[] = [];
    await world.database.db.transaction(async (outer) => {
      commitMode.push(await setting(outer));
      await emit.transaction(outer, async (tx) => {
        await emit(tx, event(updated(`nested-kept-${kind}`), 2_000_002));
      });
      // The outer transaction still commits as it would have: its notes changed no setting.
      commitMode.push(await setting(outer));
    });
    expect(commitMode[1]).toBe(commitMode[0]);
    expect(commitMode[0]).toBeTruthy();
    await until(() => live.payloads.length >= 1);
    await live.stop();
    expect(live.payloads.map((p) => JSON.parse(p).number)).toEqual([2_000_002]);
    expect(await auditOf(world.database.db, [`nested-undone-${kind}`])).toEqual([]);
  });

  it("outside emit.transaction writes at once and leaves the outbox to the caller", async () => {
    const source = `plain-${kind}`;
    outboxFor.set(source, [mail(source, "cy@customer.example")]);
    deferred.length = 0;
    let inside: unknown[] = [];
    await world.database.db.transaction(async (tx) => {
      await emit(tx, noted(source));
      inside = await auditOf(tx, [source]);
    });
    expect(inside).toHaveLength(1);
    expect(deferred).toEqual([false]);
    expect(await outboxOf(world.database.db, source)).toEqual([]);
  });

  it("a savepoint inside emits at once, so what it rolls back takes its audit row", async () => {
    const kept = `kept-${kind}`;
    const undone = `undone-${kind}`;
    await emit.transaction(world.database.db, async (tx) => {
      await emit(tx, created(kept));
      await tx
        .transaction(async (sp) => {
          await emit(sp, created(undone));
          throw new Error("savepoint rolled back");
        })
        .catch(() => undefined);
    });
    const rows = await auditOf(world.database.db, [kept, undone]);
    expect(rows.map((r) => r.subjectId)).toEqual([kept]);
  });

  it("hands subscribers the webhooks the use case read, those that want the event only", async () => {
    const known = [
      { id: "w1", url: "http://a.example/", format: "baton", workspace: ws.slug, events: ["*"] },
      {
        id: "w2",
        url: "http://b.example/",
        format: "baton",
        workspace: ws.slug,
        events: ["case.created"],
      },
    ];
    heard = [];
    await emit.transaction(world.database.db, async (tx) => {
      emit.knowWebhooks(tx, ws.id, known);
      await emit(tx, created(`h1-${kind}`));
      await emit(tx, noted(`h2-${kind}`));
      // Another workspace's event: not known, so the subscriber is left to ask.
      await emit(tx, { ...noted(`h3-${kind}`), workspaceId: null });
    });
    expect(heard.map((h) => h.webhooks?.map((w) => w.id))).toEqual([
      ["w1", "w2"],
      ["w1"],
      undefined,
    ]);
  });
});
