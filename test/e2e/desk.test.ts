// Issue 13 in the browser (S4.6): an agent asks the shift lead for two hours off queue on the
// desk; the lead's open desk shows the request without a reload and approves it with a note; the
// agent's open desk shows the answer without a reload, and the agent comes back early.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "shift-lead";

describe.skipIf(!hasChromium)("the desk in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("an agent asks to go off queue, the lead approves live, the agent is back early", async () => {
    const lead = await stage.signIn(await stage.person(), `lead@${WS}.example`);
    await lead.goto(`/w/${WS}/desk`);
    await lead.getByRole("heading", { name: "Desk", level: 1 }).waitFor();
    await lead.getByText("What waits for the shift lead").waitFor();

    const agent = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    await agent.goto(`/w/${WS}/messages`);
    await agent.getByRole("link", { name: "Desk" }).click();
    const form = agent.getByRole("form", { name: "Go off queue" });
    await form.getByText("the shift lead approves it first").waitFor();
    await form.getByLabel("Hours").selectOption("2");
    await form.getByLabel("What for").fill("Clear my backlog of billing tickets");
    await form.getByRole("button", { name: "Ask the shift lead" }).click();
    const mine = agent.locator('tr[data-state="pending"]');
    await mine.getByText("Waiting for approval").waitFor();
    // One request at a time: the form is gone while it waits.
    await expect.poll(() => form.count()).toBe(0);

    // The lead's desk hears of it without a reload.
    const asked = lead.locator('tr[data-state="pending"]');
    await asked.getByText("Clear my backlog of billing tickets").waitFor({ timeout: 20_000 });
    await asked.getByPlaceholder("Note (optional)").fill("Fine, back by lunch");
    await asked.getByRole("button", { name: "Approve" }).click();
    await lead.locator('tr[data-state="approved"]').getByText("Off queue").first().waitFor();
    await stage.shot(lead, "desk-lead");

    // The agent's desk shows the answer live, and they may come back early.
    const approved = agent.locator('tr[data-state="approved"]');
    await approved.getByText("Fine, back by lunch").waitFor({ timeout: 20_000 });
    await approved.getByRole("button", { name: "Back on queue now" }).click();
    await agent.locator('tr[data-state="ended"]').getByText("Back on queue").waitFor();
    await agent.getByRole("form", { name: "Go off queue" }).waitFor();
    await stage.shot(agent, "desk-agent");
  });
});
