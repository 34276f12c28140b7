// Three `baton serve` processes on one PostgreSQL database, as behind a load balancer
// (docs/deploy.md): one case driven through all three, a stale write refused whichever process
// takes it, and a change made through one reaching a live stream held open on another
// (docs/decisions/0004: live events travel through the database's NOTIFY).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  call,
  createCase,
  openStream,
  prepare,
  QUEUES,
  serve,
  TRANSFER,
} from "../../bench/faults/support.ts";
import type { ServeChild } from "../../bench/serve.ts";
import { databaseKinds, scratchPostgres } from "../support/db.ts";

describe.skipIf(!databaseKinds.includes("postgres"))("three processes, one PostgreSQL", () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
  const servers: ServeChild[] = [];
  let token = "";
  let a = "";
  let b = "";
  let c = "";

  beforeAll(async () => {
    scratch = await scratchPostgres();
    const target = { kind: "postgres" as const, url: scratch.url };
    token = (await prepare(target)).token;
    for (let i = 0; i < 3; i++) servers.push(await serve(target, { BATON_DB_POOL: "3" }));
    [a, b, c] = servers.map((s) => s.url) as [string, string, string];
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await scratch?.drop();
  });

  it("creates in one, notes in another, transfers in the third, and all three read the same", async () => {
    const created = await createCase(a, token, "Printer on fire, three processes");
    const note = await call(b, token, "POST", `/api/v1/cases/${created.number}/notes`, {
      body: "Noted through process B",
      visibility: "private",
    });
    expect(note.status).toBe(201);
    const before = await call(c, token, "GET", `/api/v1/cases/${created.number}`);
    const to = before.body.queue === QUEUES[0] ? QUEUES[1] : QUEUES[0];
    const transfer = await call(c, token, "POST", `/api/v1/cases/${created.number}/transfers`, {
      ...TRANSFER,
      version: Number(before.body.version),
      target: { queue: to },
    });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(201);

    const reads = await Promise.all(
      [a, b, c].map((url) => call(url, token, "GET", `/api/v1/cases/${created.number}`)),
    );
    for (const read of reads) {
      expect(read.status).toBe(200);
      expect(read.body.queue).toBe(to);
      expect(read.body.version).toBe(reads[0]?.body.version);
    }
    for (const url of [a, b, c]) {
      const timeline = await call(url, token, "GET", `/api/v1/cases/${created.number}/timeline`);
      expect(JSON.stringify(timeline.body)).toContain("Noted through process B");
    }

    // The version A read at the start is stale now, whichever process is asked.
    const stale = await call(a, token, "PATCH", `/api/v1/cases/${created.number}`, {
      version: created.version,
      subject: "An old tab's idea",
    });
    expect(stale.status).toBe(409);
    const after = await call(b, token, "GET", `/api/v1/cases/${created.number}`);
    expect(after.body.subject).toBe("Printer on fire, three processes");
  });

  it("shows a live stream on A a change made through C", async () => {
    const created = await createCase(b, token, "Live across processes");
    const stream = await openStream(a, token);
    try {
      // The stream is subscribed once its first bytes came back; the change comes after.
      const changed = await call(c, token, "PATCH", `/api/v1/cases/${created.number}`, {
        version: created.version,
        subject: "Changed through C",
      });
      expect(changed.status).toBe(200);
      await expect
        .poll(() => stream.events.some((e) => e.number === created.number), { timeout: 10_000 })
        .toBe(true);
    } finally {
      stream.close();
    }
  });

  it("takes notes on one case from all three at once (no deadlock)", async () => {
    const created = await createCase(c, token, "Everyone notes at once");
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        call([a, b, c][i % 3]!, token, "POST", `/api/v1/cases/${created.number}/notes`, {
          body: `note ${i}`,
          visibility: "private",
        }),
      ),
    );
    expect(answers.map((x) => x.status)).toEqual(Array(12).fill(201));
  });
});
