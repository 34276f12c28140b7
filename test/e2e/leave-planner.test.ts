// Issue 13 in the browser (S4.4, S4.5, S4.8, S4.11): the demo agent plans two weeks of leave,
// describes each open case and records the out-of-office reply and the call diversion, hands the
// plan to the shift lead, who names who takes each case; the plan ends approved, the cases are
// reassigned, and the hand-off sheet shows each with its new holder.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentsOf, call, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "shift-lead";
const DAY = 86_400_000;

describe.skipIf(!hasChromium)("the leave planner in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("an agent plans leave, the lead approves case by case, the sheet shows who holds each", async () => {
    const agent = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    const self = await me(agent);
    await agent.goto(`/w/${WS}/messages`);
    await agent.getByRole("link", { name: "Leave" }).click();
    await agent.getByRole("heading", { name: "Leave", level: 1 }).waitFor();
    const form = agent.getByRole("form", { name: "Plan leave" });
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    await form.getByLabel("First day away").fill(day(10));
    await form.getByLabel("Back on").fill(day(24));
    await form.getByLabel("Note").fill("Two weeks away");
    await form.getByRole("button", { name: "Plan my leave" }).click();
    const plan = agent.locator('section.leave-plan[data-state="draft"]');
    await plan.getByText("Draft: describe each case").waitFor();
    const items = plan.locator("li.leave-item");
    const count = await items.count();
    expect(count).toBeGreaterThan(0);

    for (let n = 0; n < count; n++) {
      const describe = plan.getByRole("form").nth(n);
      await describe.getByLabel("Handed off").fill("Keep the customer posted on the fix");
      await describe.getByLabel("Validated so far").fill("Reproduced, logs attached");
      await describe.getByLabel("Follow-ups").fill("Update due Friday");
      await describe.getByLabel("Customer told who looks after it").check();
      await describe.getByRole("button", { name: /^Save case/ }).click();
      await expect
        .poll(async () => (await describe.getByLabel("Validated so far").inputValue()) !== "")
        .toBe(true);
    }
    // Wait for the saves to land before the checks (each bumps the plan's cases, not the plan).
    await expect
      .poll(async () => {
        const r = await call<{
          items: { agent: { id: string }; items: { validated: string }[] }[];
        }>(agent, "GET", `/workspaces/${WS}/leave-plans`);
        return r.json.items
          .find((p) => p.agent.id === self.id)
          ?.items.every((i) => i.validated !== "");
      })
      .toBe(true);

    const checks = plan.getByRole("list", { name: "Before you go" });
    await checks
      .locator("li")
      .filter({ hasText: "out-of-office reply set" })
      .getByRole("button", { name: "Done" })
      .click();
    await checks.locator('li[data-done="true"]').filter({ hasText: "out-of-office" }).waitFor();
    await checks.getByPlaceholder("Calls go to…").fill("+61 2 5550 0101");
    await checks
      .locator("li")
      .filter({ hasText: "call diversion set" })
      .getByRole("button", { name: "Done" })
      .click();
    await checks.getByText("(to +61 2 5550 0101)").waitFor();
    await plan.getByRole("button", { name: "Hand to the shift lead" }).click();
    await agent
      .locator('section.leave-plan[data-state="submitted"]')
      .getByText("With the shift lead")
      .waitFor();

    // The lead sees it on the desk, opens the planner and names a holder for each case.
    const lead = await stage.signIn(await stage.person(), `lead@${WS}.example`);
    await lead.goto(`/w/${WS}/desk`);
    // Transfer approvals sit beside the desk's own requests.
    await lead.getByRole("region", { name: "Transfer approvals" }).waitFor();
    await lead.getByRole("region", { name: "Leave hand-offs" }).getByRole("link").first().click();
    const theirs = lead.getByRole("region", { name: `Leave of ${self.name}` });
    await theirs.getByText("With the shift lead").waitFor();
    const everyone = await agentsOf(lead, WS);
    const holder = everyone.find(
      (a) => a.id !== self.id && a.role === "agent" && a.availability.status === "available",
    );
    expect(holder).toBeDefined();
    for (let n = 0; n < count; n++) {
      const waiting = theirs.locator('li.leave-item[data-state="requested"]').first();
      await waiting.getByLabel(/^Who takes case/).selectOption(holder!.id);
      await waiting.getByLabel("Private note").fill(`${holder!.name} takes this during the leave`);
      await waiting.getByRole("button", { name: "Approve" }).click();
      await expect
        .poll(() => theirs.locator('li.leave-item[data-state="handed_off"]').count(), {
          timeout: 20_000,
        })
        .toBeGreaterThan(n);
    }
    const done = theirs;
    await done.getByText("Approved: the team has the list").waitFor();
    await expect.poll(() => done.getByText(`Held by ${holder!.name}`).count()).toBe(count);
    await stage.shot(lead, "leave-planner-lead");

    // The agent's planner shows it approved live; the sheet lists each case claimed by the holder.
    await agent.locator('section.leave-plan[data-state="approved"]').waitFor({ timeout: 20_000 });
    await stage.shot(agent, "leave-planner-agent");
    await lead.goto(`/w/${WS}/sheet`);
    await lead
      .getByText(/on leave: Update due Friday/)
      .first()
      .waitFor();
    expect(await lead.getByText(/on leave: Update due Friday/).count()).toBe(count);
  });
});
