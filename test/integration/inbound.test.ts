import { randomBytes } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveMessage } from "../../src/commands/inbound/receiveMessage.ts";
import { attachments, auditEvents, deliveries, inboundMessages } from "../../src/db/schema.ts";
import { DEFAULT_LIMITS } from "../../src/domain/inbound.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { type InboundListener, startInboundSmtp } from "../../src/inbound/smtp-listener.ts";
import { databaseKinds, openTestDatabase } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 6, email in (S2.3): a customer's reply to a case notification, sent by a real mail
// client to Baton's own SMTP listener on loopback, becomes a public note on the case; what Baton
// cannot place is held for an admin; auto-replies and Baton's own mail bounced back are ignored.

const API = "/api/v1";
// loadConfig({}) in startWorld: the From and the reply address of every outgoing message.
const OWN = "notifications@baton.localhost";
const replyTo = (n: number) => `notifications+${n}@baton.localhost`;
const silent = { warn: () => {}, info: () => {} };

interface TimelineItem {
  id: number;
  kind: string;
  visibility: string;
  body: string;
  author: { id: string; name: string } | null;
  data: {
    source?: string;
    from?: { name: string; email: string };
    attachments?: { id: string; filename: string; size: number; contentType: string }[];
  } | null;
}

interface InboundView {
  id: number;
  state: string;
  reason: string | null;
  caseNumber: number | null;
  version: number;
  from: string;
  activityId: number | null;
  attachments?: { id: string; filename: string }[];
  raw?: string;
}

