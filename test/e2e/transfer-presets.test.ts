import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agentsOf,
  call,
  createCase,
  field,
  guardShown,
  me,
  openCase,
  openTransferPanel,
  privateNote,
  shownOwner,
  shownQueue,
  storedCase,
} from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

// Issue 4: for each preset, the people its seed names carry a case through its transfer
// procedure in three browser sessions, and every shortcut the seed forbids is stopped in the
// UI with the guard's sentence. Setup (creating the case) goes through the API; everything the
// people do goes through the pages.

const submitButton = (dialog: Locator) => dialog.getByRole("button", { name: "Submit transfer" });

async function submitTransfer(dialog: Locator): Promise<void> {
  const submit = submitButton(dialog);
  await expect.poll(() => submit.isDisabled(), { timeout: 10_000 }).toBe(false);
  await submit.click();
  await dialog.waitFor({ state: "hidden", timeout: 10_000 });
}

/** The inbox item of a case on the approvals or incoming page. */
async function inboxItem(page: Page, link: RegExp, heading: string, number: number) {
  await page.getByRole("link", { name: link }).click();
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
  const item = page.locator(".inbox-item", { hasText: `#${number}` });
  await item.waitFor({ timeout: 10_000 });
  return item;
}

/** The step labels of the open transfer card, each with its state (done, current, todo). */
async function stepStates(card: Locator): Promise<string[]> {
  return card
    .locator(".step-list > li")
    .evaluateAll((items) =>
      items.map(
        (li) =>
          `${li.querySelector(".strong")?.textContent ?? ""}:${
            li.classList.contains("is-done")
              ? "done"
              : li.classList.contains("is-current")
                ? "current"
                : "todo"
          }`,
      ),
    );
}

/**
 * The fields panel's Queue and Owner, locked for a direct edit, with the sentence why beside them
 * (and linked to both for screen readers). Returns the sentence.
 */
async function lockedWithReason(fields: Locator, reason: RegExp): Promise<Locator> {
  const why = fields.locator(".assign-hint");
  await why.waitFor({ timeout: 10_000 });
  expect(await why.textContent()).toMatch(reason);
  const id = await why.getAttribute("id");
  expect(id).toBeTruthy();
  for (const label of ["Owner", "Queue"]) {
    const select = fields.getByLabel(label, { exact: true });
    expect(await select.isDisabled()).toBe(true);
    expect((await select.getAttribute("aria-describedby"))?.split(" ")).toContain(id);
  }
  return why;
}

