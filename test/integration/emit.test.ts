import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { auditEvents, cases, deliveries, notifications } from "../../src/db/schema.ts";
import type { EventOf } from "../../src/events/catalogue.ts";
import { CASE_EVENTS_CHANNEL } from "../../src/events/emit.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { emit } from "../../src/writes/emit.ts";
import { databaseKinds } from "../support/db.ts";
import { listenFromNow } from "../support/listen.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 11: an event and everything its subscribers write commit together or not at all.

const API = "/api/v1";

describe.each(databaseKinds)("emit (%s)", (kind) => {
  let world: World;
  let ws: { id: string; slug: string };
  let owner: TestAgent;
  let mentioned: TestAgent;
  let kase: { id: string; number: number; subject: string };

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world);
    const admin = await buildAgent(world, ws.slug, "admin");
    owner = await buildAgent(world, ws.slug, "agent", { name: "Olga Owner" });
    mentioned = await buildAgent(world, ws.slug, "agent", { name: "Rui Receiver" });
    ok(
      await admin.api.post(`${API}/workspaces/${ws.slug}/webhooks`, {
        url: "http://127.0.0.1:9/hooks",
        events: ["case.created"],
      }),
      201,
    );
    const made = ok(
      await owner.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Replication stalls",
      }),
      201,
    );
    const [row] = await world.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.number, made.number));
    kase = { id: row!.id, number: made.number, subject: made.subject };
  });
  afterAll(() => world.dispose());

  /** Two events: one a webhook hears of, one that mentions a colleague (in-app and email). */
  async function emitBoth(tx: Db, marker: string, activityId: number, batch = false) {
    const [created, noted] = both(marker, activityId);
    if (batch) await emit.many(tx, [created, noted]);
    else {
      await emit(tx, created);
      await emit(tx, noted);
    }
  }

  function both(marker: string, activityId: number) {
    const created: EventOf<"case.created"> = {
      name: "case.created",
      actorId: owner.userId,
      workspaceId: ws.id,
      caseId: kase.id,
      caseNumber: kase.number,
      subjectId: marker,
      data: {
        number: kase.number,
        subject: kase.subject,
        severity: "s3",
        priority: "p3",
        queue: "support",
        brand: "baton",
        plan: null,
        product: null,
        region: null,
        ownerId: owner.userId,
      },
    };
    const noted: EventOf<"case.note_added"> = {
      name: "case.note_added",
      actorId: owner.userId,
      workspaceId: ws.id,
      caseId: kase.id,
      caseNumber: kase.number,
      subjectId: marker,
      data: { number: kase.number, visibility: "private", mentions: [mentioned.userId] },
      facts: {
        activityId,
        activity: "note",
        visibility: "private",
        body: "can you look?",
        caseSubject: kase.subject,
        authorName: "Olga Owner",
        mentions: [mentioned.userId],
        language: "en",
      },
    };
    return [created, noted] as const;
  }

  async function written(db: Db, marker: string, activityId: number) {
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, marker));
    const hooks = await db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.workspaceId, ws.id),
          eq(deliveries.channel, "webhook"),
          eq(deliveries.event, "case.created"),
        ),
      );
    const mails = await db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.topic, "mention"), eq(deliveries.sourceId, String(activityId))));
    const inApp = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, mentioned.userId),
          eq(notifications.sourceId, String(activityId)),
        ),
      );
    return {
      audit: audit.map((a) => a.action).sort(),
      // The case made over the API above posted one webhook of its own.
      hooks: hooks.filter((h) => JSON.parse(h.body).data.subject.id === marker).length,
      mails: mails.map((m) => m.recipient),
      inApp: inApp.map((n) => n.kind),
    };
  }

  const everything = () => ({
    audit: ["case.created", "case.note_added"],
    hooks: 1,
    mails: [mentioned.email],
    inApp: ["mention"],
  });
  const nothing = { audit: [], hooks: 0, mails: [], inApp: [] };

  it("a rolled-back transaction leaves no audit row, no delivery and no notification", async () => {
    const marker = `rolled-back-${kind}`;
    const activityId = 910_000_001;
    let inside: Awaited<ReturnType<typeof written>> | undefined;
    await expect(
      world.database.db.transaction(async (tx) => {
        await emitBoth(tx, marker, activityId);
        // The subscribers wrote in this very transaction: it sees their rows.
        inside = await written(tx, marker, activityId);
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(inside).toEqual(everything());
    expect(await written(world.database.db, marker, activityId)).toEqual(nothing);
  });

  it("a committed transaction keeps the audit row and every subscriber's rows", async () => {
    const marker = `committed-${kind}`;
    const activityId = 910_000_002;
    await world.database.db.transaction((tx) => emitBoth(tx, marker, activityId));
    expect(await written(world.database.db, marker, activityId)).toEqual(everything());
  });

  it("a batch (emit.many) writes what the same events emitted one by one write, once each", async () => {
    const marker = `batch-${kind}`;
    const activityId = 910_000_003;
    const { payloads: heard, stop } = await listenFromNow(world.database, CASE_EVENTS_CHANNEL);
    await world.database.db.transaction((tx) => emitBoth(tx, marker, activityId, true));
    expect(await written(world.database.db, marker, activityId)).toEqual(everything());
    // The live stream hears both, in order, once the batch's transaction committed.
    for (let i = 0; i < 200 && heard.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await stop();
    expect(heard.map((p) => JSON.parse(p).action)).toEqual(["case.created", "case.note_added"]);
  });

  it("a batch with one event that breaks the catalogue writes nothing of any", async () => {
    const marker = `batch-refused-${kind}`;
    const activityId = 910_000_004;
    const [created, noted] = both(marker, activityId);
    await expect(
      world.database.db.transaction((tx) =>
        emit.many(tx, [created, noted, { ...noted, data: { ...noted.data, number: 1.5 } }]),
      ),
    ).rejects.toThrow(/data\.number/);
    expect(await written(world.database.db, marker, activityId)).toEqual(nothing);
  });

  it("refuses, in tests, an event whose payload breaks the catalogue, and writes nothing", async () => {
    const marker = `refused-${kind}`;
    await expect(
      world.database.db.transaction((tx) =>
        emit(tx, {
          name: "case.updated",
          actorId: owner.userId,
          workspaceId: ws.id,
          caseId: kase.id,
          caseNumber: kase.number,
          subjectId: marker,
          // A fractional version: the types allow it, the catalogue does not.
          data: { changes: {}, version: 1.5 },
        }),
      ),
    ).rejects.toThrow(/data\.version/);
    expect(await written(world.database.db, marker, 0)).toEqual(nothing);
  });
});
