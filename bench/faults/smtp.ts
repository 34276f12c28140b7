// Drill c: the SMTP peer defers every recipient (451), then is down (connections refused), then
// comes back; one recipient is refused for good (550). Every message must arrive exactly once at
// the peer once it is back, the 550 one must end `failed` with the peer's reason, none twice.
//
// The short form runs the delivery worker in a process of its own with the tests' shrunk retry
// schedule (test/support/worker-process.ts: retries after 0.2, 0.4, 0.8 s); the long form runs
// `baton serve` itself with production's schedule (1 min, then 5 min), so it takes some minutes.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { sqlExecutor } from "../../src/db/driver.ts";
import { enqueueDeliveries } from "../../src/notify/outbox.ts";
import { draft } from "../../test/support/deliveries.ts";
import { startSmtpServer } from "../../test/support/smtp.ts";
import {
  type DrillOptions,
  type DrillResult,
  openTarget,
  prepare,
  scratchDatabase,
  serve,
  sleep,
  WORKSPACE,
} from "./support.ts";

const WORKER = fileURLToPath(new URL("../../test/support/worker-process.ts", import.meta.url));
const REFUSED = "nobody@customer.example";

export async function smtpDrill(options: DrillOptions): Promise<DrillResult> {
  const messages = options.long ? 60 : 20;
  // Production: the first attempt meets 451, the retry a minute later meets a closed port, and
  // the one five minutes after that finds the peer back (at 4 min 45 s).
  const deferMs = options.long ? 45_000 : 3_000;
  const downMs = options.long ? 240_000 : 4_000;
  const settleMs = options.long ? 900_000 : 60_000;
  const failures: string[] = [];
  const scratch = await scratchDatabase(options.adminUrl);
  const smtp = await startSmtpServer();
  let stopSender: (() => Promise<void>) | undefined;
  try {
    const target = { kind: "postgres" as const, url: scratch.url };
    await prepare(target);
    smtp.mode = "rcpt-451";
    smtp.rejecting = new Set([REFUSED]);
    if (options.long) {
      const server = await serve(target, {
        BATON_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        BATON_MAIL_FROM: "Baton Drill <support@baton.example>",
      });
      stopSender = () => server.stop();
    } else {
      const child = spawn(process.execPath, [WORKER], {
        env: { ...process.env, DATABASE_URL: scratch.url, SMTP_PORT: String(smtp.port) },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const [chunk] = (await once(child.stdout, "data")) as [Buffer];
      if (!chunk.toString().includes("ready")) throw new Error("the worker did not start");
      stopSender = async () => {
        if (child.exitCode === null) {
          child.kill("SIGTERM");
          await once(child, "exit");
        }
      };
    }

    const database = await openTarget(target);
    const sql = sqlExecutor(database.db);
    const rows = async (text: string) =>
      (await sql.executeSql(text)).rows as Record<string, unknown>[];
    const settled = async () =>
      rows("SELECT recipient, state, attempts, last_error, sent_at FROM deliveries");
    try {
      const [ws] = await rows(`SELECT id FROM workspaces WHERE slug = '${WORKSPACE}'`);
      const recipients = Array.from(
        { length: messages - 1 },
        (_, i) => `customer-${i}@customer.example`,
      );
      const written = Date.now();
      await database.db.transaction((tx) =>
        enqueueDeliveries(
          tx,
          [...recipients, REFUSED].map((recipient) => draft(String(ws?.id), { recipient })),
        ),
      );
      options.log(`  ${messages} messages written; the peer answers 451 for ${deferMs / 1000} s`);
      await sleep(deferMs);
      const deferredAttempts = smtp.received.length;
      await smtp.close();
      options.log(`  the peer is down for ${downMs / 1000} s`);
      await sleep(downMs);
      smtp.mode = "accept";
      await smtp.listen();
      const back = Date.now();
      options.log("  the peer is back");
      let last: Record<string, unknown>[] = [];
      const deadline = back + settleMs;
      while (Date.now() < deadline) {
        last = await settled();
        if (last.every((r) => r.state === "sent" || r.state === "failed")) break;
        await sleep(250);
      }
      const allSettledAt = Date.now();
      // A last look a moment later: a second copy would arrive just after the first.
      await sleep(options.long ? 15_000 : 2_000);

      const byRecipient = new Map<string, number>();
      for (const mail of smtp.received)
        for (const to of mail.envelope.to) byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
      const duplicated = [...byRecipient.values()].filter((n) => n > 1).length;
      const missing = recipients.filter((r) => !byRecipient.has(r));
      const sent = last.filter((r) => r.state === "sent");
      const refused = last.find((r) => r.recipient === REFUSED);
      const unsettled = last.filter((r) => r.state !== "sent" && r.state !== "failed");
      const sentAt = sent.map((r) => new Date(String(r.sent_at)).getTime());
      const attempts = last.reduce((n, r) => n + Number(r.attempts), 0);

      if (deferredAttempts !== 0)
        failures.push(`${deferredAttempts} messages arrived while the peer answered 451`);
      if (missing.length)
        failures.push(`${missing.length} recipients never got theirs, e.g. ${missing[0]}`);
      if (duplicated) failures.push(`${duplicated} recipients got their message more than once`);
      if (unsettled.length)
        failures.push(`${unsettled.length} messages still ${String(unsettled[0]?.state)}`);
      if (refused?.state !== "failed" || !/550/.test(String(refused?.last_error)))
        failures.push(
          `the 550 recipient ended ${String(refused?.state)} (${String(refused?.last_error)}), expected failed with 550`,
        );
      if (byRecipient.has(REFUSED)) failures.push("the refused recipient's message was accepted");
      return {
        name: `c. SMTP 451, down, back; one 550 (${options.long ? "baton serve, production retries" : "worker process, shrunk retries"})`,
        figures: {
          messages,
          "sent / failed": `${sent.length} / ${last.filter((r) => r.state === "failed").length}`,
          "received at the peer": smtp.received.length,
          lost: missing.length,
          duplicated,
          attempts,
          "the 550 one": `${String(refused?.state)}: ${String(refused?.last_error).slice(0, 80)}`,
          "delayed: written → last sent, s": sentAt.length
            ? ((Math.max(...sentAt) - written) / 1000).toFixed(1)
            : "—",
          "delayed: peer back → all settled, s": ((allSettledAt - back) / 1000).toFixed(1),
        },
        failures,
      };
    } finally {
      await database.close();
    }
  } finally {
    await stopSender?.();
    await smtp.close();
    await scratch.drop();
  }
}
