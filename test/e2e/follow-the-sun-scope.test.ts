// Follow the sun shows only where the workspace's policy uses it, and a suggestion never offers
// what the viewer may not do: in the help desk (no region shifts) there is no handoff board or
// follow-the-sun panel; in the shift-lead workspace an engineer reads the next-holder suggestion
// as information for the shift lead, who alone assigns there (S4.7).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase, me, openCase } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("follow the sun only where the policy uses it", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("the help desk has no handoff board link, no panel, and the board's address explains why", async () => {
    const page = await stage.signIn(await stage.person(), "agent@helpdesk-transfer.example");
    const self = await me(page);
    const policy = await call<{ features: { followTheSun: boolean } }>(
      page,
      "GET",
      "/workspaces/helpdesk-transfer/policy",
    );
    expect(policy.json.features).toEqual({ followTheSun: false });
    const number = await createCase(page, {
      workspace: "helpdesk-transfer",
      subject: `Laptop will not join the VPN ${Date.now()}`,
      ownerId: self.id,
    });
    await openCase(page, number);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: /My cases/ }).waitFor();
    expect(await nav.getByRole("link", { name: "Handoff board" }).count()).toBe(0);
    expect(await nav.getByRole("link", { name: "Handover meetings" }).count()).toBe(0);
    await page.getByRole("heading", { name: "Description" }).waitFor();
    expect(await page.getByRole("heading", { name: "Follow the sun" }).count()).toBe(0);

    await page.goto("/w/helpdesk-transfer/board");
    await page
      .getByText("helpdesk-transfer does not follow the sun", { exact: false })
      .waitFor({ timeout: 10_000 });
    await stage.shot(page, "board-not-following-the-sun");
  }, 120_000);

  it("the follow-the-sun workspace keeps its board link", async () => {
    const page = await stage.signIn(await stage.person(), "agent@follow-the-sun.example");
    await page.goto("/w/follow-the-sun/mine");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Handoff board" })
      .waitFor({ timeout: 10_000 });
  }, 120_000);

  it("a shift-lead-workspace engineer is not told someone 'can take it now'", async () => {
    const page = await stage.signIn(await stage.person(), "agent@shift-lead.example");
    const self = await me(page);
    const number = await createCase(page, {
      workspace: "shift-lead",
      subject: `Checkout times out for EU customers ${Date.now()}`,
      plan: "enterprise",
      is24x7: true,
      ownerId: self.id,
    });
    const next = await call<{ mayAssign: boolean; assignNote: string | null }>(
      page,
      "GET",
      `/cases/${number}/next-holder`,
    );
    expect(next.status).toBe(200);
    expect(next.json.mayAssign).toBe(false);
    await openCase(page, number);
    const panel = page.locator("section.follow-the-sun");
    await panel
      .getByRole("heading", { name: "Suggested next holder" })
      .waitFor({ timeout: 10_000 });
    await panel
      .getByText("Only the shift lead or administrator assigns cases here", { exact: false })
      .waitFor({ timeout: 10_000 });
    expect(await panel.textContent()).not.toContain("can take it now");
    await stage.shot(page, "next-holder-for-the-shift-lead");

    // The shift lead, who assigns, is offered the assignment wording instead of the note.
    const lead = await stage.signIn(await stage.person(), "lead@shift-lead.example");
    const asLead = await call<{ mayAssign: boolean }>(lead, "GET", `/cases/${number}/next-holder`);
    expect(asLead.json.mayAssign).toBe(true);
    await openCase(lead, number);
    const leadPanel = lead.locator("section.follow-the-sun");
    await leadPanel
      .getByRole("heading", { name: "Suggested next holder" })
      .waitFor({ timeout: 10_000 });
    expect(await leadPanel.textContent()).not.toContain("assigns cases here");
  }, 120_000);
});
