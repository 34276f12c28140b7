// Large files into an embedded server: what N attachments uploaded at once, and one contact's
// reply carrying M of them by mail, cost in resident memory, and whether every byte comes back.
//
//   node bench/uploads.ts [--files N] [--mb S] [--mail-files M]
//
// The server starts on a fresh demo folder with the flags `baton serve` gives itself
// (bin/runtime.js flagsFor), so BATON_HEAP_MB in the environment caps it as it would in
// production. Prints each step's answers, time, VmHWM / VmRSS and resident MB by kind.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import nodemailer from "nodemailer";
import { freePort, readMemory, residentByKind, startServe } from "./serve.ts";

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = argv.indexOf(name);
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!(value >= 0)) throw new Error(`${name} needs a number`);
  return value;
};
const files = flag("--files", 6);
const megabytes = flag("--mb", 9.5);
const mailFiles = flag("--mail-files", 2);

const log = (line: string) => console.log(line);
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
// Text, so the server's type sniffing takes it; each file different, so none is a copy.
const fileOf = (i: number) =>
  Buffer.from(`${String(i).padStart(4, "0")}${"x".repeat(95)}\n`.repeat((megabytes * 1e6) / 100));

const root = mkdtempSync(join(tmpdir(), "baton-uploads-"));
const smtpPort = await freePort();
const env = { BATON_DATA_DIR: root, BATON_INBOUND_SMTP: `127.0.0.1:${smtpPort}` };
// The first start migrates and seeds the demo (and keeps what that took): measured apart.
const seeding = await startServe({ env, timeoutMs: 180_000 });
const seeded = readMemory(seeding.pid);
const seededKinds = residentByKind(seeding.pid);
await seeding.stop();
log(
  `first start on an empty folder (migrate, demo seed): VmHWM ${seeded.hwmMb} MB, VmRSS ${seeded.rssMb} MB when healthy (${seededKinds})`,
);
// The reply by mail comes from a case's contact to that case's +number address.
const db = await PGlite.create(root);
const contact = (
  await db.query<{ number: number; email: string }>(
    `select c.number, ct.email from cases c join contacts ct on ct.id = c.contact_id
      where c.status <> 'closed' order by c.number limit 1`,
  )
).rows[0];
await db.close();
if (!contact) throw new Error("no open case with a contact in the demo data");

const server = await startServe({ env, timeoutMs: 180_000 });
const where = (step: string, started: number) => {
  const memory = readMemory(server.pid);
  const kinds = residentByKind(server.pid);
  log(
    `${step}: ${Math.round(performance.now() - started)} ms; VmHWM ${memory.hwmMb} MB, VmRSS ${memory.rssMb} MB (${kinds})`,
  );
};

try {
  where("started again on that folder", performance.now());
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "agent@regional-cse.example", password: "baton-demo-2026" }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const list = (await (
    await fetch(`${server.url}/api/v1/cases?limit=1`, { headers: { cookie } })
  ).json()) as { items: { number: number }[] };
  const number = list.items[0]?.number;
  if (!number) throw new Error("the demo agent sees no case");

  let started = performance.now();
  const sent = Array.from({ length: files }, (_, i) => fileOf(i));
  const made = await Promise.all(
    sent.map(async (bytes, i) => {
      const form = new FormData();
      form.append("file", new Blob([bytes], { type: "text/plain" }), `trace-${i}.log`);
      const reply = await fetch(`${server.url}/api/v1/cases/${number}/attachments`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfToken },
        body: form,
      });
      return { status: reply.status, body: (await reply.json()) as { url?: string } };
    }),
  );
  log(`${files} uploads of ${megabytes} MB at once: ${made.map((m) => m.status).join(", ")}`);
  where("  after the uploads", started);

  started = performance.now();
  let same = 0;
  for (const [i, answer] of made.entries()) {
    if (!answer.body.url) continue;
    const back = Buffer.from(
      await (await fetch(`${server.url}${answer.body.url}`, { headers: { cookie } })).arrayBuffer(),
    );
    if (sha(back) === sha(sent[i] ?? Buffer.alloc(0))) same++;
  }
  log(`downloads byte for byte the same: ${same} of ${files}`);
  where("  after the downloads", started);

  if (mailFiles > 0) {
    started = performance.now();
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const answer = await transport
      .sendMail({
        from: contact.email,
        to: `notifications+${contact.number}@baton.localhost`,
        subject: `Re: case ${contact.number}`,
        text: "The logs you asked for.",
        attachments: Array.from({ length: mailFiles }, (_, i) => ({
          filename: `mail-${i}.log`,
          content: fileOf(100 + i),
          contentType: "text/plain",
        })),
      })
      .then((info) => info.response)
      .catch((error: unknown) => `refused or lost: ${String(error)}`);
    log(`a reply with ${mailFiles} files of ${megabytes} MB by mail: ${answer}`);
    where("  after the mail", started);
  }
  if (/heap out of memory/.test(server.output())) log("the server ran out of heap");
} finally {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
