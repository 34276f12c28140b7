// Issue 15 in the browser: an agent makes a read-only API token on their account page, sees its
// secret once, uses it, revokes it; an admin sees the workspace's tokens; a password change is
// refused when weak, then ends the session and the person signs in with the new one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("my account in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(async () => {
    await stage?.dispose();
  });

  const withToken = (token: string, method = "GET", path = "/api/v1/auth/session") =>
    fetch(`${stage.server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === "GET" ? {} : { "content-type": "application/json" }),
      },
      ...(method === "GET" ? {} : { body: JSON.stringify({ subject: "From a read token" }) }),
    });

  it("makes a read-only token, shows its secret once, and revokes it", async () => {
    const agent = await stage.signIn(await stage.person(), "agent@shift-lead.example");
    await agent.locator(".user-button").click();
    await agent.getByRole("link", { name: "My account and API tokens" }).click();
    await agent.getByRole("heading", { name: "My account", level: 1 }).waitFor();

    const form = agent.getByRole("form", { name: "New API token" });
    await form.getByLabel("What it is for").fill("Wallboard");
    await form.getByLabel("It may").selectOption("read");
    await form.getByLabel("Expires after (days)").fill("30");
    await form.getByRole("button", { name: "Make token" }).click();
    const secret = agent.getByLabel("Token", { exact: true });
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^bt_/);
    const row = agent.locator("tr[data-token]", { hasText: "Wallboard" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Read only");
    expect(await row.getAttribute("data-state")).toBe("active");
    await stage.shot(agent, "account-token-made");

    // It reads, and may not write.
    expect((await withToken(token)).status).toBe(200);
    const write = await withToken(token, "POST", "/api/v1/cases");
    expect(write.status).toBe(403);
    expect(((await write.json()) as { code: string }).code).toBe("token_read_only");

    // After a reload the secret is gone for good; the row stays.
    await agent.reload();
    await row.waitFor();
    expect(await agent.getByLabel("Token", { exact: true }).count()).toBe(0);

    await row.getByRole("button", { name: "Revoke" }).click();
    await agent.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await agent.locator('tr[data-token][data-state="revoked"]', { hasText: "Wallboard" }).waitFor();
    expect((await withToken(token)).status).toBe(401);
  });

  it("shows an admin the workspace's tokens with their owners", async () => {
    const agent = await stage.signIn(await stage.person(), "lead@shift-lead.example");
    await agent.goto("/account");
    const form = agent.getByRole("form", { name: "New API token" });
    await form.getByLabel("What it is for").fill("Shift report export");
    await form.getByRole("button", { name: "Make token" }).click();
    await agent.getByLabel("Token", { exact: true }).waitFor();

    const admin = await stage.signIn(await stage.person(), "admin@shift-lead.example");
    await admin.goto("/w/shift-lead/mine");
    await admin.getByRole("link", { name: "API tokens" }).click();
    await admin.getByRole("heading", { name: "API tokens", level: 1 }).waitFor();
    const row = admin.locator("tr[data-token]", { hasText: "Shift report export" });
    await row.waitFor();
    expect(await row.textContent()).toContain("lead@shift-lead.example");
    await stage.shot(admin, "workspace-tokens");
    await row.getByRole("button", { name: "Revoke" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await admin
      .locator('tr[data-token][data-state="revoked"]', { hasText: "Shift report export" })
      .waitFor();
  });

  it("refuses a weak new password, then changes it and asks to sign in again", async () => {
    const context = await stage.person();
    const page = await stage.signIn(context, "agent@helpdesk-transfer.example");
    await page.goto("/account");
    const form = page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill(DEMO_PASSWORD);
    await form.getByLabel("New password").fill("password12");
    await form.getByRole("button", { name: "Change password" }).click();
    await form.getByText(/New password is too easy to guess/).waitFor();
    await stage.shot(page, "account-weak-password");

    await form.getByLabel("New password").fill("lantern orchard 42 rivet");
    await form.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await stage.shot(page, "account-password-changed");
    await page.getByText(/Password changed; every session/).waitFor();
    await page.getByLabel(/email/i).fill("agent@helpdesk-transfer.example");
    await page.getByLabel(/password/i).fill("lantern orchard 42 rivet");
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.getByRole("navigation").first().waitFor();
  });
});
