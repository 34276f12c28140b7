// Issue 6 in the browser: an admin words the customer notice in German on the Templates page,
// with variables inserted by click and the server's preview; a stale save shows a conflict to
// reload; then a handover of a case whose contact speaks German sends exactly that wording, as
// the Mailbox shows.
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
}

const WS = "follow-the-sun";

describe.skipIf(!hasChromium)("message templates in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("an admin's German customer notice is what a German-speaking contact receives", async () => {
    const admin = await stage.signIn(await stage.person(), `admin@${WS}.example`);
    await admin.goto(`/w/${WS}/messages`);
    await admin.getByRole("link", { name: "Templates" }).click();
    await admin.getByRole("heading", { name: "Templates", level: 1 }).waitFor();
    await admin.getByLabel("Message").selectOption("customer_notice");
    // The page's own language field, not the user menu's language of the app.
    await admin.getByRole("main").getByLabel("Language", { exact: true }).selectOption("de");
    await admin.getByText("The built-in de wording").waitFor();

    const editor = admin.getByRole("form", { name: "Wording" });
    const subject = editor.getByLabel("Subject", { exact: true });
    const text = editor.getByLabel("Text", { exact: true });
    await subject.fill("Neuigkeiten zu Ihrem Fall ");
    await subject.press("End");
    // After an insert the page puts the caret back in the field on the next frame; wait for
    // that, as a person would, before placing the caret somewhere else.
    const focused = (field: typeof subject) =>
      expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await admin.getByRole("button", { name: "{{caseTag}}" }).click();
    await expect.poll(() => subject.inputValue()).toBe("Neuigkeiten zu Ihrem Fall {{caseTag}}");
    await focused(subject);
    await text.fill("Guten Tag ,\n\nIhr Anliegen liegt jetzt bei .\n\nMit freundlichen Grüßen");
    // Click where the names go, then the variable: it lands at the cursor.
    await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(10, 10));
    await admin.getByRole("button", { name: "{{contactName}}" }).click();
    await focused(text);
    await text.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf(" .") + 1;
      el.setSelectionRange(at, at);
    });
    await admin.getByRole("button", { name: "{{holder}}" }).click();
    expect(await subject.inputValue()).toBe("Neuigkeiten zu Ihrem Fall {{caseTag}}");
    expect(await text.inputValue()).toBe(
      "Guten Tag {{contactName}},\n\nIhr Anliegen liegt jetzt bei {{holder}}.\n\nMit freundlichen Grüßen",
    );

    // The server renders the preview with sample facts once typing pauses.
    const preview = admin.getByRole("region", { name: "Preview" });
    await preview.getByText("Guten Tag Lena Fischer,").waitFor();
    expect(await preview.textContent()).toContain("Neuigkeiten zu Ihrem Fall [Case 100042]");
    // An unknown placeholder is named under its field before anything is saved.
    await text.fill("Guten Tag {{kundenName}}");
    await admin.getByText("unknown placeholder {{kundenName}}").waitFor();
    await text.fill(
      "Guten Tag {{contactName}},\n\nIhr Anliegen liegt jetzt bei {{holder}}.\n\nMit freundlichen Grüßen",
    );
    await admin.getByRole("button", { name: "Save" }).click();
    await admin.getByText("This workspace's own wording (version 1)").waitFor();
    await stage.shot(admin, "templates-editor");

    // Someone else saves meanwhile: saving the stale wording shows the conflict, Reload fetches theirs.
    const other = await call<{ version: number }>(
      admin,
      "PUT",
      `/workspaces/${WS}/templates/customer_notice/de`,
      {
        subject: "{{caseTag}} Ihr Fall {{caseNumber}}: {{caseSubject}}",
        text: "Guten Tag {{contactName}},\n\nIhr Fall ist jetzt bei {{holder}}.\n\nIhr {{brand}} Support",
        version: 1,
      },
    );
    expect(other.status).toBe(200);
    await subject.fill("Veraltet {{caseTag}}");
    await admin.getByRole("button", { name: "Save" }).click();
    const alert = admin.getByRole("alert").filter({ hasText: "changed this wording meanwhile" });
    await alert.waitFor();
    await alert.getByRole("button", { name: "Reload" }).click();
    await admin.getByText("This workspace's own wording (version 2)").waitFor();
    expect(await subject.inputValue()).toBe("{{caseTag}} Ihr Fall {{caseNumber}}: {{caseSubject}}");

    // A case of a German-speaking customer is handed to the next region.
    const agent = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    const owner = await me(agent);
    const contactEmail = `lena.${Date.now()}@rhein-logistik.example`;
    const customer = await call<{ id: string; contacts: { id: string }[] }>(
      agent,
      "POST",
      `/workspaces/${WS}/customers`,
      {
        name: `Rhein Logistik ${Date.now()}`,
        timeZone: "Europe/Berlin",
        language: "de",
        contacts: [{ name: "Lena Fischer", email: contactEmail }],
      },
    );
    expect(customer.status, JSON.stringify(customer.json)).toBe(201);
    const caseSubject = `Spark-Jobs brechen ab ${Date.now()}`;
    const number = await createCase(agent, {
      workspace: WS,
      customerId: customer.json.id,
      contactId: customer.json.contacts[0]?.id,
      subject: caseSubject,
      severity: "A",
      plan: "premier",
      is24x7: true,
      queue: "in-depth",
      product: "spark",
      ownerId: owner.id,
    });
    const options = await call<{ version: number; kinds: { code: string; template: Field[] }[] }>(
      agent,
      "GET",
      `/cases/${number}/transfer-options`,
    );
    const kind = options.json.kinds.find((k) => k.code === "fts-24x7");
    const fields = Object.fromEntries(
      (kind?.template ?? [])
        .filter((f) => !f.value)
        .map((f) => [
          f.key,
          f.kind === "yesno" ? "Yes" : f.kind === "choice" ? (f.choices?.[0] ?? "") : `${f.label}.`,
        ]),
    );
    const transfer = await handOverToNextRegion(agent, number, {
      version: options.json.version,
      fields,
    });
    expect(transfer.state).toBe("completed");

    let notice: Delivery | undefined;
    await expect
      .poll(
        async () => {
          const log = await call<{ items: Delivery[] }>(admin, "GET", `/deliveries?case=${number}`);
          notice = log.json.items.find((d) => d.topic === "customer_notice");
          return notice?.state;
        },
        { timeout: 15_000 },
      )
      .toBe("sent");
    expect(notice?.recipient).toBe(contactEmail);
    const expectedSubject = `[Case ${number}] Ihr Fall ${number}: ${caseSubject}`;
    expect(notice?.subject).toBe(expectedSubject);

    // The Mailbox shows the German wording, filled for this case.
    await admin.getByRole("link", { name: "Mailbox" }).click();
    await admin.getByRole("heading", { name: "Mailbox", level: 1 }).waitFor();
    await admin.getByRole("link", { name: expectedSubject }).first().click();
    const message = admin.getByRole("article", { name: "Message" });
    await message.getByRole("heading", { name: expectedSubject }).waitFor();
    const body = (await message.locator(".mailbox-body").textContent()) ?? "";
    expect(body).toContain("Guten Tag Lena Fischer,");
    expect(body).toMatch(/Ihr Fall ist jetzt bei unserem Team \S/);
    expect(body).not.toContain("{{");
    await stage.shot(admin, "templates-mailbox");
  }, 120_000);
});