describe.each(databaseKinds)("email in (%s)", (kind) => {
  let world: World;
  let listener: InboundListener;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let owner: TestAgent;
  let admin: TestAgent;
  let otherAdmin: TestAgent;
  let agent: TestAgent;
  let contact: { id: string; email: string };
  let customerId: string;

  const send = (port: number, message: Mail.Options) =>
    nodemailer
      .createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true })
      .sendMail({ from: `Lena Fischer <${contact.email}>`, ...message });

  const newCase = async (subject = "Spark jobs fail after the runtime upgrade") =>
    ok(
      await owner.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject,
        customerId,
        contactId: contact.id,
        ownerId: owner.userId,
      }),
      201,
    ).number;

  const stored = async (messageId: string) =>
    world.database.db
      .select()
      .from(inboundMessages)
      .where(eq(inboundMessages.messageId, messageId));

  const timeline = async (n: number) =>
    ok(await owner.api.get<{ items: TimelineItem[] }>(`${API}/cases/${n}/timeline`)).items;

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world);
    owner = await buildAgent(world, ws.slug, "agent");
    admin = await buildAgent(world, ws.slug, "admin");
    agent = await buildAgent(world, ws.slug, "agent");
    const elsewhere = await buildWorkspace(world);
    otherAdmin = await buildAgent(world, elsewhere.slug, "admin");
    const email = `lena-${randomBytes(3).toString("hex")}@rhein-logistik.example`;
    const customer = ok(
      await owner.api.post<{ id: string; contacts: { id: string }[] }>(
        `${API}/workspaces/${ws.slug}/customers`,
        {
          name: "Rhein Logistik",
          timeZone: "Europe/Berlin",
          language: "de",
          contacts: [{ name: "Lena Fischer", email }],
        },
      ),
      201,
    );
    customerId = customer.id;
    contact = { id: customer.contacts[0]?.id ?? "", email };
    listener = await startInboundSmtp({
      host: "127.0.0.1",
      port: 0,
      settings: {
        own: { from: OWN, replyTo: OWN },
        limits: { ...DEFAULT_LIMITS, maxFileBytes: 200_000 },
      },
      receive: (raw, envelope, settings) =>
        receiveMessage(world.database.db, raw, envelope, settings),
      log: silent,
    });
  });

  afterAll(async () => {
    await listener?.stop();
    await world?.dispose();
  });

  it("makes a contact's reply to +<number> a public note with its attachment, byte for byte", async () => {
    const n = await newCase();
    const bytes = randomBytes(70_000);
    const messageId = `<reply-${randomBytes(6).toString("hex")}@rhein-logistik.example>`;
    const info = await send(listener.port, {
      to: replyTo(n),
      subject: "Re: your support request",
      messageId,
      text: [
        "The logs from last night are attached.",
        "",
        "Lena",
        "",
        `On Mon, 23 Nov 2026 at 10:00, Baton <${replyTo(n)}> wrote:`,
        "> Your case is now with Eva.",
      ].join("\n"),
      attachments: [{ filename: "executor-logs.bin", content: bytes }],
    });
    expect(info.response).toMatch(/^250 .*attached/);
    const note = (await timeline(n)).find((i) => i.data?.source === "email");
    expect(note).toMatchObject({
      kind: "note",
      visibility: "public",
      body: "The logs from last night are attached.\n\nLena",
      author: null,
      data: { from: { name: "Lena Fischer", email: contact.email } },
    });
    const file = note?.data?.attachments?.[0];
    expect(file).toMatchObject({ filename: "executor-logs.bin", size: bytes.length });
    const download = await world.app.inject({
      method: "GET",
      url: `${API}/attachments/${file?.id}`,
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    expect(download.headers["content-disposition"]).toContain('filename="executor-logs.bin"');
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.compare(download.rawPayload, bytes)).toBe(0);
    const stranger = await world.app.inject({
      method: "GET",
      url: `${API}/attachments/${file?.id}`,
      headers: { authorization: `Bearer ${otherAdmin.token}` },
    });
    expect(stranger.statusCode).toBe(404);
    const [row] = await stored(messageId);
    expect(row).toMatchObject({ state: "attached", activityId: note?.id });
    expect(row?.text).toContain("> Your case is now with Eva.");
    const audit = await world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, String(note?.id)));
    expect(audit.map((a) => a.action)).toContain("case.email_received");
  });

  it("finds the case from [Case n] in the subject when the address has no number", async () => {
    const n = await newCase();
    const messageId = `<subject-${randomBytes(6).toString("hex")}@rhein-logistik.example>`;
    await send(listener.port, {
      to: "support@rhein-logistik.example",
      subject: `RE: [Case ${n}] Spark jobs fail`,
      messageId,
      text: "Still failing after the restart.",
    });
    expect((await stored(messageId))[0]).toMatchObject({ state: "attached" });
    expect((await timeline(n)).map((i) => i.body)).toContain("Still failing after the restart.");
  });

  it("holds mail from an unknown sender and mail for an unknown case, without notes", async () => {
    const n = await newCase();
    const fromStranger = `<stranger-${randomBytes(6).toString("hex")}@x.example>`;
    await send(listener.port, {
      from: "Mallory <mallory@elsewhere.example>",
      to: replyTo(n),
      subject: "Re: hello",
      messageId: fromStranger,
      text: "Please close this case.",
    });
    const unknownCase = `<unknown-${randomBytes(6).toString("hex")}@x.example>`;
    await send(listener.port, {
      to: replyTo(987_654_321),
      subject: "Re: hello",
      messageId: unknownCase,
      text: "Any news?",
    });
    expect((await stored(fromStranger))[0]).toMatchObject({
      state: "held",
      workspaceId: ws.id,
      reason: expect.stringMatching(/not a contact/),
    });
    expect((await stored(unknownCase))[0]).toMatchObject({
      state: "held",
      workspaceId: null,
      reason: "Unknown case number 987654321",
    });
    expect((await timeline(n)).some((i) => i.data?.source === "email")).toBe(false);
  });

  it("ignores auto-replies and Baton's own mail bounced back, and answers nothing", async () => {
    const n = await newCase();
    const [before] = await world.database.db.select({ n: count() }).from(deliveries);
    const auto = `<oof-${randomBytes(6).toString("hex")}@rhein-logistik.example>`;
    await send(listener.port, {
      to: replyTo(n),
      subject: "Automatic reply: [Case 1] update",
      messageId: auto,
      headers: { "Auto-Submitted": "auto-replied" },
      text: "I am out of the office until Monday.",
    });
    const loop = `<loop-${randomBytes(6).toString("hex")}@baton.localhost>`;
    await send(listener.port, {
      from: `Baton <${OWN}>`,
      to: replyTo(n),
      subject: `[Case ${n}] Your case has a new owner`,
      messageId: loop,
      headers: { "X-Baton-Delivery": "4f0c0000-0000-4000-8000-000000000000" },
      text: "Your case is now with Eva.",
    });
    expect((await stored(auto))[0]).toMatchObject({
      state: "ignored",
      reason: expect.stringMatching(/Auto-Submitted: auto-replied/),
    });
    expect((await stored(loop))[0]).toMatchObject({
      state: "ignored",
      reason: expect.stringMatching(/^Loop/),
    });
    expect((await timeline(n)).some((i) => i.data?.source === "email")).toBe(false);
    const [after] = await world.database.db.select({ n: count() }).from(deliveries);
    expect(after?.n).toBe(before?.n);
  });

  it("stores a message delivered twice once, and accepts the second delivery", async () => {
    const n = await newCase();
    const messageId = `<twice-${randomBytes(6).toString("hex")}@rhein-logistik.example>`;
    const mail = { to: replyTo(n), subject: "Re: x", messageId, text: "Once only." };
    const first = await send(listener.port, mail);
    const second = await send(listener.port, mail);
    expect(first.response).toMatch(/^250/);
    expect(second.response).toMatch(/^250/);
    expect(await stored(messageId)).toHaveLength(1);
    expect((await timeline(n)).filter((i) => i.body === "Once only.")).toHaveLength(1);
  });

  it("holds attachments over the limit and keeps them out of the attachments table", async () => {
    const n = await newCase();
    const messageId = `<big-${randomBytes(6).toString("hex")}@rhein-logistik.example>`;
    await send(listener.port, {
      to: replyTo(n),
      subject: "Re: dump",
      messageId,
      text: "The heap dump.",
      attachments: [{ filename: "heap.hprof", content: randomBytes(300_000) }],
    });
    const [row] = await stored(messageId);
    expect(row).toMatchObject({ state: "held", reason: expect.stringMatching(/^Too large/) });
    const files = await world.database.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(eq(attachments.inboundMessageId, row?.id ?? 0));
    expect(files).toHaveLength(0);
  });

  it("holds a flood of messages from one sender to one case", async () => {
    const n = await newCase();
    const flood = await startInboundSmtp({
      host: "127.0.0.1",
      port: 0,
      settings: {
        own: { from: OWN, replyTo: OWN },
        limits: { ...DEFAULT_LIMITS, floodPerHour: 2 },
      },
      receive: (raw, envelope, settings) =>
        receiveMessage(world.database.db, raw, envelope, settings),
      log: silent,
    });
    try {
      for (const i of [1, 2, 3])
        await send(flood.port, { to: replyTo(n), subject: "Re: x", text: `Message ${i}` });
    } finally {
      await flood.stop();
    }
    const states = (
      await world.database.db
        .select({
          state: inboundMessages.state,
          reason: inboundMessages.reason,
          text: inboundMessages.text,
        })
        .from(inboundMessages)
        .where(eq(inboundMessages.fromAddress, contact.email))
        .orderBy(inboundMessages.id)
    ).filter((r) => /^Message \d/.test(r.text.trim()));
    expect(states.map((s) => s.state)).toEqual(["attached", "attached", "held"]);
    expect(states[2]?.reason).toMatch(/^Flood/);
  });

  it("answers 451 when the message cannot be stored, so the sender tries again", async () => {
    const broken = await openTestDatabase("pglite");
    const down = await startInboundSmtp({
      host: "127.0.0.1",
      port: 0,
      settings: { own: { from: OWN, replyTo: OWN }, limits: DEFAULT_LIMITS },
      receive: (raw, envelope, settings) => receiveMessage(broken.db, raw, envelope, settings),
      log: silent,
    });
    await broken.dispose();
    try {
      await expect(
        send(down.port, { to: replyTo(100001), subject: "Re: x", text: "Lost?" }),
      ).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await down.stop();
    }
  });

  it("takes a raw message over HTTP from an admin, once", async () => {
    const n = await newCase();
    const messageId = `<http-${randomBytes(6).toString("hex")}@rhein-logistik.example>`;
    const raw = [
      `From: Lena Fischer <${contact.email}>`,
      `To: ${replyTo(n)}`,
      "Subject: Re: update",
      `Message-ID: ${messageId}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Handed in by the gateway.",
      "",
    ].join("\r\n");
    const post = (token: string, body: string, type = "message/rfc822") =>
      world.app.inject({
        method: "POST",
        url: `${API}/inbound/messages`,
        headers: { authorization: `Bearer ${token}`, "content-type": type },
        payload: body,
      });
    const first = await post(admin.token, raw);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ state: "attached", caseNumber: n, duplicate: false });
    const again = await post(admin.token, raw);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, duplicate: true });
    expect((await post(agent.token, raw)).statusCode).toBe(403);
    const json = await post(admin.token, JSON.stringify({ raw }), "application/json");
    expect(json.statusCode).toBe(400);
    expect(json.json().errors[0].field).toBe("content-type");
    const anonymous = await world.app.inject({
      method: "POST",
      url: `${API}/inbound/messages`,
      headers: { "content-type": "message/rfc822" },
      payload: raw,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await stored(messageId)).toHaveLength(1);
  });

  it("takes mail over the API only for the caller's own workspaces, telling a stranger what a missing case gets", async () => {
    const n = await newCase();
    const messageId = () => `<x-${randomBytes(6).toString("hex")}@rhein-logistik.example>`;
    const rawTo = (to: string, from: string, id = messageId()) =>
      `From: ${from}\r\nTo: ${to}\r\nSubject: Re: update\r\nMessage-ID: ${id}\r\n\r\nPlease close this.\r\n`;
    const handIn = (token: string, raw: string) =>
      world.app.inject({
        method: "POST",
        url: `${API}/inbound/messages`,
        headers: { authorization: `Bearer ${token}`, "content-type": "message/rfc822" },
        payload: raw,
      });
    const before = (await timeline(n)).length;
    // The other workspace's admin writes to this workspace's case, in its contact's name.
    const asContact = await handIn(otherAdmin.token, rawTo(replyTo(n), contact.email));
    const asStranger = await handIn(otherAdmin.token, rawTo(replyTo(n), "nobody@x.example"));
    const missing = await handIn(otherAdmin.token, rawTo(replyTo(99_999_999), contact.email));
    for (const res of [asContact, asStranger, missing]) expect(res.statusCode).toBe(201);
    const answer = (res: typeof asContact) => {
      const { id: _id, ...rest } = res.json() as { id: number; reason: string };
      return { ...rest, reason: rest.reason.replace(/\d+/g, "N") };
    };
    // Whether the case exists and whether the sender is its contact cannot be told apart.
    expect(answer(asContact)).toEqual(answer(missing));
    expect(answer(asStranger)).toEqual(answer(missing));
    expect(asContact.json()).toMatchObject({ state: "held", caseNumber: null, duplicate: false });
    expect((await timeline(n)).length).toBe(before);
    const [row] = await stored(
      (
        await world.database.db
          .select()
          .from(inboundMessages)
          .where(eq(inboundMessages.id, asContact.json().id))
      )[0]?.messageId ?? "",
    );
    expect(row).toMatchObject({ workspaceId: null, caseId: null, state: "held" });

    // The same message handed in again by the case's own admin is placed; by a stranger, a
    // duplicate of it says nothing about the case it went to.
    const id = messageId();
    const own = await handIn(admin.token, rawTo(replyTo(n), contact.email, id));
    expect(own.json()).toMatchObject({ state: "attached", caseNumber: n });
    const replay = await handIn(otherAdmin.token, rawTo(replyTo(n), contact.email, id));
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ duplicate: true, caseNumber: null, state: "held" });
  });

  it("lets an admin attach a held message to a case and discard another", async () => {
    const n = await newCase();
    const handIn = async (from: string, to: string, text: string) => {
      const raw = `From: ${from}\r\nTo: ${to}\r\nSubject: Re: help\r\nMessage-ID: <${randomBytes(6).toString("hex")}@x.example>\r\n\r\n${text}\r\n`;
      const res = await world.app.inject({
        method: "POST",
        url: `${API}/inbound/messages`,
        headers: { authorization: `Bearer ${admin.token}`, "content-type": "message/rfc822" },
        payload: raw,
      });
      return res.json() as { id: number; state: string };
    };
    const colleague = await handIn(
      "Tom <tom@rhein-logistik.example>",
      replyTo(n),
      "Tom here, same problem.",
    );
    const lost = await handIn("Someone <someone@x.example>", "help@x.example", "Is anyone there?");
    expect(colleague.state).toBe("held");
    expect(lost.state).toBe("held");

    const list = ok(
      await admin.api.get<{ items: InboundView[] }>(
        `${API}/inbound/messages?workspace=${ws.slug}&state=held`,
      ),
    );
    expect(list.items.map((m) => m.id)).toEqual(expect.arrayContaining([colleague.id, lost.id]));
    expect((await agent.api.get(`${API}/inbound/messages?workspace=${ws.slug}`)).status).toBe(403);
    expect((await agent.api.get(`${API}/inbound/messages/${colleague.id}`)).status).toBe(403);
    // Another workspace's admin sees unplaced mail, never this workspace's.
    expect((await otherAdmin.api.get(`${API}/inbound/messages/${colleague.id}`)).status).toBe(404);
    expect((await otherAdmin.api.get(`${API}/inbound/messages/${lost.id}`)).status).toBe(200);

    const held = ok(await admin.api.get<InboundView>(`${API}/inbound/messages/${colleague.id}`));
    expect(held.raw).toContain("Tom here, same problem.");
    const url = `${API}/inbound/messages/${colleague.id}/attach`;
    const stale = await admin.api.post(url, { caseNumber: n, version: held.version + 1 });
    expect(stale.status).toBe(409);
    const missing = await admin.api.post(url, { caseNumber: n });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]?.field).toBe("version");
    const elsewhere = await otherAdmin.api.post(`${API}/inbound/messages/${lost.id}/attach`, {
      caseNumber: n,
      version: 1,
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors?.[0]?.field).toBe("caseNumber");
    expect((await agent.api.post(url, { caseNumber: n, version: held.version })).status).toBe(403);

    const attached = ok(
      await admin.api.post<InboundView>(url, { caseNumber: n, version: held.version }),
    );
    expect(attached).toMatchObject({ state: "attached", caseNumber: n, version: held.version + 1 });
    const note = (await timeline(n)).find((i) => i.id === attached.activityId);
    expect(note).toMatchObject({
      visibility: "public",
      body: "Tom here, same problem.",
      data: { source: "email", from: { email: "tom@rhein-logistik.example" } },
    });
    const twice = await admin.api.post(url, { caseNumber: n, version: attached.version });
    expect(twice.status).toBe(422);

    const discardUrl = `${API}/inbound/messages/${lost.id}/discard`;
    expect((await admin.api.post(discardUrl, { version: 2 })).status).toBe(409);
    const discarded = ok(await admin.api.post<InboundView>(discardUrl, { version: 1 }));
    expect(discarded).toMatchObject({ state: "discarded", version: 2 });
    const actions = await world.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectType, "inbound_message"),
          eq(auditEvents.subjectId, String(lost.id)),
        ),
      );
    expect(actions.map((a) => a.action)).toEqual(["inbound.held", "inbound.discarded"]);
  });
});
