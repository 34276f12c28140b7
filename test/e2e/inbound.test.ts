// Issue 6, email in, in the browser: a reply from someone Baton does not know is held; an admin
// finds it under Inbound mail, attaches it to the case, and the case page shows the emailed note
// with its attachment, which downloads byte for byte.
import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("inbound mail in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("lets an admin attach a held reply to a case, where it shows with its attachment", async () => {
    const admin = await stage.signIn(await stage.person(), "admin@follow-the-sun.example");
    const subject = `Kafka consumers stall overnight ${Date.now()}`;
    const number = await createCase(admin, { workspace: "follow-the-sun", subject });
    const inbound = stage.server.inbound;
    expect(inbound, "the server runs the inbound SMTP listener").toBeDefined();
    const bytes = randomBytes(5000);
    await nodemailer
      .createTransport({ host: "127.0.0.1", port: inbound?.port, secure: false, ignoreTLS: true })
      .sendMail({
        from: "Priya Raman <priya@partner.example>",
        to: `notifications+${number}@baton.localhost`,
        subject: `Re: [Case ${number}] ${subject}`,
        text: "Our partner team sees the same stall; consumer logs attached.",
        attachments: [{ filename: "consumer.log", content: bytes }],
      });

    await admin.getByRole("link", { name: "Inbound mail" }).click();
    await admin.getByRole("heading", { name: "Inbound mail" }).waitFor();
    await admin.getByRole("link", { name: `Re: [Case ${number}] ${subject}` }).click();
    const message = admin.getByRole("article", { name: "Inbound message" });
    await expect.poll(() => message.getByText(/not a contact/).count()).toBeGreaterThan(0);
    expect(await message.getByLabel("Case number").inputValue()).toBe(String(number));
    await stage.shot(admin, "inbound-held");
    await message.getByRole("button", { name: "Attach to case" }).click();
    await message.getByText("attached", { exact: true }).waitFor();

    await admin
      .getByRole("link", { name: `#${number}` })
      .first()
      .click();
    const note = admin.getByRole("article", { name: /Public note by Priya Raman/ });
    await note.waitFor();
    await note.getByText("Email from Priya Raman").waitFor();
    await note.getByText(/Our partner team sees the same stall/).waitFor();
    const link = note.getByRole("link", { name: "consumer.log" });
    await link.waitFor();
    await note.scrollIntoViewIfNeeded();
    await stage.shot(admin, "inbound-note-on-case");
    const href = await link.getAttribute("href");
    const download = await admin.request.get(href ?? "");
    expect(download.status()).toBe(200);
    expect(Buffer.compare(await download.body(), bytes)).toBe(0);
    const timeline = await call<{ items: { data: { source?: string } | null }[] }>(
      admin,
      "GET",
      `/cases/${number}/timeline`,
    );
    expect(timeline.json.items.filter((i) => i.data?.source === "email")).toHaveLength(1);
  });
});
