// The hand-off sheet in two browsers: the agent puts a case on the sheet; the lead, with the sheet
// open, sees it appear without a reload (the live event stream), claims it, and the agent's page
// shows who claimed it, live too.
import { afterAll, beforeAll, describe, it } from "vitest";
import { createCase, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("hand-off sheet in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("one adds a case, the other sees it live and claims it, the first sees who", async () => {
    const agent = await stage.signIn(await stage.person(), "agent@shift-lead.example");
    const lead = await stage.signIn(await stage.person(), "lead@shift-lead.example");
    const agentMe = await me(agent);
    const leadMe = await me(lead);
    const subject = `Sheet case ${Date.now()}`;
    const number = await createCase(agent, {
      workspace: "shift-lead",
      subject,
      ownerId: agentMe.id,
    });

    await lead.getByRole("navigation").getByRole("link", { name: "Hand-off sheet" }).click();
    await lead.getByRole("heading", { name: "Hand-off sheet" }).waitFor();
    await lead.locator(".live-live").waitFor();

    // The agent adds it from the case page.
    await agent.goto(`/cases/${number}`);
    await agent.getByText("Add to hand-off sheet", { exact: true }).first().click();
    await agent.getByLabel("What it needs").fill("Call the customer back before noon");
    await agent.getByRole("button", { name: "Add to hand-off sheet" }).click();
    await agent.getByText(`Case ${number} is on the hand-off sheet.`).waitFor();
    await agent
      .getByText("Added to the hand-off sheet: Call the customer back before noon")
      .waitFor();
    await agent.goto("/w/shift-lead/sheet");
    await agent.locator(".live-live").waitFor();
    const agentRow = agent.locator("tr", { has: agent.getByRole("link", { name: `#${number}` }) });
    await agentRow.getByText("Open", { exact: true }).waitFor();

    // The lead's open sheet shows it without a reload, and the lead claims it.
    const leadRow = lead.locator("tr", { has: lead.getByRole("link", { name: `#${number}` }) });
    await leadRow.getByText("Call the customer back before noon").waitFor({ timeout: 10_000 });
    await stage.shot(lead, "handoff-sheet-live");
    await leadRow.getByRole("button", { name: `Claim case ${number}` }).click();
    await leadRow.getByText(`Claimed by ${leadMe.name}`).waitFor();

    // The agent's page hears of the claim: claimed by the lead, and no Claim button any more.
    await agentRow.getByText(`Claimed by ${leadMe.name}`).waitFor({ timeout: 10_000 });
    await agentRow
      .getByRole("button", { name: `Claim case ${number}` })
      .waitFor({ state: "detached" });
    await stage.shot(agent, "handoff-sheet-claimed");
  });
});
