// How promptly the outbox goes out (issue 16): with a local SMTP peer and production's worker
// settings on PostgreSQL, (1) commit-to-accepted latency of follow-the-sun-sized bursts, (2) how
// fast 1,000 queued messages drain, against a floor measured in the same run (the same messages
// sent straight through nodemailer at the same parallelism, no database), and (3) how long
// messages a killed process had fetched wait before another process sends them.
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/deliveries.ts
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { count, eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { pino } from "pino";
import { createWorkspace } from "../src/commands/workspaces/createWorkspace.ts";
import { openPostgres } from "../src/db/client.ts";
import { deliveries } from "../src/db/schema.ts";
import { startDeliveryWorker } from "../src/jobs/deliveries.ts";
import { enqueueDeliveries } from "../src/notify/outbox.ts";
import { presets } from "../src/presets/index.ts";
import { scratchPostgres } from "../test/support/db.ts";
import { draft, mailSettings } from "../test/support/deliveries.ts";
import { startSmtpServer } from "../test/support/smtp.ts";
import { busyMeter } from "./machine.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const log = pino({ level: "silent" });

const scratch = await scratchPostgres();
const database = await openPostgres(scratch.url, 10);
const smtp = await startSmtpServer();
try {
  await database.migrate();
  const db = database.db;
  const ws = await createWorkspace(
    db,
    {
      slug: "bench-mail",
      name: "Bench",
      preset: "follow-the-sun",
      policy: presets["follow-the-sun"],
    },
    null,
  );
  const worker = await startDeliveryWorker({ database, mail: mailSettings(smtp.port), log });
  const settledCount = async () =>
    (await db.select({ n: count() }).from(deliveries).where(sql`state in ('sent', 'failed')`))[0]
      ?.n ?? 0;
  const waitSettled = async (n: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while ((await settledCount()) < n) {
      if (Date.now() > deadline) throw new Error(`only ${await settledCount()} of ${n} settled`);
      await sleep(20);
    }
  };

  // 1. Latency: 20 handovers' worth (11 messages each, as one follow-the-sun handover writes),
  // one commit each, half a second apart.
  const busyLatency = busyMeter();
  for (let i = 0; i < 20; i++) {
    const drafts = Array.from({ length: 11 }, () => draft(ws.id));
    await db.transaction((tx) => enqueueDeliveries(tx, drafts));
    await sleep(500);
  }
  await waitSettled(220, 60_000);
  const rows = await db
    .select({ ms: sql<number>`extract(epoch from sent_at - created_at) * 1000` })
    .from(deliveries)
    .where(eq(deliveries.state, "sent"));
  const latency = rows.map((r) => Number(r.ms));
  console.log(
    `latency  ${latency.length} messages in 20 commits: p50 ${pct(latency, 50).toFixed(0)} ms, ` +
      `p95 ${pct(latency, 95).toFixed(0)} ms, max ${Math.max(...latency).toFixed(0)} ms ` +
      `(CPU ${busyLatency()}% busy)`,
  );

  // 2. Drain: 1,000 messages committed at once.
  const before = await settledCount();
  const busyDrain = busyMeter();
  const drain = Array.from({ length: 1000 }, () => draft(ws.id));
  const started = Date.now();
  await db.transaction((tx) => enqueueDeliveries(tx, drain));
  await waitSettled(before + 1000, 120_000);
  const drainSeconds = (Date.now() - started) / 1000;
  const drainCpu = busyDrain();
  await worker.stop();

  // The floor: the same 1,000 messages straight to the same peer, 20 at a time (2 pollers x 10).
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: smtp.port,
    pool: true,
    maxConnections: 2,
  });
  const floorStart = Date.now();
  for (let i = 0; i < drain.length; i += 20)
    await Promise.all(
      drain.slice(i, i + 20).map((d) =>
        transport.sendMail({
          from: "bench@baton.example",
          to: `floor-${d.recipient}`,
          subject: d.subject,
          text: d.body,
        }),
      ),
    );
  const floorSeconds = (Date.now() - floorStart) / 1000;
  transport.close();
  console.log(
    `drain    1000 messages in ${drainSeconds.toFixed(1)} s = ${(1000 / drainSeconds).toFixed(0)}/s ` +
      `(CPU ${drainCpu}% busy); floor (nodemailer alone) ${(1000 / floorSeconds).toFixed(0)}/s; ` +
      `ratio ${(floorSeconds / drainSeconds).toFixed(2)}`,
  );

  // 3. A process killed while it holds fetched messages: its peer never answers DATA, so the
  // messages are mid-send when kill -9 lands; another process with production settings takes over.
  smtp.mode = "never-answer-data";
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("../test/support/worker-process.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        DATABASE_URL: scratch.url,
        SMTP_PORT: String(smtp.port),
        WORKER_OPTIONS: "production",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve) =>
    child.stdout.on("data", (c: Buffer) => c.toString().includes("ready") && resolve()),
  );
  const crashed = Array.from({ length: 5 }, () => draft(ws.id));
  const settledBefore = await settledCount();
  await db.transaction((tx) => enqueueDeliveries(tx, crashed));
  while (smtp.unacknowledged.length < 1) await sleep(20);
  await sleep(500);
  child.kill("SIGKILL");
  const killedAt = Date.now();
  smtp.mode = "accept";
  const survivor = await startDeliveryWorker({ database, mail: mailSettings(smtp.port), log });
  await waitSettled(settledBefore + crashed.length, 180_000);
  const resumed = (Date.now() - killedAt) / 1000;
  await survivor.stop();
  const keys = new Set(smtp.received.map((m) => m.parsed.headers.get("x-baton-delivery")));
  const twice = smtp.unacknowledged.filter((m) =>
    keys.has(m.parsed.headers.get("x-baton-delivery")),
  ).length;
  console.log(
    `crash    ${crashed.length} messages of a process killed mid-send all sent ${resumed.toFixed(1)} s after ` +
      `kill -9; ${twice} of them had reached the peer before (unacknowledged) and arrived again`,
  );
} finally {
  await database.close();
  await smtp.close();
  await scratch.drop();
}
