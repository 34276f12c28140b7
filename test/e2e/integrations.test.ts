// Issue 6 in the browser: an admin subscribes a Slack-compatible channel (a receiver on loopback)
// on the Integrations page, pings it, follows the ping into Messages and sees it sent; a signed
// webhook shows its secret once; a subscription is deactivated after a confirmation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type TestReceiver } from "../support/webhook-receiver.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("integrations in the browser", () => {
  let stage: Stage;
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    stage = await openStage();
  }, 180_000);
  afterAll(async () => {
    await stage?.dispose();
    await receiver?.close();
  });

  it("subscribes a chat channel, pings it and sees the post sent in Messages", async () => {
    const admin = await stage.signIn(await stage.person(), "admin@follow-the-sun.example");
    await admin.goto("/w/follow-the-sun/messages");
    await admin.getByRole("link", { name: "Integrations" }).click();
    await admin.getByRole("heading", { name: "Integrations", level: 1 }).waitFor();

    const form = admin.getByRole("form", { name: "New subscription" });
    const chatUrl = receiver.url("/slack/handovers");
    await form.getByLabel("URL").fill(chatUrl);
    await form.getByLabel("Format").selectOption("slack");
    await form.getByLabel("transfer.completed").waitFor();
    await form.getByLabel("transfer.requested").check();
    await form.getByRole("button", { name: "Add subscription" }).click();
    const row = admin.locator("tr[data-subscription]", { hasText: chatUrl });
    await row.waitFor();
    expect(await row.textContent()).toContain("Slack-compatible chat");
    expect(await row.textContent()).toContain("transfer.completed, transfer.requested");
    // A chat channel has no secret to show.
    expect(await admin.getByLabel("Signing secret").count()).toBe(0);

    await row.getByRole("button", { name: "Ping" }).click();
    const seeIt = row.getByRole("link", { name: /see message #\d+/ });
    await seeIt.waitFor();
    await stage.shot(admin, "integrations-ping");
    await seeIt.click();
    await admin.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
    const detail = admin.locator("[data-delivery-detail]");
    await detail.locator('[data-state="sent"]').waitFor({ timeout: 15_000 });
    expect(await detail.locator(".delivery-body").textContent()).toBe(
      "Baton test post: this channel receives events of workspace follow-the-sun.",
    );
    const posted = receiver.arrivals.filter((a) => a.path === "/slack/handovers");
    expect(posted.map((a) => JSON.parse(a.body))).toEqual([
      { text: "Baton test post: this channel receives events of workspace follow-the-sun." },
    ]);
    // The log below lists it too, marked as the one opened.
    await admin.locator("tr[data-delivery].is-selected").waitFor();
    await stage.shot(admin, "integrations-ping-sent");

    // The Messages filter for chat posts lists it.
    await admin.getByLabel("Channel").selectOption("chat");
    await admin.locator("tr[data-delivery].is-selected").waitFor();

    // A signed webhook: its secret is shown once, with a copy button.
    await admin.getByRole("link", { name: "Integrations" }).click();
    const again = admin.getByRole("form", { name: "New subscription" });
    const hookUrl = receiver.url("/baton/events");
    await again.getByLabel("URL").fill(hookUrl);
    await again.getByLabel("Format").selectOption("baton");
    await again.getByLabel("All events").check();
    await again.getByRole("button", { name: "Add subscription" }).click();
    const secret = admin.getByLabel("Signing secret");
    await secret.waitFor();
    expect(await secret.inputValue()).toMatch(/^whsec_/);
    await admin
      .getByRole("region", { name: "Subscription added" })
      .getByRole("button", { name: "Copy" })
      .waitFor();
    await stage.shot(admin, "integrations-secret");

    // The issue tracker's webhook (docs/development.md): its address, and a secret shown once.
    const tracker = admin.getByRole("region", { name: "Issue tracker" });
    expect(await tracker.getByLabel("Webhook address").inputValue()).toMatch(
      /\/api\/v1\/hooks\/tracker\/[a-z0-9-]+$/,
    );
    await tracker.getByRole("button", { name: "Make the secret" }).click();
    const trackerSecret = tracker.getByLabel("Tracker signing secret");
    await trackerSecret.waitFor();
    expect(await trackerSecret.inputValue()).toMatch(/^whsec_/);
    await tracker.getByRole("button", { name: "Make a new secret" }).waitFor();

    // Deactivating asks first; cancelled, nothing changes; confirmed, the row goes.
    const hookRow = admin.locator("tr[data-subscription]", { hasText: hookUrl });
    await hookRow.getByRole("button", { name: "Deactivate" }).click();
    const dialog = admin.getByRole("dialog", { name: "Deactivate this subscription?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await hookRow.count()).toBe(1);
    await hookRow.getByRole("button", { name: "Deactivate" }).click();
    await dialog.getByRole("button", { name: "Deactivate" }).click();
    await hookRow.waitFor({ state: "detached" });
    expect(await admin.locator("tr[data-subscription]", { hasText: chatUrl }).count()).toBe(1);
  }, 90_000);
});
