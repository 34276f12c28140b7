// Issue 12 in the browser: an admin changes how a queue hands out cases on the Queue settings
// page; a change someone else made meanwhile is announced and the page shows theirs; an agent
// reads the same page without anything to change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "helpdesk-transfer";

interface Queues {
  version: number;
  items: { code: string; distribution: string; mayChange: boolean }[];
}

describe.skipIf(!hasChromium)("queue settings in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("an admin switches a queue's method; a stale change is announced; an agent only reads", async () => {
    const admin = await stage.signIn(await stage.person(), `admin@${WS}.example`);
    await admin.goto(`/w/${WS}/messages`);
    await admin.getByRole("link", { name: "Queue settings" }).click();
    await admin.getByRole("heading", { name: "Queue settings", level: 1 }).waitFor();
    const before = await call<Queues>(admin, "GET", `/workspaces/${WS}/queues`);

    const billing = admin.getByRole("form", { name: "Billing queue" });
    const method = billing.getByLabel("Method of Billing");
    expect(await method.inputValue()).toBe("manual");
    await method.selectOption("round_robin");
    await billing.getByText("Round robin: each agent in turn").waitFor();
    await billing.getByRole("button", { name: "Save" }).click();
    await admin.getByText("Saved: Billing now uses Round robin.").waitFor();
    const after = await call<Queues>(admin, "GET", `/workspaces/${WS}/queues`);
    expect(after.json.version).toBe(before.json.version + 1);
    expect(after.json.items.find((q) => q.code === "billing")?.distribution).toBe("round_robin");
    // Saved and refetched: nothing left to save on that row.
    await expect.poll(() => billing.getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
    await stage.shot(admin, "queue-settings-admin");

    // Another admin changes Sales meanwhile; this page still holds the version it read.
    const other = await call(admin, "PATCH", `/workspaces/${WS}/queues/sales`, {
      version: after.json.version,
      distribution: "least_loaded",
    });
    expect(other.status).toBe(200);
    const level2 = admin.getByRole("form", { name: "Level 2 support queue" });
    await level2.getByLabel("Method of Level 2 support").selectOption("skills");
    await level2.getByRole("button", { name: "Save" }).click();
    await admin.getByRole("alert").filter({ hasText: "The policy changed meanwhile" }).waitFor();
    // The page refetched: the other admin's method shows, and Level 2 kept its own.
    await expect.poll(() => admin.getByLabel("Method of Sales").inputValue()).toBe("least_loaded");
    expect(await level2.getByLabel("Method of Level 2 support").inputValue()).toBe("least_loaded");
    const unchanged = await call<Queues>(admin, "GET", `/workspaces/${WS}/queues`);
    expect(unchanged.json.version).toBe(after.json.version + 1);

    // An agent sees the methods in words, and nothing to change.
    const agent = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    await agent.goto(`/w/${WS}/queues`);
    await agent.getByRole("heading", { name: "Queue settings", level: 1 }).waitFor();
    const row = agent.locator('tr[data-queue="billing"]');
    await row.getByText("Round robin: each agent in turn").waitFor();
    await agent.getByText("Your role may not change a queue's method.").waitFor();
    expect(await agent.getByRole("table").getByRole("combobox").count()).toBe(0);
    expect(await agent.getByRole("button", { name: "Save" }).count()).toBe(0);
    await stage.shot(agent, "queue-settings-agent");
  });
});
