// Issue 6 in the browser: a follow-the-sun 24x7 handover writes messages; an admin reads them in
// the Mailbox (text, headers, raw source), the Messages log shows them sent, and the case page
// lists them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase, handOverToNextRegion, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

interface Field {
  key: string;
  kind: string;
  choices?: string[];
  value: string;
  label: string;
}
interface Delivery {
  id: number;
  topic: string;
  recipient: string;
  subject: string;
  state: string;
  caseNumber: number | null;
}
interface MailboxItem {
  id: number;
  to: string;
  subject: string;
  caseNumber: number | null;
}

describe.skipIf(!hasChromium)("messages in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("shows a handover's dispatch request in the mailbox, the delivery log and the case", async () => {
    const page = await stage.signIn(await stage.person(), "agent@follow-the-sun.example");
    const owner = await me(page);
    const number = await createCase(page, {
      workspace: "follow-the-sun",
      subject: `Kafka consumers stall overnight ${Date.now()}`,
      description: "Consumers stop committing offsets during the nightly batch.",
      severity: "A",
      plan: "premier",
      is24x7: true,
      queue: "in-depth",
      product: "spark",
      ownerId: owner.id,
    });
    const options = await call<{
      version: number;
      kinds: { code: string; template: Field[] }[];
    }>(page, "GET", `/cases/${number}/transfer-options`);
    expect(options.status).toBe(200);
    const kind = options.json.kinds.find((k) => k.code === "fts-24x7");
    expect(kind).toBeDefined();
    const fields = Object.fromEntries(
      (kind?.template ?? [])
        .filter((f) => !f.value)
        .map((f) => [
          f.key,
          f.kind === "yesno" ? "Yes" : f.kind === "choice" ? (f.choices?.[0] ?? "") : `${f.label}.`,
        ]),
    );
    const transfer = await handOverToNextRegion(page, number, {
      version: options.json.version,
      fields,
    });
    expect(transfer.state).toBe("completed");

    // The worker sends within a second or so; the API says when.
    const admin = await stage.signIn(await stage.person(), "admin@follow-the-sun.example");
    let dispatch: Delivery | undefined;
    await expect
      .poll(
        async () => {
          const log = await call<{ items: Delivery[] }>(admin, "GET", `/deliveries?case=${number}`);
          dispatch = log.json.items.find((d) => d.topic === "dispatch_request");
          return dispatch?.state;
        },
        { timeout: 15_000 },
      )
      .toBe("sent");
    // The demo's case-transfer channel is Baton's own (format "local"): the entry is in the log.
    await expect
      .poll(
        async () => {
          const log = await call<{ items: Delivery[] }>(admin, "GET", `/deliveries?case=${number}`);
          const post = log.json.items.find((d) => d.topic === "chat_post");
          return post && [post.state, post.recipient, post.subject.startsWith(`Case ${number} `)];
        },
        { timeout: 15_000 },
      )
      .toEqual(["sent", "local:case-transfer", true]);
    const mailbox = await call<{ items: MailboxItem[] }>(
      admin,
      "GET",
      "/mailbox?workspace=follow-the-sun",
    );
    const item = mailbox.json.items.find(
      (m) => m.caseNumber === number && m.subject === dispatch?.subject,
    );
    expect(item).toBeDefined();
    const full = await call<{ subject: string; text: string; to: string; raw: string }>(
      admin,
      "GET",
      `/mailbox/${item?.id}`,
    );
    expect(full.status).toBe(200);

    // The mailbox: the list, then the message as text with its headers and raw source.
    await admin.goto("/w/follow-the-sun/messages");
    await admin.getByRole("link", { name: "Mailbox" }).click();
    await admin.getByRole("heading", { name: "Mailbox", level: 1 }).waitFor();
    await admin.getByRole("link", { name: full.json.subject }).first().click();
    const message = admin.getByRole("article", { name: "Message" });
    await message.getByRole("heading", { name: full.json.subject }).waitFor();
    expect(await message.locator(".mailbox-body").textContent()).toBe(full.json.text);
    expect(await message.locator(".mailbox-headers").textContent()).toContain(full.json.to);
    await message.getByText("Raw source").click();
    expect(await message.locator(".mailbox-raw pre").textContent()).toBe(full.json.raw);
    await stage.shot(admin, "mailbox-message");

    // The delivery log: the dispatch request, sent, with a link to the case.
    await admin.getByRole("link", { name: "Messages" }).click();
    await admin.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
    await admin.getByLabel("State").selectOption("sent");
    const row = admin.locator(`tr[data-delivery="${dispatch?.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("Dispatch request");
    expect(await row.locator("[data-state]").textContent()).toBe("Sent");
    expect(await row.getByRole("button", { name: "Retry" }).count()).toBe(0);
    await stage.shot(admin, "messages-log");

    // The case page lists its messages.
    await row.getByRole("link", { name: `#${number}` }).click();
    const section = admin.locator("section.case-messages");
    await section.locator(`li[data-delivery="${dispatch?.id}"]`).waitFor();
    expect(await section.locator(`li[data-delivery="${dispatch?.id}"]`).textContent()).toContain(
      dispatch?.recipient ?? "?",
    );
    await stage.shot(admin, "case-messages");

    // An agent has the Messages log (their own cases' messages) but no Mailbox.
    await page.goto("/w/follow-the-sun/messages");
    await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
    expect(await page.getByRole("link", { name: "Mailbox" }).count()).toBe(0);
  }, 90_000);
});
