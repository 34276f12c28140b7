// Issue 17: team mail carries List-Unsubscribe with a signed one-click link (RFC 8058), and each
// person chooses which team mail they get per workspace; customer mail and mail about one's own
// account always go, and the in-app notification stays when the mail is off.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, deliveries, notifications } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type {
  MailPreferenceList,
  MailPreferences,
  UnsubscribeLinkAnswer,
} from "../../src/http/routes/mail-preference-schemas.ts";
import type { DeliveryWorker } from "../../src/jobs/deliveries.ts";
import { setPublicUrl } from "../../src/notify/in-app.ts";
import { databaseKinds } from "../support/db.ts";
import { draft, enqueue, settled, startWorker } from "../support/deliveries.ts";
import { ok } from "../support/ok.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

const API = "/api/v1";
const BASE = "https://baton.example.com";

describe.each(databaseKinds)("team mail preferences and unsubscribe links (%s)", (kind) => {
  let world: World;
  let smtp: TestSmtpServer;
  let worker: DeliveryWorker;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let ana: TestAgent;
  let ben: TestAgent;

  beforeAll(async () => {
    world = await startWorld(kind);
    smtp = await startSmtpServer();
    ws = await buildWorkspace(world, "shift-lead");
    ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent" });
    ben = await buildAgent(world, ws.slug, "agent", { name: "Ben Agent" });
    worker = await startWorker(world, smtp.port);
    setPublicUrl(BASE);
  });
  afterAll(async () => {
    setPublicUrl(undefined);
    await worker?.stop();
    await smtp?.close();
    await world?.dispose();
  });

  const mailTo = (address: string, subject: string) =>
    smtp.received.find((m) => m.envelope.to.includes(address) && m.parsed.subject === subject);
  const sendAndWait = async (drafts: ReturnType<typeof draft>[]) => {
    await enqueue(world, drafts);
    await settled(world, ws.id);
  };
  const briefing = (to: TestAgent) =>
    draft(ws.id, { topic: "owner_briefing", recipient: to.email, recipientName: "Agent" });
  const open = (method: "GET" | "POST", url: string, form = false, accept = "application/json") =>
    world.app.inject({
      method,
      url,
      headers: { accept },
      ...(form
        ? {
            headers: { accept, "content-type": "application/x-www-form-urlencoded" },
            payload: "List-Unsubscribe=One-Click",
          }
        : {}),
    });
  const prefsOf = async (who: TestAgent) =>
    ok(await who.api.get<MailPreferenceList>(`${API}/me/mail-preferences`)).items.find(
      (i) => i.workspace === ws.slug,
    )!;
  const briefingOn = async (who: TestAgent) =>
    (await prefsOf(who)).topics.find((t) => t.topic === "owner_briefing")?.on;
  const changesOf = (who: TestAgent) =>
    world.database.db
      .select({ data: auditEvents.data, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "mail_preferences.changed"),
          eq(auditEvents.subjectId, who.userId),
        ),
      );

  let link = "";

  it("puts List-Unsubscribe on team mail only, never on customer or account mail", async () => {
    const toAna = briefing(ana);
    const customer = draft(ws.id, { topic: "customer_notice" });
    const invitation = draft(ws.id, { topic: "invitation", recipient: ana.email });
    await sendAndWait([toAna, customer, invitation]);
    const mail = mailTo(ana.email, toAna.subject);
    // Folded onto its own line by the mailer: the whitespace after the name may be a line break.
    const header = /^List-Unsubscribe:\s+<([^>\s]+)>\r$/im.exec(mail?.raw ?? "")?.[1] ?? "";
    expect(header).toMatch(new RegExp(`^${BASE}/api/v1/mail/unsubscribe/[A-Za-z0-9._-]+$`));
    expect(mail?.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(mail?.raw).toMatch(/^List-ID: /m);
    link = header.slice(BASE.length);
    for (const other of [
      mailTo(customer.recipient, customer.subject),
      mailTo(ana.email, invitation.subject),
    ]) {
      expect(other?.raw).toMatch(/^Subject: /m);
      expect(other?.raw).not.toMatch(/^List-/im);
    }
  });

  it("GET only shows what the link is for; a forged or another person's link is refused", async () => {
    const browser = await open("GET", link, false, "text/html,application/xhtml+xml,*/*;q=0.8");
    expect(browser.statusCode).toBe(303);
    expect(browser.headers.location).toBe(`/unsubscribe/${link.split("/").pop()}`);
    const details = await open("GET", link);
    expect(details.statusCode).toBe(200);
    expect(details.json<UnsubscribeLinkAnswer>()).toMatchObject({
      workspace: ws.slug,
      topic: "owner_briefing",
      unsubscribed: false,
    });
    expect(await briefingOn(ana)).toBe(true);

    // Ben's id with Ana's signature, a changed topic, and a made-up signature.
    const [userId, workspaceId, topic, signature] = (link.split("/").pop() ?? "").split(".");
    expect(userId).toBe(ana.userId);
    const forged = [
      `${ben.userId}.${workspaceId}.${topic}.${signature}`,
      `${userId}.${workspaceId}.mention.${signature}`,
      `${userId}.${workspaceId}.${topic}.${"A".repeat(43)}`,
      "not-a-token",
    ];
    for (const token of forged) {
      const refused = await open("POST", `${API}/mail/unsubscribe/${token}`, true);
      expect(refused.statusCode, token).toBe(403);
      expect(refused.json<{ code: string }>().code).toBe("invalid_unsubscribe_link");
    }
    expect(await briefingOn(ana)).toBe(true);
    expect(await briefingOn(ben)).toBe(true);
    expect(await changesOf(ana)).toEqual([]);
    expect(await changesOf(ben)).toEqual([]);
  });

  it("one-click POST turns the topic off once; the next such mail skips Ana, Ben still gets it", async () => {
    for (const _ of [1, 2]) {
      const done = await open("POST", link, true);
      expect(done.statusCode).toBe(200);
      expect(done.json<UnsubscribeLinkAnswer>()).toMatchObject({
        topic: "owner_briefing",
        unsubscribed: true,
      });
    }
    expect(await briefingOn(ana)).toBe(false);
    // Audited once, as Ana's own act through the link.
    expect(await changesOf(ana)).toEqual([
      {
        actorId: ana.userId,
        data: { offTopics: ["owner_briefing"], via: "unsubscribe_link", version: 1 },
      },
    ]);

    const toAna = briefing(ana);
    const toBen = briefing(ben);
    const mention = draft(ws.id, { topic: "mention", recipient: ana.email });
    await sendAndWait([toAna, toBen, mention]);
    const written = await world.database.db
      .select({ recipient: deliveries.recipient, subject: deliveries.subject })
      .from(deliveries)
      .where(eq(deliveries.workspaceId, ws.id));
    expect(written.some((d) => d.subject === toAna.subject)).toBe(false);
    expect(mailTo(ana.email, toAna.subject)).toBeUndefined();
    expect(mailTo(ben.email, toBen.subject)).toBeDefined();
    // Only that topic: other team mail still reaches her.
    expect(mailTo(ana.email, mention.subject)).toBeDefined();
  });

  it("the account's switches: version-checked, team topics only, in-app stays when mail is off", async () => {
    const mine = await prefsOf(ana);
    expect(mine.version).toBe(1);
    expect(mine.topics.map((t) => t.topic)).not.toContain("customer_notice");
    expect(mine.topics.map((t) => t.topic)).not.toContain("invitation");
    const url = `${API}/me/mail-preferences/${ws.slug}`;
    const stale = await ana.api.put<{ code: string; currentVersion: number }>(url, {
      version: 0,
      offTopics: [],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(1);
    const notTeam = await ana.api.put<{ code: string; detail: string }>(url, {
      version: 1,
      offTopics: ["customer_notice"],
    });
    expect(notTeam.status).toBe(400);
    expect(notTeam.body.detail).toMatch(/^offTopics: customer_notice is not team mail/);
    expect((await prefsOf(ana)).version).toBe(1);

    const changed = ok(
      await ana.api.put<MailPreferences>(url, { version: 1, offTopics: ["mention"] }),
    );
    expect(changed.version).toBe(2);
    expect(changed.topics.filter((t) => !t.on).map((t) => t.topic)).toEqual(["mention"]);

    // Ben mentions Ana: she is told in the app, not by email.
    const made = ok(
      await ben.api.post<CaseDetail>(`${API}/cases`, { workspace: ws.slug, subject: "VPN drops" }),
      201,
    );
    ok(
      await ben.api.post(`${API}/cases/${made.number}/notes`, {
        body: "Ana, can you look at the tunnel logs?",
        visibility: "private",
        mentions: [ana.userId],
      }),
      201,
    );
    const told = await world.database.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.userId, ana.userId), eq(notifications.caseNumber, made.number)));
    expect(told.map((n) => n.kind)).toEqual(["mention"]);
    const mailed = await world.database.db
      .select({ recipient: deliveries.recipient })
      .from(deliveries)
      .where(and(eq(deliveries.caseNumber, made.number), eq(deliveries.topic, "mention")));
    expect(mailed).toEqual([]);
  });
});