describe.skipIf(!hasChromium)("each preset's transfer procedure in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("ps-escalation (S2.5): to development only through triage, with steps to reproduce and product first", async () => {
    const consultant = await stage.signIn(await stage.person(), "agent@ps-escalation.example");
    const triage = await stage.signIn(await stage.person(), "triage@ps-escalation.example");
    const developer = await stage.signIn(await stage.person(), "lead@ps-escalation.example");
    const self = await me(consultant);
    // S2.2: the consultant opens the case in Support L1 as its secondary owner, no product yet.
    const number = await createCase(consultant, {
      workspace: "ps-escalation",
      subject: `CSV export drops the last row ${Date.now()}`,
      description: "Exporting any report to CSV loses the final row.",
      impact: "Project go-live blocked",
      priority: "high",
      queue: "support-l1",
      secondaryOwnerId: self.id,
    });
    await openCase(consultant, number);

    const dialog = await openTransferPanel(consultant, number);
    // Triage's own hand-off is not offered outside triage, and says why.
    const viaTriageKind = dialog.getByRole("radio", { name: /^Triage to development/ });
    expect(await viaTriageKind.isDisabled()).toBe(true);
    expect(
      await dialog.locator(".kind-option", { hasText: "Triage to development" }).textContent(),
    ).toMatch(/Unavailable: .*applies only to cases in triage/);

    // No bypass: straight to a development queue is refused with the reason.
    await dialog.getByRole("radio", { name: /^Transfer to another queue/ }).check();
    await field(dialog, /^Queue$/).selectOption("development");
    await field(dialog, /^Reason$/).selectOption("wrong-queue");
    const bypass = await guardShown(dialog, "development-only-via-triage");
    expect(await bypass.getAttribute("class")).toContain("guard-block");
    expect(await bypass.textContent()).toMatch(
      /Cases reach development only through triage, so the customer keeps getting their notifications/,
    );
    await dialog.locator(".field-error", { hasText: /transfer it to triage first/ }).waitFor();
    await expect.poll(() => submitButton(dialog).isDisabled()).toBe(true);
    await stage.shot(consultant, "ps-escalation-bypass-refused");

    // To triage, but not before the steps to reproduce and the product are on the case.
    await dialog.getByRole("radio", { name: /^Transfer to Triage/ }).check();
    await field(dialog, /^Reason$/).selectOption("product-defect");
    const notReady = await guardShown(dialog, "triage-ready");
    expect(await notReady.textContent()).toMatch(
      /Before triage, fill in the product and the steps to reproduce from the bug submission template/,
    );
    await expect.poll(() => submitButton(dialog).isDisabled()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });

    // The consultant fills them in from the bug submission template.
    await consultant.getByRole("button", { name: "Edit product and steps…" }).click();
    const bug = consultant.getByRole("form", { name: "Product and steps to reproduce" });
    await bug.getByLabel("Product").selectOption("reporting");
    await bug
      .getByLabel("Steps to reproduce")
      .fill("1. Open any report\n2. Export to CSV\n3. Count the rows: one is missing");
    await bug.getByRole("button", { name: "Save" }).click();
    await bug.waitFor({ state: "detached", timeout: 10_000 });

    const ready = await openTransferPanel(consultant, number);
    expect(await ready.getByRole("radio", { name: /^Transfer to Triage/ }).isChecked()).toBe(true);
    await expect.poll(() => ready.locator(".guard-block").count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(() => field(ready, /^Steps to reproduce/).inputValue(), { timeout: 10_000 })
      .toContain("Export to CSV");
    expect(await field(ready, /^Product/).inputValue()).toBe("reporting");
    await field(ready, /^Expected result/).fill("Every row of the report.");
    await field(ready, /^Actual result/).fill("The last row is missing.");
    await submitTransfer(ready);
    await expect.poll(() => shownQueue(consultant), { timeout: 10_000 }).toContain("Triage");
    expect(await shownOwner(consultant)).toMatch(/Unassigned/);

    // Triage picks it up from its queue; even from there the generic kind is no shortcut.
    await triage.goto("/w/ps-escalation/queues/triage");
    const row = triage.locator("tbody tr", { hasText: `#${number}` });
    await row.waitFor({ timeout: 10_000 });
    await row.locator("a.row-link").click();
    await triage.getByRole("heading", { name: /add a note/i }).waitFor();
    const handOn = await openTransferPanel(triage, number);
    await handOn.getByRole("radio", { name: /^Transfer to another queue/ }).check();
    await field(handOn, /^Queue$/).selectOption("development");
    await field(handOn, /^Reason$/).selectOption("wrong-queue");
    await guardShown(handOn, "development-only-via-triage");
    await expect.poll(() => submitButton(handOn).isDisabled()).toBe(true);

    // Triage's own hand-off: findings written, approved by triage itself, customer told.
    await handOn.getByRole("radio", { name: /^Triage to development/ }).check();
    await field(handOn, /^Reason$/).selectOption("confirmed-defect");
    await field(handOn, /^Triage findings/).fill("Reproduced on 7.2: off-by-one in the pager.");
    await field(handOn, /^Expected result/).fill("Every row of the report.");
    await field(handOn, /^Actual result/).fill("The last row is missing.");
    await expect.poll(() => handOn.locator(".guard-block").count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(() => handOn.locator('[data-check="approval"]').textContent(), { timeout: 10_000 })
      .toContain("You approve it yourself as you submit");
    expect(await handOn.locator('[data-check="customer_notified"]').count()).toBe(1);
    await submitTransfer(handOn);
    const card = triage.locator(".transfer-section .transfer-card.is-open");
    await card
      .getByRole("button", { name: "Record customer notified…" })
      .waitFor({ timeout: 10_000 });
    // Not in development until the customer is told (S2.5: the notifications are the point).
    expect(await shownQueue(triage)).toContain("Triage");
    await card.getByRole("button", { name: "Record customer notified…" }).click();
    await card.getByLabel(/^How/).selectOption("email");
    await stage.shot(triage, "ps-escalation-triage-tells-customer");
    await card.getByRole("button", { name: "Record", exact: true }).click();
    await expect.poll(() => shownQueue(triage), { timeout: 10_000 }).toContain("Development");

    // Development receives it in its queue, with the handover notes on the case.
    await developer.goto("/w/ps-escalation/queues/development");
    const arrived = developer.locator("tbody tr", { hasText: `#${number}` });
    await arrived.waitFor({ timeout: 10_000 });
    await arrived.locator("a.row-link").click();
    await developer.getByRole("heading", { name: /add a note/i }).waitFor();
    await privateNote(developer, /Reproduced on 7\.2: off-by-one in the pager/).waitFor({
      timeout: 10_000,
    });
    await privateNote(developer, /Export to CSV/)
      .first()
      .waitFor();
    expect(await developer.locator(".handoff-count").textContent()).toBe("2 hand-offs");
    const stored = await storedCase(developer, number);
    expect(stored).toMatchObject({ queue: "development", owner: null, product: "reporting" });
  });

  it("helpdesk-transfer (S3.1-S3.4): the transfer dialog's fields, a bulk transfer from the queue, and a role without the permission", async () => {
    const agent = await stage.signIn(await stage.person(), "agent@helpdesk-transfer.example");
    const accountManager = await stage.signIn(await stage.person(), "pm@helpdesk-transfer.example");
    const self = await me(agent);
    const people = await agentsOf(agent, "helpdesk-transfer");
    const l2 = people.find(
      (p) =>
        p.role === "agent" &&
        p.id !== self.id &&
        p.availability.status === "available" &&
        p.queues.includes("l2-support"),
    );
    expect(l2).toBeDefined();
    const receiver = await stage.signIn(await stage.person(), l2!.email);
    const stamp = Date.now();
    const ticket = (subject: string) =>
      createCase(agent, {
        workspace: "helpdesk-transfer",
        subject: `${subject} ${stamp}`,
        queue: "l1-support",
        ownerId: self.id,
      });
    const single = await ticket("Mail for the new domain bounces");
    const first = await ticket("Outage follow-up: shop checkout slow");
    const second = await ticket("Outage follow-up: admin login slow");
    const shut = await ticket("Outage follow-up: answered by phone");
    const before = await storedCase(agent, shut);
    expect(
      (await call(agent, "PATCH", `/cases/${shut}`, { version: before.version, status: "closed" }))
        .status,
    ).toBe(200);

    // S3.2: the account manager's role may not transfer; the action is not offered, and says why.
    await openCase(accountManager, single);
    await accountManager
      .locator(".transfer-section")
      .getByText("Your role may not transfer cases.")
      .waitFor({ timeout: 10_000 });
    expect(await accountManager.getByRole("button", { name: "Transfer…" }).count()).toBe(0);
    await accountManager.goto("/w/helpdesk-transfer/queues/l1-support");
    await accountManager.locator("tbody tr").first().waitFor();
    // Rows can still be picked for a bulk edit of their own cases (issue 17), never a transfer.
    await accountManager
      .getByRole("checkbox", { name: /^Select case/ })
      .first()
      .check();
    const picked = accountManager.getByRole("toolbar", { name: "Selected cases" });
    await picked.getByRole("button", { name: "Edit selected…" }).waitFor();
    expect(await picked.getByRole("button", { name: "Transfer selected…" }).count()).toBe(0);

    // S3.1/S3.3: to a level 2 agent and group, new brand and priority, status Active, pinned.
    await openCase(agent, single);
    const dialog = await openTransferPanel(agent, single);
    await dialog.getByRole("radio", { name: /^Transfer transfer/ }).check();
    await dialog.getByRole("radiogroup", { name: "Target type" }).getByText("An agent").click();
    await field(dialog, /^Agent$/).selectOption(l2!.id);
    await field(dialog, /^Group/).selectOption("l2-support");
    await field(dialog, /^Reason$/).selectOption("escalate-to-l2");
    await field(dialog, /^Transfer comment/).fill("Customer is on the business plan.");
    await dialog.getByText("Brand, priority, status, pin and comment").click();
    await field(dialog, /^New brand/).selectOption("store");
    await field(dialog, /^New priority/).selectOption("high");
    // "Usually Active": the kind's default status, which the dialog names.
    const status = field(dialog, /^New status/);
    expect(await status.inputValue()).toBe("");
    expect(await status.locator("option:checked").textContent()).toBe(
      "The kind's default (Active)",
    );
    await dialog.getByLabel("Pin the case to the receiver").check();
    await dialog
      .getByLabel(/^Transfer comment \(optional; goes into the note\)/)
      .fill("Flushed DNS and re-created the MX record; bounces continue.");
    await expect
      .poll(() => dialog.locator(".note-preview").textContent(), { timeout: 10_000 })
      .toContain("Flushed DNS");
    expect(await dialog.locator('[data-check="reassign"]').textContent()).toContain(l2!.name);
    await stage.shot(agent, "helpdesk-transfer-dialog");
    await submitTransfer(dialog);

    // A transfer here happens at once: the case is the receiver's, in level 2, with the changes.
    await expect.poll(() => shownOwner(agent), { timeout: 10_000 }).toContain(l2!.name);
    expect(await shownQueue(agent)).toContain("Level 2 support");
    const badges = agent.locator(".case-header .badge-row");
    await expect.poll(() => badges.textContent()).toMatch(/Active.*High priority/s);
    await expect
      .poll(() => agent.locator(".meta-row", { hasText: "Brand" }).last().textContent())
      .toContain("Online Store");
    await agent.getByText(/Past transfers \(1\)/).click();
    await agent.locator(".past-list summary").first().click();
    expect(await agent.locator(".past-list").textContent()).toMatch(
      /priority High · pinned to the receiver · comment: Flushed DNS/,
    );
    const moved = await storedCase(agent, single);
    expect(moved).toMatchObject({
      queue: "l2-support",
      brand: "store",
      priority: "high",
      status: "active",
      pinned: true,
    });
    expect(moved.owner?.id).toBe(l2!.id);

    // The receiver has it among their cases, with the handover note.
    await receiver.getByRole("link", { name: "My cases" }).click();
    const row = receiver.locator("tbody tr", { hasText: `#${single}` });
    await row.waitFor({ timeout: 10_000 });
    await row.locator("a.row-link").click();
    await receiver.getByRole("heading", { name: /add a note/i }).waitFor();
    await privateNote(receiver, /re-created the MX record/).waitFor({ timeout: 10_000 });
    await privateNote(receiver, /Customer is on the business plan/).waitFor();

    // S3.4: three tickets picked in the level 1 queue, escalated together; the closed one is
    // refused with its reason and the others move.
    await agent.goto("/w/helpdesk-transfer/queues/l1-support?status=all");
    for (const n of [first, second, shut])
      await agent.getByRole("checkbox", { name: `Select case #${n}` }).check();
    const bar = agent.getByRole("toolbar", { name: "Selected cases" });
    expect(await bar.textContent()).toContain("3 cases selected");
    await bar.getByRole("button", { name: "Transfer selected…" }).click();
    const bulk = agent.getByRole("dialog", { name: "Transfer 3 cases" });
    await field(bulk, /^Kind of transfer/).selectOption("escalate-to-l2");
    await field(bulk, /^Queue$/).selectOption("l2-support");
    await field(bulk, /^Reason$/).selectOption("needs-level-2");
    await field(bulk, /^Transfer comment/).fill("Outage follow-ups, escalated together.");
    await bulk.getByRole("button", { name: "Transfer 3 cases" }).click();
    const outcome = bulk.locator(".bulk-result");
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.getByRole("status").textContent()).toBe("2 cases transferred, 1 refused.");
    for (const n of [first, second])
      expect(await outcome.locator(`li[data-case="${n}"]`).textContent()).toMatch(/✓ Completed/);
    expect(await outcome.locator(`li[data-case="${shut}"]`).textContent()).toMatch(
      /A closed case is not transferred/,
    );
    await stage.shot(agent, "helpdesk-bulk-result");
    await outcome.getByRole("button", { name: "Done" }).click();
    await bulk.waitFor({ state: "hidden" });
    // The moved ones left the level 1 queue; the closed one stays, still picked.
    await agent.locator("tbody tr", { hasText: `#${first}` }).waitFor({ state: "detached" });
    expect(await agent.getByRole("checkbox", { name: `Select case #${shut}` }).isChecked()).toBe(
      true,
    );
    for (const n of [first, second]) expect((await storedCase(agent, n)).queue).toBe("l2-support");
    const kept = await storedCase(agent, shut);
    expect(kept).toMatchObject({ queue: "l1-support", status: "closed", handoffCount: 0 });
  });

  it("regional-cse (S0.3, S0.5): the must-dos in order, and never to a supervisor who has not agreed", async () => {
    const first = await stage.signIn(await stage.person(), "supervisor@regional-cse.example");
    const people = await agentsOf(first, "regional-cse");
    const boss = people.find((p) => p.email === "supervisor@regional-cse.example");
    const engineer = people.find(
      (p) =>
        p.role === "agent" && p.region === boss?.region && p.availability.status === "available",
    );
    expect(engineer).toBeDefined();
    const supervisor = first;
    const owner = await stage.signIn(await stage.person(), engineer!.email);
    const number = await createCase(owner, {
      workspace: "regional-cse",
      subject: `Backups to object storage fail with 403 ${Date.now()}`,
      description: "Nightly backups fail since the bucket policy changed.",
      severity: "high",
      queue: `cse-${boss!.region!.toLowerCase()}`,
      ownerId: engineer!.id,
    });
    await openCase(owner, number);

    /** The owner asks to hand the case to the supervisor, who would hold it (S0.5). */
    const askSupervisor = async () => {
      const dialog = await openTransferPanel(owner, number);
      await dialog.getByRole("radio", { name: /Transfer within the region/ }).check();
      await field(dialog, /^Reason$/).selectOption("out-with-urgent-case");
      await field(dialog, /^Agent$/).selectOption(boss!.id);
      await field(dialog, /^REASON/).fill("Out for two days; the customer needs a daily update.");
      await field(dialog, /^STEPS TRIED/).fill("Re-applied the bucket policy; rotated the keys.");
      await field(dialog, /^NEXT STEPS/).fill("Check tonight's backup run.");
      await field(dialog, /^NEXT CUSTOMER CONTACT/).fill("Customer waits for us; Europe/Berlin.");
      // S0.3: the must-dos in the seed's order, each after the one before, then the reassignment.
      await expect
        .poll(
          () =>
            dialog
              .locator(".check-later")
              .evaluateAll((li) => li.map((l) => l.getAttribute("data-check"))),
          {
            timeout: 10_000,
          },
        )
        .toEqual([
          "notes_updated",
          "approval",
          "receiver_acceptance",
          "customer_notified",
          "reassign",
        ]);
      expect(await dialog.locator('[data-check="receiver_acceptance"]').textContent()).toContain(
        `${boss!.name} accepts or declines`,
      );
      return dialog;
    };

    const dialog = await askSupervisor();
    await stage.shot(owner, "regional-cse-must-dos");
    await submitTransfer(dialog);
    const card = owner.locator(".transfer-section .transfer-card.is-open");
    await expect
      .poll(() => stepStates(card), { timeout: 10_000 })
      .toEqual([
        "Handover note written:done",
        "Approved:current",
        "Receiver agreed:todo",
        "Customer told:todo",
      ]);
    // Nothing to skip ahead to: the owner may only withdraw.
    const ownerActions = card.locator(".transfer-action-buttons button");
    expect(await ownerActions.allTextContents()).toEqual(["Withdraw…"]);

    // The supervisor is consulted and approves; approving is not agreeing to take the case.
    const request = await inboxItem(supervisor, /Approvals/, "Approvals", number);
    await request.getByRole("button", { name: "Approve…" }).click();
    await request.getByLabel(/^Note/).fill("Agreed that it needs a holder while Sam is out.");
    await request.getByRole("button", { name: "Approve", exact: true }).click();
    await request.waitFor({ state: "detached", timeout: 10_000 });
    await expect
      .poll(() => stepStates(card), { timeout: 10_000 })
      .toEqual([
        "Handover note written:done",
        "Approved:done",
        "Receiver agreed:current",
        "Customer told:todo",
      ]);
    expect(await card.locator(".transfer-waiting").textContent()).toContain(
      `${boss!.name} to accept`,
    );
    expect(await ownerActions.allTextContents()).toEqual(["Withdraw…"]);
    expect(await shownOwner(owner)).toContain(engineer!.name);
    await stage.shot(owner, "regional-cse-waiting-for-supervisor");

    // S0.5: the supervisor does not agree; the case stays where it was, and the timeline says why.
    const offer = await inboxItem(supervisor, /Incoming/, "Incoming transfers", number);
    await offer.getByRole("button", { name: "Decline…" }).click();
    await offer.getByLabel(/^Note/).fill("I cannot hold it this week; ask Priya.");
    await offer.getByRole("button", { name: "Decline", exact: true }).click();
    await offer.waitFor({ state: "detached", timeout: 10_000 });
    await card.waitFor({ state: "detached", timeout: 10_000 });
    await owner
      .locator(".timeline li", { hasText: "Transfer declined: I cannot hold it this week" })
      .waitFor({ timeout: 10_000 });
    expect(await shownOwner(owner)).toContain(engineer!.name);
    expect(await owner.locator(".handoff-count").textContent()).toBe("No hand-offs yet");
    expect((await storedCase(owner, number)).owner?.id).toBe(engineer!.id);

    // Asked again, the supervisor agrees to hold it; only then is the customer told and it moves.
    await submitTransfer(await askSupervisor());
    const again = await inboxItem(supervisor, /Approvals/, "Approvals", number);
    await again.getByRole("button", { name: "Approve…" }).click();
    await again.getByRole("button", { name: "Approve", exact: true }).click();
    await again.waitFor({ state: "detached", timeout: 10_000 });
    const agreed = await inboxItem(supervisor, /Incoming/, "Incoming transfers", number);
    await agreed.getByRole("button", { name: "Accept…" }).click();
    await agreed.getByLabel(/^Note/).fill("Holding it until Sam is back.");
    await agreed.getByRole("button", { name: "Accept", exact: true }).click();
    await agreed.waitFor({ state: "detached", timeout: 10_000 });
    await expect
      .poll(() => ownerActions.allTextContents(), { timeout: 10_000 })
      .toEqual(["Record customer notified…", "Withdraw…"]);
    expect(await shownOwner(owner)).toContain(engineer!.name);
    await card.getByRole("button", { name: "Record customer notified…" }).click();
    await card.getByLabel(/^How/).selectOption("phone");
    await card.getByRole("button", { name: "Record", exact: true }).click();
    await expect.poll(() => shownOwner(owner), { timeout: 10_000 }).toContain(boss!.name);
    await expect.poll(() => owner.locator(".handoff-count").textContent()).toBe("1 hand-off");
    const stored = await storedCase(owner, number);
    expect(stored.owner?.id).toBe(boss!.id);
  });

  it("shift-lead (S4.7, S4.10): no direct reassignment; the shift lead approves and picks the receiver, whose note stays private", async () => {
    const engineer = await stage.signIn(await stage.person(), "agent@shift-lead.example");
    const lead = await stage.signIn(await stage.person(), "lead@shift-lead.example");
    const owner = await me(engineer);
    const people = await agentsOf(engineer, "shift-lead");
    const colleague = people.find(
      (p) =>
        p.role === "agent" &&
        p.id !== owner.id &&
        p.availability.status === "available" &&
        p.email !== "agent@shift-lead.example",
    );
    expect(colleague).toBeDefined();
    const receiver = await stage.signIn(await stage.person(), colleague!.email);

    const number = await createCase(engineer, {
      workspace: "shift-lead",
      subject: `Invoices export times out for large accounts ${Date.now()}`,
      description: "Exports over 5,000 invoices time out after 60 seconds.",
      severity: "high",
      queue: "tickets",
      ownerId: owner.id,
    });
    await openCase(engineer, number);

    // S4.7: the engineer cannot pick a new owner on the case itself.
    const fields = engineer.locator(".fields-panel");
    expect(await fields.getByLabel("Owner", { exact: true }).isDisabled()).toBe(true);
    expect(await fields.getByLabel("Queue", { exact: true }).isDisabled()).toBe(true);
    await fields.getByText("Changing queue or owner needs the assign permission.").waitFor();

    const dialog = await openTransferPanel(engineer, number);
    await dialog.getByRole("radio", { name: /Hand-off request to the shift lead/ }).check();
    await field(dialog, /^Reason$/).selectOption("cannot-attend-call");
    // Naming a colleague is refused, with the guard's sentence beside the agent.
    await dialog.getByRole("radiogroup", { name: "Target type" }).getByText("An agent").click();
    await field(dialog, /^Agent$/).selectOption(colleague!.id);
    const refusal = await guardShown(dialog, "only-assigners-pick-agents");
    expect(await refusal.getAttribute("class")).toContain("guard-block");
    expect(await refusal.textContent()).toMatch(
      /Only the shift lead assigns a case to a colleague/,
    );
    await dialog
      .locator(".field-error", { hasText: /hand it to the queue with your notes/ })
      .waitFor();
    await expect.poll(() => submitButton(dialog).isDisabled()).toBe(true);
    await stage.shot(engineer, "shift-lead-direct-refused");

    // The hand-off goes to the queue, for the shift lead to place.
    await dialog.getByRole("radiogroup", { name: "Target type" }).getByText("A queue").click();
    await expect.poll(() => dialog.locator(".guard-block").count(), { timeout: 10_000 }).toBe(0);
    await field(dialog, /^What needs attention/).fill("Customer call at 15:00 about the export.");
    await field(dialog, /^Validation done so far/).fill(
      "Reproduced with 6,000 invoices; 4,000 export fine.",
    );
    await field(dialog, /^Scheduled customer calls/).fill("Today 15:00 IST, 20 minutes.");
    const checklist = dialog.locator(".checklist");
    await expect
      .poll(() => checklist.textContent(), { timeout: 10_000 })
      .toMatch(/Approval.*By a shift lead/s);
    await submitTransfer(dialog);
    const card = engineer.locator(".transfer-section .transfer-card.is-open");
    await expect
      .poll(() => card.textContent(), { timeout: 10_000 })
      .toMatch(/Awaiting approval.*a shift lead to approve/s);
    expect(await stepStates(card)).toEqual(["Handover note written:done", "Approved:current"]);

    // The shift lead approves from the inbox, picks the colleague and leaves a note.
    const request = await inboxItem(lead, /Approvals/, "Approvals", number);
    expect(await request.textContent()).toMatch(/A customer call I cannot attend on time/);
    await request.getByRole("button", { name: "Approve…" }).click();
    await request.getByLabel(/^Assign to/).selectOption(colleague!.id);
    const leadNote = `Approved: ${colleague!.name} takes the 15:00 call ${Date.now()}`;
    await request.getByLabel(/^Note/).fill(leadNote);
    await stage.shot(lead, "shift-lead-approves");
    await request.getByRole("button", { name: "Approve", exact: true }).click();
    await request.waitFor({ state: "detached", timeout: 10_000 });

    // The engineer's page follows live: the colleague owns it, with the lead's private note.
    await expect.poll(() => shownOwner(engineer), { timeout: 10_000 }).toContain(colleague!.name);
    await expect.poll(() => engineer.locator(".handoff-count").textContent()).toBe("1 hand-off");
    const note = privateNote(engineer, leadNote);
    await note.waitFor({ timeout: 10_000 });
    expect(await note.getByRole("article").getAttribute("aria-label")).toMatch(/^Private note by/);

    // The receiver finds it among their cases, sees the handover and the lead's note.
    await receiver.getByRole("link", { name: "My cases" }).click();
    const row = receiver.locator("tbody tr", { hasText: `#${number}` });
    await row.waitFor({ timeout: 10_000 });
    await row.locator("a.row-link").click();
    await receiver.getByRole("heading", { name: /add a note/i }).waitFor();
    await privateNote(receiver, leadNote).waitFor({ timeout: 10_000 });
    await privateNote(receiver, /Reproduced with 6,000 invoices/).waitFor();
    await stage.shot(receiver, "shift-lead-receiver");
    const stored = await storedCase(receiver, number);
    expect(stored.owner?.id).toBe(colleague!.id);
    expect(stored.queue).toBe("tickets");
    const timeline = await call<{ items: { body: string; visibility: string }[] }>(
      receiver,
      "GET",
      `/cases/${number}/timeline?limit=200`,
    );
    expect(timeline.json.items.find((i) => i.body.includes(leadNote))?.visibility).toBe("private");
  });

  // Shortcuts the seeds forbid that the case's own fields would otherwise allow (PATCH /cases/{n}
  // needs only case.assign, which these roles hold): they would bypass every step and guard of the
  // transfer kinds, so the fields panel locks them and says why (policy directAssignment).
  it("regional-cse (S0.3): an engineer cannot pick a new owner in the case's fields, skipping the must-dos", async () => {
    const page = await stage.signIn(await stage.person(), "agent@regional-cse.example");
    const self = await me(page);
    const mine = (await agentsOf(page, "regional-cse")).find((p) => p.id === self.id);
    expect(mine?.region).toBeTruthy();
    const queue = `cse-${mine!.region!.toLowerCase()}`;
    const number = await createCase(page, {
      workspace: "regional-cse",
      subject: `Restore from snapshot hangs at 99% ${Date.now()}`,
      severity: "high",
      queue,
      ownerId: self.id,
    });
    await openCase(page, number);
    // The header shows the queue's id until the workspace's queues load, then its name.
    await expect.poll(() => shownQueue(page), { timeout: 10_000 }).not.toBe(`Queue${queue}`);
    const queueBefore = await shownQueue(page);

    const fields = page.locator(".fields-panel");
    const why = await lockedWithReason(
      fields,
      /^In this workspace a case changes hands through a transfer \(only supervisor or administrator may reassign directly\); use Transfer… so the hand-off steps are kept\.$/,
    );
    // Their own case: nothing to take, and the way that keeps the must-dos is still there.
    expect(await fields.getByRole("button", { name: "Assign to me" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Transfer…" }).isEnabled()).toBe(true);
    await why.scrollIntoViewIfNeeded();
    await stage.shot(page, "regional-cse-fields-locked");

    expect(await shownOwner(page)).toContain(self.name);
    expect(await shownQueue(page)).toBe(queueBefore);
    const stored = await storedCase(page, number);
    expect(stored.owner?.id).toBe(self.id);
    expect(stored.queue).toBe(queue);
  });

  it("regional-cse (S0.3): an unowned case can still be taken from the queue with Assign to me", async () => {
    const page = await stage.signIn(await stage.person(), "agent@regional-cse.example");
    const self = await me(page);
    const mine = (await agentsOf(page, "regional-cse")).find((p) => p.id === self.id);
    const queue = `cse-${mine!.region!.toLowerCase()}`;
    const number = await createCase(page, {
      workspace: "regional-cse",
      subject: `Licence key rejected after renewal ${Date.now()}`,
      queue,
      ownerId: null,
    });
    await openCase(page, number);
    expect(await shownOwner(page)).toMatch(/Unassigned/);

    const fields = page.locator(".fields-panel");
    await lockedWithReason(fields, /changes hands through a transfer/);
    const take = fields.getByRole("button", { name: "Assign to me" });
    await take.click();
    await expect.poll(() => shownOwner(page), { timeout: 10_000 }).toContain(self.name);
    await take.waitFor({ state: "detached", timeout: 10_000 });
    // Once theirs, handing it on again goes through a transfer like any other.
    expect(await fields.getByLabel("Owner", { exact: true }).isDisabled()).toBe(true);
    const stored = await storedCase(page, number);
    expect(stored.owner?.id).toBe(self.id);
    expect(stored.queue).toBe(queue);
  });

  it("follow-the-sun (S1.2): an engineer cannot pick a colleague as owner in the case's fields, skipping the handover", async () => {
    const page = await stage.signIn(await stage.person(), "agent@follow-the-sun.example");
    const advisor = await stage.signIn(await stage.person(), "lead@follow-the-sun.example");
    const self = await me(page);
    const number = await createCase(page, {
      workspace: "follow-the-sun",
      subject: `Spark job stuck in ACCEPTED state ${Date.now()}`,
      queue: "in-depth",
      ownerId: self.id,
    });
    await openCase(page, number);

    const fields = page.locator(".fields-panel");
    await lockedWithReason(
      fields,
      /^In this workspace a case changes hands through a transfer \(only technical advisor, support manager, dispatcher or administrator may reassign directly\); use Transfer…/,
    );
    expect(await fields.getByRole("button", { name: "Assign to me" }).count()).toBe(0);
    expect(await shownOwner(page)).toContain(self.name);
    expect(await shownQueue(page)).toContain("In-depth");

    // The technical advisor, who places cases (S1.2), still edits them directly.
    await openCase(advisor, number);
    const advisorFields = advisor.locator(".fields-panel");
    await expect
      .poll(() => advisorFields.getByLabel("Owner", { exact: true }).isEnabled(), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await advisorFields.getByLabel("Queue", { exact: true }).isEnabled()).toBe(true);
    expect(await advisorFields.locator(".assign-hint").count()).toBe(0);

    const stored = await storedCase(page, number);
    expect(stored.owner?.id).toBe(self.id);
    expect(stored.queue).toBe("in-depth");
  });

  it("ps-escalation (S2.5): triage cannot set the queue to development in the case's fields, skipping triage's hand-off and the customer notification", async () => {
    const triage = await stage.signIn(await stage.person(), "triage@ps-escalation.example");
    const self = await me(triage);
    const number = await createCase(triage, {
      workspace: "ps-escalation",
      subject: `Scheduled report emails arrive empty ${Date.now()}`,
      queue: "triage",
      ownerId: self.id,
    });
    await openCase(triage, number);

    const fields = triage.locator(".fields-panel");
    const queue = fields.getByLabel("Queue", { exact: true });
    // Triage may move cases between queues, but development is not among the choices, and the
    // field says why.
    await expect.poll(() => queue.isEnabled(), { timeout: 10_000 }).toBe(true);
    const hint = fields.getByText(
      "Development is not offered here: cases reach development only through triage’s transfer, so the customer is told.",
    );
    await hint.waitFor({ timeout: 10_000 });
    expect(await queue.getAttribute("aria-describedby")).toContain(await hint.getAttribute("id"));
    const choices = await queue
      .locator("option")
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(choices).toContain("triage");
    expect(choices).toContain("support-l1");
    expect(choices).not.toContain("development");

    // A page that still offers it (say, an older policy) gets the server's refusal beside the
    // field, and the case stays in triage.
    await queue.evaluate((select) => {
      const option = document.createElement("option");
      option.value = "development";
      option.textContent = "Development";
      select.append(option);
    });
    await queue.selectOption("development");
    await fields.getByRole("button", { name: "Save" }).click();
    const refusal = fields.locator(".field-error", {
      hasText:
        /^Cases reach development only through triage; transfer the case to triage so the customer is told$/,
    });
    await refusal.waitFor({ timeout: 10_000 });
    expect(await queue.getAttribute("aria-invalid")).toBe("true");
    expect(await queue.getAttribute("aria-describedby")).toContain(
      await refusal.getAttribute("id"),
    );
    await fields.getByRole("button", { name: "Cancel" }).click();
    await refusal.waitFor({ state: "detached" });
    expect(await shownQueue(triage)).toContain("Triage");
    expect(await shownOwner(triage)).toContain(self.name);
    const stored = await storedCase(triage, number);
    expect(stored.queue).toBe("triage");
    expect(stored.owner?.id).toBe(self.id);
  });
});
