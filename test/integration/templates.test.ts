import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import { auditEvents, deliveries, messageTemplates } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type { DeliveryWorker } from "../../src/jobs/deliveries.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import { settled, startWorker } from "../support/deliveries.ts";
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";
import {
  buildAgent,
  type Problem,
  type Reply,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 6, templates: an admin words the customer notice for their workspace and language, sees
// it rendered before saving, and the next transfer's notice reaches a real SMTP server in those
// words; the precedence is exact tag, primary language, workspace default, built-in.

const API = "/api/v1";

interface Override {
  topic?: string;
  language: string;
  subject: string;
  text: string;
  version: number;
}

interface Effective {
  topic: string;
  language: string;
  overridden: boolean;
  version: number | null;
  subject: string;
  text: string;
  from: { source: "workspace" | "default"; language: string };
}

interface Listing {
  defaultLanguage: string;
  items: {
    topic: string;
    title: string;
    variables: { name: string; description: string }[];
    defaultLanguages: string[];
    overrides: Override[];
  }[];
}

function ok<T>(reply: Reply<unknown>, status = 200): T {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body as T;
}

const fieldsOf = (reply: Reply<Problem>) => (reply.body.errors ?? []).map((e) => e.field);

describe.each(databaseKinds)("message templates (%s)", (kind) => {
  let world: World;
  let smtp: TestSmtpServer;
  let worker: DeliveryWorker;
  let admin: TestAgent;
  let agent: TestAgent;
  let slug: string;
  let workspaceId: string;
  let templates: string;

  beforeAll(async () => {
    world = await startWorld(kind);
    smtp = await startSmtpServer();
    // The help desk preset plus a kind whose procedure has the agent call the customer.
    slug = `tpl-${kind}-${Date.now()}`;
    const policy = structuredClone(presets["helpdesk-transfer"]);
    const transfer = policy.transferKinds?.find((k) => k.code === "transfer");
    if (!transfer) throw new Error("the help desk preset lost its transfer kind");
    policy.transferKinds?.push({
      ...structuredClone(transfer),
      code: "told-by-phone",
      name: "Transfer, customer told by phone",
      customerNotice: "off",
    });
    const made = await createWorkspace(world.database.db, { slug, name: slug, policy }, null);
    workspaceId = made.id;
    templates = `${API}/workspaces/${slug}/templates`;
    admin = await buildAgent(world, slug, "admin");
    agent = await buildAgent(world, slug, "agent");
    worker = await startWorker(world, smtp.port);
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
    await world?.dispose();
  });

  /** A case whose contact reads `language`, sent from queue to queue and back by `via`. */
  async function caseFor(language: string) {
    const customer = ok<{ id: string; contacts: { id: string }[] }>(
      await agent.api.post(
        `${API}/workspaces/${slug}/customers`,
        {
          name: `Kunde ${language}`,
          timeZone: "Europe/Vienna",
          language: "en",
          contacts: [
            {
              name: "Anna Gruber",
              email: `anna.${language}.${Date.now()}@kunde.example`,
              language,
            },
          ],
        },
        {},
      ),
      201,
    );
    return ok<CaseDetail>(
      await agent.api.post(`${API}/cases`, {
        workspace: slug,
        customerId: customer.id,
        contactId: customer.contacts[0]?.id,
        subject: "Webshop zeigt leere Seite",
        queue: "l1-support",
        nextContactAt: "2026-11-24T10:00:00+01:00",
      }),
      201,
    );
  }

  /** Transfers the case to the other queue and returns the customer notice the SMTP server got. */
  async function transfer(number: number, via = "transfer"): Promise<ReceivedMail | undefined> {
    const c = ok<CaseDetail>(await agent.api.get(`${API}/cases/${number}`));
    const before = (
      await world.database.db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(eq(deliveries.workspaceId, workspaceId))
    ).length;
    ok(
      await agent.api.post(`${API}/cases/${number}/transfers`, {
        version: c.version,
        kind: via,
        target: { queue: c.queue === "l1-support" ? "l2-support" : "l1-support" },
        reason: "wrong-department",
        fields: {},
      }),
      201,
    );
    const rows = await settled(world, workspaceId);
    const notice = rows.slice(before).find((r) => r.topic === "customer_notice");
    if (!notice) return undefined;
    expect(notice.state).toBe("sent");
    const mail = smtp.received.find((m) => m.raw.includes(`X-Baton-Delivery: ${notice.key}`));
    expect(mail, "the notice reached the SMTP server").toBeDefined();
    return mail;
  }

  const put = (topic: string, language: string, body: unknown, who = admin) =>
    who.api.put<Problem>(`${templates}/${topic}/${language}`, body);

  const remove = async (topic: string, language: string, query = "", who = admin) => {
    const reply = await world.app.inject({
      method: "DELETE",
      url: `${templates}/${topic}/${language}${query}`,
      headers: { authorization: `Bearer ${who.token}` },
    });
    return reply.statusCode;
  };

  it("lists every editable message with its variables, built-in languages and no overrides yet", async () => {
    const listing = ok<Listing>(await agent.api.get(templates));
    expect(listing.defaultLanguage).toBe("en");
    const topics = listing.items.map((i) => i.topic);
    expect(topics).toEqual(
      expect.arrayContaining(["customer_notice", "owner_briefing", "dispatch_request"]),
    );
    const notice = listing.items.find((i) => i.topic === "customer_notice");
    expect(notice?.defaultLanguages).toEqual(["de", "en"]);
    expect(notice?.variables.map((v) => v.name)).toContain("contactName");
    expect(notice?.variables.every((v) => v.description.length > 0)).toBe(true);
    expect(listing.items.every((i) => i.overrides.length === 0)).toBe(true);

    const german = ok<Effective>(await agent.api.get(`${templates}/customer_notice/de-AT`));
    expect(german).toMatchObject({
      language: "de-AT",
      overridden: false,
      version: null,
      from: { source: "default", language: "de" },
    });
    expect(german.text).toContain("Hallo {{contactName}},");
  });

  it("refuses bad wording naming the field and the placeholder, and stores nothing", async () => {
    const unknown = await put("customer_notice", "de", {
      subject: "{{caseTag}} {{caseSubjekt}}",
      text: "Hallo {{contactName}}, {{kundenNummer}}",
    });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown)).toEqual(["subject", "text"]);
    expect(unknown.body.errors?.[0]?.message).toContain("{{caseSubjekt}}");
    expect(unknown.body.errors?.[1]?.message).toContain("{{kundenNummer}}");

    const twoLines = await put("customer_notice", "de", { subject: "Fall\nBcc: x", text: "t" });
    expect([twoLines.status, fieldsOf(twoLines)]).toEqual([400, ["subject"]]);
    const empty = await put("customer_notice", "de", { subject: " ", text: "t" });
    expect([empty.status, fieldsOf(empty)]).toEqual([400, ["subject"]]);
    const long = await put("customer_notice", "de", { subject: "s", text: "x".repeat(10_001) });
    expect([long.status, fieldsOf(long)]).toEqual([400, ["text"]]);
    const missing = await put("customer_notice", "de", { subject: "s" });
    expect([missing.status, fieldsOf(missing)]).toEqual([400, ["text"]]);
    const extra = await put("customer_notice", "de", { subject: "s", text: "t", html: "<b>" });
    expect([extra.status, fieldsOf(extra)]).toEqual([400, ["html"]]);
    const tag = await put("customer_notice", "deutsch!", { subject: "s", text: "t" });
    expect([tag.status, fieldsOf(tag)]).toEqual([400, ["language"]]);
    expect((await put("no_such_topic", "de", { subject: "s", text: "t" })).status).toBe(404);
    // Agents read the wording but do not change it.
    expect((await put("customer_notice", "de", { subject: "s", text: "t" }, agent)).status).toBe(
      403,
    );
    expect(await remove("customer_notice", "de", "", agent)).toBe(403);

    const stored = await world.database.db
      .select()
      .from(messageTemplates)
      .where(eq(messageTemplates.workspaceId, workspaceId));
    expect(stored).toEqual([]);
  });

  it("previews a wording with the sample facts, in the wording's language, without storing it", async () => {
    const preview = ok<{ subject: string; text: string }>(
      await agent.api.post(`${templates}/customer_notice/preview`, {
        language: "de",
        subject: "{{caseTag}} Neuer Ansprechpartner: {{holderName}}",
        text: "Guten Tag {{contactName}},\n\n{{nextUpdateSentence}}\n{{nextUpdateAt}}",
      }),
    );
    expect(preview.subject).toBe("[Case 100042] Neuer Ansprechpartner: Support L2");
    expect(preview.text).toContain("Guten Tag Lena Fischer,");
    expect(preview.text).toMatch(/Sie hören spätestens am Dienstag, 24\. November 2026 um 10:00/);
    expect(preview.text).not.toContain("{{");

    const bad = await agent.api.post(`${templates}/customer_notice/preview`, {
      language: "de",
      subject: "ok",
      text: "{{nope}}",
    });
    expect([bad.status, fieldsOf(bad)]).toEqual([400, ["text"]]);
    expect(
      (
        await agent.api.post(`${templates}/nope/preview`, {
          language: "de",
          subject: "s",
          text: "t",
        })
      ).status,
    ).toBe(404);
    const stored = await world.database.db
      .select()
      .from(messageTemplates)
      .where(eq(messageTemplates.workspaceId, workspaceId));
    expect(stored).toEqual([]);
  });

  it("creates, updates with the version, refuses a stale version with 409, and audits each change", async () => {
    const body = { subject: "{{caseTag}} Version eins", text: "Hallo {{ownerName}}" };
    const created = ok<Override>(await put("owner_briefing", "de", body));
    expect(created).toMatchObject({ topic: "owner_briefing", language: "de", version: 1 });
    // Created meanwhile by someone else: a second create is a conflict, not an overwrite.
    expect((await put("owner_briefing", "de", body)).status).toBe(409);
    const updated = ok<Override>(
      await put("owner_briefing", "de", { ...body, subject: "Version zwei", version: 1 }),
    );
    expect(updated.version).toBe(2);
    const stale = await put("owner_briefing", "de", { ...body, version: 1 });
    expect([stale.status, stale.body.code]).toEqual([409, "version_conflict"]);
    // Tags are stored in their canonical spelling: "DE" is the same template.
    const effective = ok<Effective>(await agent.api.get(`${templates}/owner_briefing/DE`));
    expect(effective).toMatchObject({ overridden: true, version: 2, subject: "Version zwei" });

    expect(await remove("owner_briefing", "de", "?version=1")).toBe(409);
    expect(await remove("owner_briefing", "de", "?version=2")).toBe(204);
    expect(await remove("owner_briefing", "de")).toBe(404);
    const back = ok<Effective>(await agent.api.get(`${templates}/owner_briefing/de`));
    expect(back).toMatchObject({ overridden: false, from: { source: "default", language: "en" } });

    const audit = await world.database.db
      .select({ action: auditEvents.action, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.subjectType, "template")))
      .orderBy(auditEvents.at);
    expect(audit.map((a) => a.action)).toEqual([
      "template.updated",
      "template.updated",
      "template.deleted",
    ]);
    expect(audit[1]?.data).toMatchObject({ topic: "owner_briefing", language: "de", version: 2 });
  });

  it("sends the workspace's wording: exact tag, then primary language, then workspace default, then built-in", async () => {
    const c = await caseFor("de-AT");
    const wording = (who: string) => ({
      subject: `{{caseTag}} ${who}: {{caseSubject}}`,
      text: `${who}: Grüß Gott {{contactName}},\n\n{{holderSentence}}\n\n{{nextUpdateSentence}}`,
    });
    ok(await put("customer_notice", "en", wording("Workspace default")));
    ok(await put("customer_notice", "de", wording("German")));
    ok(await put("customer_notice", "de-AT", wording("Austrian")));

    let mail = await transfer(c.number);
    expect(mail?.parsed.subject).toBe(`[Case ${c.number}] Austrian: Webshop zeigt leere Seite`);
    expect(mail?.parsed.text).toContain("Austrian: Grüß Gott Anna Gruber,");
    // Values are written in the wording's language, in the reader's variant and zone.
    expect(mail?.parsed.text).toMatch(
      /Sie hören spätestens am Dienstag, 24\. November 2026 um 10:00 MEZ \(Europe\/Vienna\) wieder von uns\./,
    );
    expect(mail?.parsed.text).not.toContain("{{");

    expect(await remove("customer_notice", "de-AT")).toBe(204);
    mail = await transfer(c.number);
    expect(mail?.parsed.subject).toBe(`[Case ${c.number}] German: Webshop zeigt leere Seite`);

    expect(await remove("customer_notice", "de")).toBe(204);
    mail = await transfer(c.number);
    expect(mail?.parsed.subject).toBe(
      `[Case ${c.number}] Workspace default: Webshop zeigt leere Seite`,
    );

    expect(await remove("customer_notice", "en")).toBe(204);
    mail = await transfer(c.number);
    expect(mail?.parsed.subject).toMatch(
      new RegExp(`^\\[Case ${c.number}\\] Webshop zeigt leere Seite — jetzt bei `),
    );
    expect(mail?.parsed.text).toContain("Hallo Anna Gruber,");
  });

  it("sends its own workspace's wording, never another workspace's", async () => {
    // Another workspace words its notice; this one keeps the built-in wording. The reassignment
    // reads the case's wordings with it, and once read every workspace's (issue 16).
    const other = `${slug}-other`;
    await createWorkspace(
      world.database.db,
      { slug: other, name: other, policy: structuredClone(presets["helpdesk-transfer"]) },
      null,
    );
    const otherAdmin = await buildAgent(world, other, "admin");
    ok(
      await otherAdmin.api.put<Problem>(`${API}/workspaces/${other}/templates/customer_notice/en`, {
        subject: "{{caseTag}} Other workspace",
        text: "Other workspace: {{contactName}}",
      }),
    );
    const c = await caseFor("en");
    const mail = await transfer(c.number);
    expect(mail?.parsed.subject).toMatch(
      new RegExp(`^\\[Case ${c.number}\\] Webshop zeigt leere Seite — now with `),
    );
    expect(mail?.parsed.text).not.toContain("Other workspace");
  });

  it("sends no automatic notice for a kind whose procedure has the engineer tell the customer", async () => {
    const c = await caseFor("en");
    expect(await transfer(c.number, "told-by-phone")).toBeUndefined();
    const mail = await transfer(c.number, "transfer");
    expect(mail?.parsed.text).toContain("Hello Anna Gruber,");
  });
});
