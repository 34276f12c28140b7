import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { driverOf } from "../../src/db/driver.ts";
import { deliveries } from "../../src/db/schema.ts";
import type { DeliveryWorker } from "../../src/jobs/deliveries.ts";
import { setPublicUrl } from "../../src/notify/in-app.ts";
import { enqueueDeliveries } from "../../src/notify/outbox.ts";
import { databaseKinds } from "../support/db.ts";
import { deliveriesOf, draft, enqueue, settled, startWorker } from "../support/deliveries.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";
import { buildAgent, buildWorkspace, startWorld, type World } from "../support/world.ts";

// The outbox against a real SMTP server on loopback: every message arrives exactly once, through
// outages, refusals, rollbacks and workers that stop between commit and delivery.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(databaseKinds)("delivering email (%s)", (kind) => {
  let world: World;
  let smtp: TestSmtpServer;
  const workers: DeliveryWorker[] = [];
  const start = async (
    ...args: Parameters<typeof startWorker> extends [World, ...infer R] ? R : never
  ) => {
    const w = await startWorker(world, ...args);
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    world = await startWorld(kind);
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    smtp.mode = "accept";
    smtp.rejecting = new Set();
    if (!smtp.port) await smtp.listen();
  });
  afterAll(async () => {
    await smtp.close();
    await world.dispose();
  });

  const arrivalsFor = (key: string) =>
    smtp.received.filter((m) => m.parsed.headers.get("x-baton-delivery") === key);

  it("sends each message once, with its headers, even with two workers competing", async () => {
    const ws = await buildWorkspace(world);
    const drafts = Array.from({ length: 6 }, () => draft(ws.id, { caseNumber: 100042 }));
    await enqueue(world, drafts);
    // Two processes starting at once on PostgreSQL; PGlite has one process (decision 0003).
    if (kind === "postgres") await Promise.all([start(smtp.port), start(smtp.port)]);
    else for (const _ of [1, 2]) await start(smtp.port);
    const rows = await settled(world, ws.id);
    expect(rows.map((r) => r.state)).toEqual(drafts.map(() => "sent"));
    for (const row of rows) {
      const arrived = arrivalsFor(row.key);
      expect(arrived).toHaveLength(1);
      const mail = arrived[0]!;
      expect(mail.envelope.to).toEqual([row.recipient]);
      expect(mail.parsed.from?.value).toEqual([
        { name: "Baton Support", address: "support@baton.example" },
      ]);
      expect(mail.parsed.to).toMatchObject({
        value: [{ address: row.recipient, name: "Casey Customer" }],
      });
      expect(mail.parsed.replyTo?.value[0]?.address).toBe("cases+100042@baton.example");
      expect(mail.parsed.subject).toBe(row.subject);
      expect(mail.parsed.messageId).toBe(`<${row.key}@baton.example>`);
      expect(mail.parsed.headers.get("auto-submitted")).toBe("auto-generated");
      expect(mail.parsed.text?.trim()).toBe(row.body);
      // Threaded under the case, with the same words as HTML; a customer gets no list headers
      // and no link into Baton.
      expect(mail.parsed.inReplyTo).toBe("<case-100042@baton.example>");
      expect(mail.parsed.references).toBe("<case-100042@baton.example>");
      expect(mail.parsed.html).toContain(`<p>${row.body}</p>`);
      expect(mail.parsed.headers.has("list-id")).toBe(false);
      expect(row.attempts).toBe(1);
      expect(row.response).toMatch(/^250/);
    }
  });

  it("gives team mail a link into Baton, as text and HTML, and a List-Id", async () => {
    const ws = await buildWorkspace(world);
    const briefing = draft(ws.id, {
      caseNumber: 100077,
      topic: "owner_briefing",
      body: "Case #100077 is yours now.\n\nThe customer waits for <logs> & a call.",
    });
    const approval = draft(ws.id, { caseNumber: 100078, topic: "approval_request" });
    setPublicUrl("https://baton.example.com/");
    try {
      await enqueue(world, [briefing, approval]);
      await start(smtp.port);
      const rows = await settled(world, ws.id);
      expect(rows.map((r) => r.state)).toEqual(["sent", "sent"]);
    } finally {
      setPublicUrl(undefined);
    }
    const [mail] = smtp.received.filter((m) => m.parsed.subject === briefing.subject);
    expect(mail?.parsed.text).toBe(
      `${briefing.body}\n\n-- \nOpen in Baton: https://baton.example.com/cases/100077\n`,
    );
    expect(mail?.parsed.html).toContain("<p>The customer waits for &lt;logs&gt; &amp; a call.</p>");
    expect(mail?.parsed.html).toContain(
      'Open in Baton: <a href="https://baton.example.com/cases/100077">https://baton.example.com/cases/100077</a>',
    );
    expect(mail?.raw).toMatch(
      // Folded onto a second line by the mailer: the whitespace may be a line break.
      new RegExp(
        `^List-Id: Baton team mail\\s+<${ws.id}\\.notifications\\.baton\\.example>\r$`,
        "im",
      ),
    );
    expect(mail?.parsed.inReplyTo).toBe("<case-100077@baton.example>");
    const [asked] = smtp.received.filter((m) => m.parsed.subject === approval.subject);
    expect(asked?.parsed.text).toContain(
      "Open in Baton: https://baton.example.com/transfers/approvals",
    );
  });

  it("keeps CR/LF in user input out of the headers", async () => {
    const ws = await buildWorkspace(world);
    const evil = draft(ws.id, {
      subject: "Printer down\r\nBcc: thief@evil.example\r\n\r\nInjected body",
      recipientName: "Casey\r\nX-Injected: yes",
    });
    const list = draft(ws.id, { recipient: "lena@rhein.example, thief@evil.example" });
    await enqueue(world, [evil, list]);
    await start(smtp.port);
    const [row, refused] = await settled(world, ws.id);
    expect(row?.state).toBe("sent");
    // An address that could name a second recipient is logged as failed, never sent.
    expect(refused).toMatchObject({ state: "failed", attempts: 0 });
    expect(refused?.lastError).toMatch(/not a plain email address/);
    const [mail] = arrivalsFor(row!.key);
    expect(mail?.envelope.to).toEqual([evil.recipient]);
    expect(mail?.parsed.subject).toBe("Printer down Bcc: thief@evil.example Injected body");
    expect(mail?.parsed.bcc).toBeUndefined();
    expect(mail?.parsed.headers.has("x-injected")).toBe(false);
    expect(mail?.parsed.to).toMatchObject({ value: [{ name: "Casey X-Injected: yes" }] });
    expect(smtp.received.some((m) => m.envelope.to.includes("thief@evil.example"))).toBe(false);
  });

  it("waits out an outage (refused, 421, 451) and then delivers every message once", async () => {
    const ws = await buildWorkspace(world);
    const port = smtp.port;
    await smtp.close();
    const drafts = Array.from({ length: 4 }, () => draft(ws.id));
    await enqueue(world, drafts);
    await start(port);
    const waitingWith = async (pattern: RegExp) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const rows = await deliveriesOf(world, ws.id);
        if (rows.every((r) => r.state === "retrying" && pattern.test(r.lastError ?? "")))
          return rows;
        if (Date.now() > deadline)
          throw new Error(`not waiting with ${pattern}: ${JSON.stringify(rows)}`);
        await sleep(100);
      }
    };
    // Nothing listening: connection refused.
    await waitingWith(/ECONNREFUSED|connect/i);
    smtp.mode = "greeting-421";
    await smtp.listen();
    await waitingWith(/^421/);
    smtp.mode = "rcpt-451";
    await waitingWith(/^451/);
    expect(
      smtp.received.filter((m) => drafts.some((d) => d.recipient === m.envelope.to[0])),
    ).toEqual([]);
    smtp.mode = "accept";
    const rows = await settled(world, ws.id);
    for (const row of rows) {
      expect(row.state).toBe("sent");
      expect(row.attempts).toBeGreaterThan(2);
      expect(arrivalsFor(row.key)).toHaveLength(1);
    }
  });

  it("fails a recipient the server refuses (550) without holding up the others", async () => {
    const ws = await buildWorkspace(world);
    const refused = draft(ws.id);
    const others = Array.from({ length: 3 }, () => draft(ws.id));
    smtp.rejecting = new Set([refused.recipient]);
    // The refused one first, so the others queue behind it.
    await enqueue(world, [refused, ...others]);
    await start(smtp.port);
    const rows = await settled(world, ws.id);
    const byRecipient = new Map(rows.map((r) => [r.recipient, r]));
    const failed = byRecipient.get(refused.recipient);
    expect(failed).toMatchObject({ state: "failed", attempts: 1 });
    expect(failed?.lastError).toMatch(/^550 /);
    for (const d of others) {
      const row = byRecipient.get(d.recipient);
      expect(row?.state).toBe("sent");
      expect(arrivalsFor(row!.key)).toHaveLength(1);
    }
    expect(arrivalsFor(failed!.key)).toHaveLength(0);

    // The address is fixed on the receiving side; an admin sends it again by hand.
    smtp.rejecting = new Set();
    const admin = await buildAgent(world, ws.slug, "admin");
    const retried = await admin.api.post<{ state: string; attempts: number }>(
      `/api/v1/deliveries/${failed!.id}/retry`,
    );
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: "queued", attempts: 0 });
    const again = (await settled(world, ws.id)).find((r) => r.id === failed!.id);
    expect(again).toMatchObject({ state: "sent", attempts: 1, retriedBy: admin.userId });
    expect(arrivalsFor(failed!.key)).toHaveLength(1);
  });

  it("sends nothing for a change that rolled back", async () => {
    const ws = await buildWorkspace(world);
    const lost = draft(ws.id);
    await start(smtp.port);
    await world.database.db
      .transaction(async (tx) => {
        await enqueueDeliveries(tx, [lost]);
        throw new Error("the change failed after writing its messages");
      })
      .catch(() => {});
    const kept = draft(ws.id);
    await enqueue(world, [kept]);
    const rows = await settled(world, ws.id);
    expect(rows.map((r) => r.recipient)).toEqual([kept.recipient]);
    expect(smtp.received.some((m) => m.envelope.to.includes(lost.recipient))).toBe(false);
  });

  it("delivers once what was committed while no worker ran, or whose worker stopped before sending", async () => {
    const ws = await buildWorkspace(world);
    const beforeAnyWorker = draft(ws.id);
    await enqueue(world, [beforeAnyWorker]);
    // A process that relays but never sends: its jobs are written, then it goes away.
    const relayOnly = await start(smtp.port, { concurrency: 0 });
    const jobbed = draft(ws.id);
    await enqueue(world, [jobbed]);
    const deadline = Date.now() + 10_000;
    while ((await deliveriesOf(world, ws.id)).some((r) => r.jobId === null)) {
      if (Date.now() > deadline) throw new Error("relay did not give the messages jobs");
      await sleep(50);
    }
    await relayOnly.stop();
    workers.splice(workers.indexOf(relayOnly), 1);
    expect(smtp.received.some((m) => m.envelope.to.includes(jobbed.recipient))).toBe(false);
    await start(smtp.port);
    const rows = await settled(world, ws.id);
    for (const row of rows) {
      expect(row.state).toBe("sent");
      expect(arrivalsFor(row.key)).toHaveLength(1);
    }
  });

  it("takes over an attempt whose process died mid-send, once its lease has run out", async () => {
    const ws = await buildWorkspace(world);
    const d = draft(ws.id);
    await enqueue(world, [d]);
    // What a process killed during the SMTP conversation leaves behind: the message claimed by
    // a job that no live worker holds, its lease running out.
    await world.database.db
      .update(deliveries)
      .set({
        state: "sending",
        attempts: 1,
        jobId: "00000000-0000-4000-8000-000000000000",
        leaseUntil: sql`now() - interval '5 seconds'`,
      })
      .where(eq(deliveries.recipient, d.recipient));
    await start(smtp.port);
    const [row] = await settled(world, ws.id);
    expect(row).toMatchObject({ state: "sent", attempts: 2 });
    expect(arrivalsFor(row!.key)).toHaveLength(1);
  });

  // A real crash, not a stop: PostgreSQL only, since PGlite lives inside one process.
  it.runIf(kind === "postgres")(
    "delivers once after the sending process is killed mid-conversation",
    async () => {
      const ws = await buildWorkspace(world);
      const d = draft(ws.id);
      smtp.mode = "never-answer-data";
      const driver = driverOf(world.database.db);
      const url = driver.kind === "postgres" ? driver.pool?.options.connectionString : undefined;
      const child = spawn(
        process.execPath,
        [fileURLToPath(new URL("../support/worker-process.ts", import.meta.url))],
        {
          env: { ...process.env, DATABASE_URL: url, SMTP_PORT: String(smtp.port) },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on("data", (chunk: Buffer) => {
            if (chunk.toString().includes("ready")) resolve();
          });
          child.on("exit", (code) => reject(new Error(`worker process exited with ${code}`)));
        });
        await enqueue(world, [d]);
        const deadline = Date.now() + 15_000;
        while (!smtp.unacknowledged.some((m) => m.envelope.to.includes(d.recipient))) {
          if (Date.now() > deadline) throw new Error("the worker process never sent the message");
          await sleep(50);
        }
      } finally {
        child.kill("SIGKILL");
      }
      const [inFlight] = await deliveriesOf(world, ws.id);
      expect(inFlight).toMatchObject({ state: "sending", attempts: 1 });

      smtp.mode = "accept";
      await start(smtp.port);
      const [row] = await settled(world, ws.id);
      expect(row).toMatchObject({ state: "sent", attempts: 2 });
      expect(arrivalsFor(row!.key)).toHaveLength(1);
      // The copy the dead process had sent carries the same key: a receiver can tell it is one.
      const orphan = smtp.unacknowledged.find((m) => m.envelope.to.includes(d.recipient));
      expect(orphan?.parsed.headers.get("x-baton-delivery")).toBe(row!.key);
    },
  );

  // pg-boss's LISTEN rides the process's one listening connection (src/jobs/job-queue.ts). With
  // pollers that look only every 60 s, a message sent within seconds was woken by its NOTIFY.
  it.runIf(kind === "postgres")(
    "wakes a worker by NOTIFY on the process's one LISTEN connection, also after it was lost",
    async () => {
      const ws = await buildWorkspace(world);
      await start(smtp.port, { pollingIntervalSeconds: 60, notifyPollingIntervalSeconds: 60 });
      const sentSoon = async () => {
        const d = draft(ws.id);
        await enqueue(world, [d]);
        const rows = await settled(world, ws.id, 10_000);
        expect(rows.find((r) => r.recipient === d.recipient)?.state).toBe("sent");
      };
      // The first may go with the pollers' first look; each next one only by NOTIFY.
      await sentSoon();
      await sentSoon();
      const listening = world.database.listening?.();
      expect(listening?.connected).toBe(true);
      const admin = driverOf(world.database.db);
      if (admin.kind !== "postgres" || !admin.pool) throw new Error("no PostgreSQL pool");
      const ended = await admin.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
      );
      expect(ended.rowCount).toBe(1);
      await expect
        .poll(() => world.database.listening?.().reconnects, { timeout: 10_000 })
        .toBe((listening?.reconnects ?? 0) + 1);
      await sentSoon();
      await sentSoon();
    },
    60_000,
  );
});
