// Issue 15 in the browser: an admin invites someone, who opens the link, chooses a password and
// lands in the workspace; the admin changes a role, deactivates someone who is signed in
// elsewhere (their page drops to sign-in) and sees the cases they left to hand off, then removes
// the newcomer from the workspace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("people in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(async () => {
    await stage?.dispose();
  });

  it("invites someone who joins with the link, deactivates a leaver and removes the newcomer", async () => {
    const admin = await stage.signIn(await stage.person(), "admin@regional-cse.example");
    await admin.goto("/w/regional-cse/mine");
    await admin.getByRole("link", { name: "People", exact: true }).click();
    await admin.getByRole("heading", { name: "People", level: 1 }).waitFor();

    const form = admin.getByRole("form", { name: "Invite someone" });
    await form.getByLabel("Email").fill("mira.new@regional-cse.example");
    await form.getByLabel("Name (optional)").fill("Mira New");
    await form.getByLabel("Role").selectOption("agent");
    await form.getByRole("button", { name: "Send invitation" }).click();
    const link = admin.getByLabel("Invitation link");
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await admin.locator('tr[data-invitation="mira.new@regional-cse.example"]').waitFor();
    await stage.shot(admin, "people-invited");

    const invitee = await (await stage.person()).newPage();
    await invitee.goto(new URL(url).pathname);
    await invitee.getByRole("heading", { name: /Join / }).waitFor();
    await invitee.getByLabel("Your name").waitFor();
    expect(await invitee.getByLabel("Your name").inputValue()).toBe("Mira New");
    await invitee.getByLabel("Choose a password").fill("aaaaaaaaaa");
    await invitee.getByRole("button", { name: /Join/ }).click();
    await invitee.getByText(/Password is too easy to guess/).waitFor();
    await stage.shot(invitee, "invite-weak-password");
    await invitee.getByLabel("Choose a password").fill("tidal compass 19 marmot");
    await invitee.getByRole("button", { name: /Join/ }).click();
    await invitee.getByRole("navigation").first().waitFor();
    expect(invitee.url()).toContain("/w/regional-cse/mine");
    // The link is spent.
    const again = await (await stage.person()).newPage();
    await again.goto(new URL(url).pathname);
    await again.getByText(/already used/).waitFor();

    // The new member is listed; the admin makes them a shift lead.
    await admin.reload();
    const row = admin.locator('tr[data-person="mira.new@regional-cse.example"]');
    await row.waitFor();
    await row.getByLabel(/Role of/).selectOption("shift_lead");
    await admin.getByText(/Mira New is now/).waitFor();

    // A leaver, signed in elsewhere, is deactivated: their page drops to sign-in.
    const leaver = await stage.signIn(await stage.person(), "agent@regional-cse.example");
    const leaverRow = admin.locator('tr[data-person="agent@regional-cse.example"]');
    await leaverRow.getByRole("button", { name: "Deactivate" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Deactivate" }).click();
    const left = admin.getByRole("region", { name: "Cases to hand off" });
    await left.waitFor();
    expect(await left.getByRole("link").count()).toBeGreaterThan(0);
    await admin.locator('tr[data-person="agent@regional-cse.example"][data-active="no"]').waitFor();
    await stage.shot(admin, "people-deactivated");
    await leaver.reload();
    await leaver.getByRole("heading", { name: "Sign in" }).waitFor();

    // The new member is removed from the workspace: their row goes, and the audit says so.
    await left.getByRole("button", { name: "Done" }).click();
    await row.getByRole("button", { name: "Remove" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await admin
      .getByRole("region", { name: "Cases to hand off" })
      .getByText("Mira New holds no open cases.")
      .waitFor();
    await row.waitFor({ state: "detached" });
    await admin.getByRole("link", { name: "Audit", exact: true }).click();
    await admin
      .locator('li[data-action="membership.removed"]')
      .first()
      .getByText(/Mira New/)
      .waitFor();
  });
});
