// Saved views in the browser (issue 17): an agent saves a filtered list as a view and watches its
// count in the side navigation follow a case changed elsewhere; a lead shares a view with a queue
// and an agent of that queue finds it in their navigation.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentsOf, call, createCase, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("saved views in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  afterAll(() => stage?.dispose());

  it("an agent saves a filtered list; its count follows a case changed elsewhere, live", async () => {
    const agent = await stage.signIn(await stage.person(), "agent@regional-cse.example");
    const token = `Zephyr${randomBytes(3).toString("hex")}`;
    const first = await createCase(agent, { workspace: "regional-cse", subject: `${token} sync` });
    await createCase(agent, { workspace: "regional-cse", subject: `${token} export` });

    await agent.goto(`/w/regional-cse/all?q=${token}`);
    const main = agent.getByRole("main");
    await main.locator("tbody tr").nth(1).waitFor();
    await main.getByRole("button", { name: "Save view" }).click();
    const dialog = agent.getByRole("dialog", { name: "Save this list as a view" });
    await dialog.getByLabel("Name").fill(`${token} watch`);
    // An agent keeps views of their own: there is no one to share it with.
    expect(await dialog.getByLabel("Who sees it").count()).toBe(0);
    await dialog.getByRole("button", { name: "Save" }).click();

    await main.getByRole("heading", { name: `${token} watch`, level: 1 }).waitFor();
    expect(new URL(agent.url()).pathname).toMatch(/^\/w\/regional-cse\/views\/[0-9a-f-]{36}$/);
    await main.getByText("Only you see it").waitFor();
    const link = agent
      .getByRole("navigation")
      .getByRole("link", { name: new RegExp(`${token} watch`) });
    const count = link.locator(".nav-count");
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe("2 cases");
    await stage.shot(agent, "saved-view");

    // Someone resolves one of the cases through the API: the open count drops without a reload.
    const colleague = await stage.signIn(await stage.person(), "admin@regional-cse.example");
    const stored = await call<{ version: number }>(colleague, "GET", `/cases/${first}`);
    const changed = await call(colleague, "PATCH", `/cases/${first}`, {
      version: stored.json.version,
      status: "resolved",
    });
    expect(changed.status).toBe(200);
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe("1 case");
    await main.locator("tbody tr").first().waitFor();
    await expect.poll(() => main.locator("tbody tr").count()).toBe(1);
  });

  it("a lead shares a view with a queue, and an agent of that queue sees it", async () => {
    const agentContext = await stage.person();
    const agentEmail = "agent@regional-cse.example";
    const lead = await stage.signIn(await stage.person(), "lead@regional-cse.example");
    const agentRow = (await agentsOf(lead, "regional-cse")).find((a) => a.email === agentEmail);
    const queue = agentRow?.queues[0];
    if (!queue) throw new Error(`${agentEmail} works in no queue`);

    await lead.goto(`/w/regional-cse/queues/${queue}?owner=none`);
    const main = lead.getByRole("main");
    await main.getByRole("button", { name: "Save view" }).click();
    const dialog = lead.getByRole("dialog", { name: "Save this list as a view" });
    const name = `Unassigned in ${queue} ${randomBytes(2).toString("hex")}`;
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Who sees it").selectOption("queue");
    // The queue on screen is offered first.
    expect(await dialog.getByLabel("Queue").inputValue()).toBe(queue);
    await dialog.getByRole("button", { name: "Save" }).click();
    await main.getByRole("heading", { name, level: 1 }).waitFor();
    await main.getByText(/^Shared with the queue /).waitFor();

    const agent = await stage.signIn(agentContext, agentEmail);
    const { id } = await me(agent);
    expect(agentRow?.id).toBe(id);
    const link = agent.getByRole("navigation").getByRole("link", { name: new RegExp(name) });
    await link.waitFor();
    await link.click();
    const agentMain = agent.getByRole("main");
    await agentMain.getByRole("heading", { name, level: 1 }).waitFor();
    // The agent sees the lead's view but may not change it: no Rename, no Delete.
    expect(await agentMain.getByRole("button", { name: "Rename" }).count()).toBe(0);
    expect(await agentMain.getByRole("button", { name: "Delete" }).count()).toBe(0);
    // The list is the queue's unassigned cases, as the lead saved it.
    await expect
      .poll(() => agentMain.getByLabel("Owner").inputValue(), { timeout: 10_000 })
      .toBe("none");
  });
});
