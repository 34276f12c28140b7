// Issue 15 in the browser: an admin takes "Transfer cases" from agents and changes a queue's
// distribution on the Policy page, reviews the changes, saves with a summary, finds the new
// version in the history and the change in the workspace's audit trail. An agent has neither page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "helpdesk-transfer";

interface PolicyAnswer {
  version: number;
  policy: {
    roles: { id: string; permissions: string[] }[];
    queues: { code: string; distribution: string }[];
  };
  viewer: { transfer: boolean };
}

describe.skipIf(!hasChromium)("the policy editor in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("an admin unticks a permission and changes a distribution, saves, and sees it in history and audit", async () => {
    const admin = await stage.signIn(await stage.person(), `admin@${WS}.example`);
    await admin.goto(`/w/${WS}/messages`);
    await admin.getByRole("link", { name: "Policy", exact: true }).click();
    await admin.getByRole("heading", { name: "Policy", level: 1 }).waitFor();
    const before = await call<PolicyAnswer>(admin, "GET", `/workspaces/${WS}/policy`);
    const next = before.json.version + 1;

    const transfer = admin.getByRole("checkbox", { name: "Agent: Transfer cases" });
    expect(await transfer.isChecked()).toBe(true);
    await transfer.uncheck();
    await stage.shot(admin, "policy-editor-matrix");
    await admin.getByLabel("Method of Billing").selectOption("round_robin");
    await admin.getByRole("button", { name: "Review changes" }).click();
    const changes = admin.getByRole("table", { name: "Changes to save" });
    await changes.locator('tr[data-path="roles.agent.permissions"]').waitFor();
    await changes
      .locator('tr[data-path="queues.billing.distribution"]')
      .getByText("round_robin")
      .waitFor();
    expect(await changes.locator("tbody tr").count()).toBe(2);
    await admin.getByLabel("What changed and why").fill("Agents escalate through their lead");
    await stage.shot(admin, "policy-editor-review");
    await admin.getByRole("button", { name: `Save as version ${next}` }).click();
    await admin.getByText(`Saved as version ${next} (2 changes).`).waitFor();

    const history = admin.locator(`li[data-version="${next}"]`);
    await history.getByText("Agents escalate through their lead").waitFor();
    await history.getByText("current").waitFor();
    const after = await call<PolicyAnswer>(admin, "GET", `/workspaces/${WS}/policy`);
    expect(after.json.version).toBe(next);
    expect(after.json.policy.roles.find((r) => r.id === "agent")?.permissions).not.toContain(
      "case.transfer",
    );
    expect(after.json.policy.queues.find((q) => q.code === "billing")?.distribution).toBe(
      "round_robin",
    );
    // The earlier version compares against the current one.
    const earlier = admin.locator(`li[data-version="${before.json.version}"]`);
    await earlier.getByRole("button", { name: "Compare with current" }).click();
    await earlier.locator('tr[data-path="queues.billing.distribution"]').waitFor();
    await stage.shot(admin, "policy-editor-history");

    await admin.getByRole("link", { name: "Audit", exact: true }).click();
    await admin.getByRole("heading", { name: "Audit", level: 1 }).waitFor();
    const entry = admin.locator('li[data-action="policy.published"]').first();
    await entry
      .getByText(`Policy version ${next} published: 2 changes — Agents escalate through their lead`)
      .waitFor();
    await entry.getByText("roles.agent.permissions").waitFor();
    await stage.shot(admin, "policy-audit");

    // An agent now may not transfer, and sees neither page in the menu.
    const agent = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    const seen = await call<PolicyAnswer>(agent, "GET", `/workspaces/${WS}/policy`);
    expect(seen.json.viewer.transfer).toBe(false);
    await agent.goto(`/w/${WS}/messages`);
    await agent.getByRole("link", { name: "Queue settings" }).waitFor();
    expect(await agent.getByRole("link", { name: "Policy", exact: true }).count()).toBe(0);
    expect(await agent.getByRole("link", { name: "Audit", exact: true }).count()).toBe(0);
  });
});
