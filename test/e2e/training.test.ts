// Issue 13 in the browser (S4.12): an agent records a two-hour training a customer asked for on
// a demo case; the lead's open desk shows it without a reload with the factors to weigh (which
// customer, which plan, critical or not) and approves it naming who runs it; a 20-minute one the
// agent takes up on the case page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseDetail, CaseSummary } from "../../src/http/routes/case-schemas.ts";
import type { Customer } from "../../src/http/routes/customer-schemas.ts";
import { agentsOf, call, me, openCase } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "shift-lead";

describe.skipIf(!hasChromium)("training and sessions in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("the lead approves a long training live on the desk; the agent takes up a short one", async () => {
    const lead = await stage.signIn(await stage.person(), `lead@${WS}.example`);
    await lead.goto(`/w/${WS}/desk`);
    const section = lead.getByRole("region", { name: "Training and sessions" });
    await section.getByText("No session requests.").waitFor();

    // An open demo case of a critical customer (the demo marks a few customers critical).
    const agent = await stage.signIn(await stage.person(), `agent@${WS}.example`);
    const customers = (
      await call<{ items: Customer[] }>(agent, "GET", `/workspaces/${WS}/customers`)
    ).json.items;
    const critical = new Set(customers.filter((c) => c.critical).map((c) => c.id));
    expect(critical.size).toBeGreaterThan(0);
    const list = await call<{ items: CaseSummary[] }>(
      agent,
      "GET",
      `/cases?workspace=${WS}&limit=200`,
    );
    let kase: CaseDetail | undefined;
    for (const summary of list.json.items.filter((s) => s.status !== "closed")) {
      const detail = (await call<CaseDetail>(agent, "GET", `/cases/${summary.number}`)).json;
      if (detail.customer && critical.has(detail.customer.id)) {
        kase = detail;
        break;
      }
    }
    if (!kase) throw new Error("no open demo case of a critical customer");
    const customer = customers.find((c) => c.id === kase.customer?.id);

    // The agent records a two-hour training on the case page: it waits for the shift lead.
    await openCase(agent, kase.number);
    const panel = agent.getByRole("region", { name: "Training and sessions" });
    await panel.getByText("Record a session request").click();
    const form = panel.getByRole("form", { name: "Record a session request" });
    await form.getByLabel("Kind").selectOption("training");
    await form.getByLabel("Minutes").fill("120");
    await form.getByLabel("Topic").fill("Admin onboarding for their new team");
    await form.getByRole("button", { name: "Record request" }).click();
    const waiting = panel.locator('li[data-state="pending"]');
    await waiting.getByText("Waiting for the shift lead").waitFor();
    await expect.poll(() => waiting.getByRole("button", { name: "Take it up" }).count()).toBe(0);

    // The lead's desk shows it without a reload, with the customer, plan and critical flag.
    const row = section.locator('tr[data-state="pending"]');
    await row.getByText("Admin onboarding for their new team").waitFor({ timeout: 20_000 });
    await row.getByText(customer?.name ?? "").waitFor();
    await row.getByText("Critical customer").waitFor();
    await row.getByText(`Plan ${kase.plan ?? customer?.plan ?? ""}`).waitFor();
    await row.getByText("2 h training").waitFor();
    const runner = (await agentsOf(lead, WS)).find(
      (a) => a.role === "agent" && a.id !== kase.owner?.id,
    );
    if (!runner) throw new Error("no other agent to run it");
    await row.getByLabel("Who runs it").selectOption(runner.id);
    await row.getByPlaceholder("Note").fill("Keep it to the admin screens");
    await row.getByRole("button", { name: "Approve" }).click();
    await section
      .locator('tr[data-state="approved"]')
      .getByText(`${runner.name} runs it`)
      .waitFor();
    await stage.shot(lead, "training-desk");

    // A 20-minute training the agent takes up on the case page, and runs (the form stays open).
    await form.getByLabel("Kind").selectOption("training");
    await form.getByLabel("Minutes").fill("20");
    await form.getByLabel("Topic").fill("Show them the export filters");
    await form.getByRole("button", { name: "Record request" }).click();
    const short = panel.locator('li[data-state="pending"]', {
      hasText: "Show them the export filters",
    });
    await short.getByRole("button", { name: "Take it up" }).click();
    const self = await me(agent);
    await panel.locator('li[data-state="accepted"]').getByText(`${self.name} runs it`).waitFor();
    // The long one shows its approval on the case too (live), with who runs it.
    await panel
      .locator('li[data-state="approved"]')
      .getByText(`${runner.name} runs it`)
      .waitFor({ timeout: 20_000 });
    await stage.shot(agent, "training-case");
  });
});
