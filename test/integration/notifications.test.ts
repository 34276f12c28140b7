import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import { transfers } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type { DeliveryWorker } from "../../src/jobs/deliveries.ts";
import { enqueueTransferNotifications } from "../../src/notify/transfer-notifications.ts";
import { databaseKinds } from "../support/db.ts";
import { settled, startWorker } from "../support/deliveries.ts";
import { ok } from "../support/ok.ts";
import { steadyFollowTheSun } from "../support/steady-sun.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 6, email out: a follow-the-sun handover (S1.2) tells the customer, asks the dispatch desk
// to reassign, and the owner the desk assigns is briefed. With no SMTP server configured the mail
// lands in the local mailbox, where an admin reads exactly what would have been sent.

const API = "/api/v1";

interface Delivery {
  id: number;
  key: string;
  caseNumber: number | null;
  topic: string;
  recipient: string;
  subject: string;
  state: string;
  attempts: number;
  body?: string;
}

interface MailboxMessage {
  id: number;
  deliveryId: number;
  caseNumber: number | null;
  messageId: string;
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  raw?: string;
}

describe.each(databaseKinds)("notifications of a hand-off (%s)", (kind) => {
  let world: World;
  let worker: DeliveryWorker;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let owner: TestAgent;
  let emea: TestAgent;
  let dispatcher: TestAgent;
  let admin: TestAgent;
  let lead: TestAgent;
  let outsider: TestAgent;
  let caseNumber: number;

  beforeAll(async () => {
    world = await startWorld(kind);
    // The preset names no mailboxes; this organisation's admin gives the dispatch desk one.
    const slug = `fts-mail-${kind}-${Date.now()}`;
    const policy = steadyFollowTheSun();
    for (const k of policy.transferKinds)
      if (k.artifacts.dispatchSubject)
        k.artifacts.dispatchMailbox = "dispatch@dataplatform.example";
    const made = await createWorkspace(world.database.db, { slug, name: slug, policy }, null);
    ws = { id: made.id, slug, policy: made.policy };
    owner = await buildAgent(world, ws.slug, "agent", {
      region: "APAC",
      timeZone: "Asia/Singapore",
    });
    emea = await buildAgent(world, ws.slug, "agent", {
      name: "Eva Emea",
      region: "EMEA",
      timeZone: "Europe/Berlin",
    });
    dispatcher = await buildAgent(world, ws.slug, "triage");
    admin = await buildAgent(world, ws.slug, "admin");
    lead = await buildAgent(world, ws.slug, "supervisor");
    outsider = await buildAgent(world, ws.slug, "agent");
    const customer = ok(
      await owner.api.post<{ id: string; contacts: { id: string }[] }>(
        `${API}/workspaces/${ws.slug}/customers`,
        {
          name: "Rhein Logistik",
          timeZone: "Europe/Berlin",
          language: "de",
          contacts: [{ name: "Lena Fischer", email: "lena@rhein-logistik.example" }],
        },
      ),
      201,
    );
    const created = ok(
      await owner.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        customerId: customer.id,
        contactId: customer.contacts[0]?.id,
        subject: "Spark jobs fail after the runtime upgrade",
        ownerId: owner.userId,
        queue: "in-depth",
        plan: "premier",
        severity: "A",
        product: "spark",
        is24x7: true,
        nextContactAt: "2026-11-24T10:00:00+01:00",
      }),
      201,
    );
    caseNumber = created.number;
    worker = await startWorker(world, undefined);
  });
  afterAll(async () => {
    await worker?.stop();
    await world.dispose();
  });

  it("S1.2: the handover tells the customer and the dispatch desk; the assigned owner is briefed", async () => {
    ok(
      await owner.api.post(`${API}/cases/${caseNumber}/notes`, {
        body: "Executors die with OOM since the upgrade; heap dumps collected.",
        visibility: "private",
      }),
      201,
    );
    const c = ok(await owner.api.get<CaseDetail>(`${API}/cases/${caseNumber}`));
    const kind = ws.policy.transferKinds.find((k) => k.code === "fts-24x7")!;
    // What Baton pre-fills from the case (the summary from the last notes) is left as it is.
    const fields = Object.fromEntries(
      kind.template
        .filter((f) => !f.prefill)
        .map((f) => [
          f.key,
          f.kind === "yesno" ? "Yes" : f.kind === "choice" ? (f.choices?.[0] ?? "") : `${f.label}.`,
        ]),
    );
    const transfer = ok(
      await owner.api.post<{ id: string; state: string }>(`${API}/cases/${caseNumber}/transfers`, {
        version: c.version,
        kind: "fts-24x7",
        target: { queue: "in-depth", region: "EMEA" },
        reason: "next-shift",
        fields,
        confirmations: { customerNeedsNextShift: true },
      }),
      201,
    );
    expect(transfer.state).toBe("completed");

    // completeTransfer wrote the notices with the change; written again for the same event,
    // they are still sent once.
    const db = world.database.db;
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(transfers).where(eq(transfers.id, transfer.id));
      await enqueueTransferNotifications(tx, {
        transfer: row!,
        policy: ws.policy,
        actorId: owner.userId,
      });
    });
    const back = ok(await dispatcher.api.get<CaseDetail>(`${API}/cases/${caseNumber}`));
    const assigned = ok(
      await dispatcher.api.patch<CaseDetail>(`${API}/cases/${caseNumber}`, {
        version: back.version,
        ownerId: emea.userId,
      }),
    );
    expect(assigned.owner?.id).toBe(emea.userId);

    const rows = await settled(world, ws.id);
    expect(rows.map((r) => [r.topic, r.recipient, r.state])).toEqual([
      ["customer_notice", "lena@rhein-logistik.example", "sent"],
      ["dispatch_request", "dispatch@dataplatform.example", "sent"],
      ["owner_briefing", emea.email, "sent"],
    ]);

    const mailbox = ok(
      await admin.api.get<{ items: MailboxMessage[] }>(`${API}/mailbox?workspace=${ws.slug}`),
    ).items;
    expect(mailbox).toHaveLength(3);
    const to = (address: string) => mailbox.find((m) => m.to === address)!;

    // Lena's customer speaks German, and Baton has a built-in German notice.
    const notice = to("lena@rhein-logistik.example");
    expect(notice.subject).toBe(
      `[Case ${caseNumber}] Spark jobs fail after the runtime upgrade — jetzt bei unserem Team In-depth`,
    );
    expect(notice.replyTo).toBe(`cases+${caseNumber}@baton.example`);
    expect(notice.from).toBe("support@baton.example");
    expect(notice.text).toContain("Hallo Lena Fischer,");
    expect(notice.text).toContain(
      "Ab jetzt kümmert sich unser Team In-depth in Europa, Naher Osten und Afrika darum.",
    );
    // 10:00 in Berlin, as the customer reads it and written the German way, not the APAC
    // owner's 17:00.
    expect(notice.text).toMatch(
      /Sie hören spätestens am Dienstag, 24\. November 2026 um 10:00 MEZ \(Europe\/Berlin\) wieder von uns\./,
    );
    // The brand already says "Support", and the region is named in German (issue 11).
    expect(notice.text).toContain("Ihr Team von Data Platform Support");
    expect(notice.text).not.toContain("Support Support");
    expect(notice.text).not.toContain("Europe, Middle East and Africa");

    const dispatch = to("dispatch@dataplatform.example");
    expect(dispatch.subject).toBe(
      `Data Platform Dispatch, please reassign Prem Sev A ${caseNumber} to EMEA SE - Skill: spark`,
    );
    expect(dispatch.text).toContain("HANDOVER — 24x7 handover to the next region");
    expect(dispatch.text).toContain("Executors die with OOM");

    const briefing = to(emea.email);
    expect(briefing.subject).toBe(
      `[Case ${caseNumber}] Handed to you: Spark jobs fail after the runtime upgrade`,
    );
    expect(briefing.text).toContain("Hello Eva Emea,");
    expect(briefing.text).toMatch(
      /Next customer contact: Tuesday,? 24 November 2026 at 10:00 CET \(Europe\/Berlin\)/,
    );

    // The full source, as an SMTP server would have received it.
    const source = ok(await admin.api.get<MailboxMessage>(`${API}/mailbox/${notice.id}`)).raw ?? "";
    const row = rows.find((r) => r.topic === "customer_notice")!;
    expect(source).toContain(`X-Baton-Delivery: ${row.key}`);
    expect(source).toContain(`Message-ID: <${row.key}@baton.example>`);
    expect(source).toContain(`Reply-To: cases+${caseNumber}@baton.example`);
    expect(source).toContain("Auto-Submitted: auto-generated");
    expect(source).toMatch(/^To: Lena Fischer <lena@rhein-logistik\.example>$/m);
  });

  it("shows the log to leads and admins, to owners for their own cases, and the mailbox to admins only", async () => {
    const perCase = (agent: TestAgent) =>
      agent.api.get<{ items: Delivery[] }>(`${API}/deliveries?case=${caseNumber}`);
    expect(ok(await perCase(admin)).items).toHaveLength(3);
    expect(ok(await perCase(lead)).items).toHaveLength(3);
    // Eva owns the case now; the outsider reads cases but owns none of these.
    expect(ok(await perCase(emea)).items).toHaveLength(3);
    expect(ok(await perCase(outsider)).items).toEqual([]);
    const byTopic = ok(
      await lead.api.get<{ items: Delivery[] }>(
        `${API}/deliveries?workspace=${ws.slug}&channel=email&state=sent`,
      ),
    ).items.map((d) => d.topic);
    expect(byTopic).toEqual(["owner_briefing", "dispatch_request", "customer_notice"]);
    expect(
      ok(
        await lead.api.get<{ items: Delivery[] }>(
          `${API}/deliveries?workspace=${ws.slug}&state=failed`,
        ),
      ).items,
    ).toEqual([]);

    const one = ok(
      await emea.api.get<{ items: Delivery[] }>(`${API}/deliveries?case=${caseNumber}`),
    ).items[0]!;
    const detail = ok(await emea.api.get<Delivery>(`${API}/deliveries/${one.id}`));
    expect(detail.body).toContain("Hello Eva Emea,");
    expect((await outsider.api.get(`${API}/deliveries/${one.id}`)).status).toBe(403);
    // Only leads and admins retry, and only what failed or waits.
    expect((await emea.api.post(`${API}/deliveries/${one.id}/retry`)).status).toBe(403);
    const sent = await admin.api.post<{ code: string }>(`${API}/deliveries/${one.id}/retry`);
    expect([sent.status, sent.body.code]).toEqual([422, "not_retriable"]);

    expect((await lead.api.get(`${API}/mailbox?workspace=${ws.slug}`)).status).toBe(403);
    expect((await outsider.api.get(`${API}/mailbox?workspace=${ws.slug}`)).status).toBe(403);
    // Another workspace's admin does not learn this one exists.
    const elsewhere = await buildWorkspace(world, "regional-cse");
    const stranger = await buildAgent(world, elsewhere.slug, "admin");
    expect((await stranger.api.get(`${API}/mailbox?workspace=${ws.slug}`)).status).toBe(404);
    expect((await stranger.api.get(`${API}/deliveries/${one.id}`)).status).toBe(404);
    expect((await stranger.api.get(`${API}/deliveries?case=${caseNumber}`)).status).toBe(404);
  });

  it("a transfer to a colleague names them to the customer and briefs them, unless they completed it", async () => {
    const backup = await buildAgent(world, ws.slug, "agent", {
      name: "Bea Backup",
      region: "EMEA",
      timeZone: "Europe/Lisbon",
    });
    const c = ok(await emea.api.get<CaseDetail>(`${API}/cases/${caseNumber}`));
    const kind = ws.policy.transferKinds.find((k) => k.code === "planned-leave")!;
    const fields = Object.fromEntries(
      kind.template
        .filter((f) => !f.prefill)
        .map((f) => [
          f.key,
          f.kind === "yesno" ? "Yes" : f.kind === "choice" ? (f.choices?.[0] ?? "") : "2026-12-01",
        ]),
    );
    const requested = ok(
      await emea.api.post<{ id: string; version: number; state: string }>(
        `${API}/cases/${caseNumber}/transfers`,
        {
          version: c.version,
          kind: "planned-leave",
          target: { agentId: backup.userId },
          reason: "planned-leave",
          fields,
        },
      ),
      201,
    );
    expect(requested.state).toBe("awaiting_acceptance");
    const before = (await settled(world, ws.id)).length;
    const accepted = ok(
      await backup.api.post<{ state: string }>(`${API}/transfers/${requested.id}/accept`, {
        version: requested.version,
      }),
    );
    expect(accepted.state).toBe("completed");
    const [row] = await world.database.db
      .select()
      .from(transfers)
      .where(eq(transfers.id, requested.id));
    // Bea accepted it herself: the completion tells the customer but does not mail her about
    // her own action.
    let rows = await settled(world, ws.id);
    expect(rows.slice(before).map((r) => [r.topic, r.recipient])).toEqual([
      ["customer_notice", "lena@rhein-logistik.example"],
    ]);
    // Had a supervisor completed it, Bea would be briefed; the customer is not told twice.
    await world.database.db.transaction((tx) =>
      enqueueTransferNotifications(tx, { transfer: row!, policy: ws.policy, actorId: lead.userId }),
    );
    rows = await settled(world, ws.id);
    expect(rows.slice(before).map((r) => [r.topic, r.recipient])).toEqual([
      ["customer_notice", "lena@rhein-logistik.example"],
      ["owner_briefing", backup.email],
    ]);
    const mailbox = ok(
      await admin.api.get<{ items: MailboxMessage[] }>(`${API}/mailbox?workspace=${ws.slug}`),
    ).items;
    const notice = mailbox.find((m) => m.deliveryId === rows[before]!.id)!;
    expect(notice.subject).toBe(
      `[Case ${caseNumber}] Spark jobs fail after the runtime upgrade — jetzt bei Bea Backup`,
    );
    expect(notice.text).toContain("Ab jetzt kümmert sich Bea Backup darum.");
    const briefing = mailbox.find((m) => m.deliveryId === rows[before + 1]!.id)!;
    expect(briefing.text).toContain(
      "is yours now, handed over by Eva Emea (Backup in the region for planned leave).",
    );
    expect(briefing.text).toContain(
      "Reason: Going on leave: a colleague in my region backs up this case",
    );
    // Bea works from Lisbon: her time first, then the customer's.
    expect(briefing.text).toMatch(
      /Next customer contact: Tuesday,? 24 November 2026 at 09:00 WET \(Europe\/Lisbon\), the customer's time Tuesday,? 24 November 2026 at 10:00 CET \(Europe\/Berlin\)\./,
    );
  });
});
