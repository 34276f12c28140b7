// Issue 18 in the browser: the shift lead of the demo's shift-lead workspace opens Handoff
// analytics from the nav and sees the transfers this test made (two completed by the lead, one an
// agent asked for and withdrew), switches a chart to its table, downloads a CSV, narrows to one
// queue and sees the address and the figures follow, and gets the API's word for a bad range. The
// agent sees only their own handoffs, and says so. On a phone the page does not scroll sideways; in
// light and dark axe finds nothing to fix, with the charts and with every table.
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshAnalytics } from "../../src/commands/analytics/refreshAnalytics.ts";
import { memberships, users } from "../../src/db/schema.ts";
import type { HandoffAnalyticsAnswer } from "../../src/http/routes/analytics-schemas.ts";
import { axeAudit } from "./axe.ts";
import { agentsOf, call, createCase, me, storedCase } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WS = "shift-lead";
const LEAD = `lead@${WS}.example`;
const AGENT = `agent@${WS}.example`;
const KIND = "Hand-off request to the shift lead";
const FIELDS = {
  attention_needed: "The 15:00 customer call and the export fix",
  validation_done: "Reproduced on staging; logs attached",
};

describe.skipIf(!hasChromium)("handoff analytics in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  /** The lead hands a case in `queue` straight to a colleague: a completed transfer. */
  async function handOn(lead: Page, queue: string, subject: string, to: string) {
    const number = await createCase(lead, {
      workspace: WS,
      subject,
      queue,
      ownerId: (await me(lead)).id,
    });
    const kase = await storedCase(lead, number);
    const made = await call<{ state: string }>(lead, "POST", `/cases/${number}/transfers`, {
      version: kase.version,
      kind: "handoff-request",
      reason: "needs-expertise",
      target: { agentId: to },
      fields: FIELDS,
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json.state).toBe("completed");
    return number;
  }

  /** The agent asks the shift lead to take a case on, then thinks better of it: withdrawn. */
  async function askAndWithdraw(agent: Page) {
    const self = await me(agent);
    const number = await createCase(agent, {
      workspace: WS,
      subject: "Invoice PDF cut off at page two",
      queue: "tickets",
      ownerId: self.id,
    });
    const kase = await storedCase(agent, number);
    const made = await call<{ id: string; version: number; state: string }>(
      agent,
      "POST",
      `/cases/${number}/transfers`,
      {
        version: kase.version,
        kind: "handoff-request",
        reason: "needs-attention",
        target: { queue: "chat" },
        fields: FIELDS,
      },
    );
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    expect(made.json.state).not.toBe("completed");
    const withdrawn = await call<{ state: string }>(
      agent,
      "POST",
      `/transfers/${made.json.id}/withdraw`,
      { version: made.json.version },
    );
    expect(withdrawn.status, JSON.stringify(withdrawn.json)).toBe(200);
    expect(withdrawn.json.state).toBe("withdrawn");
  }

  const totals = async (page: Page, query = "") => {
    const reply = await call<HandoffAnalyticsAnswer>(
      page,
      "GET",
      `/workspaces/${WS}/analytics/handoffs${query}`,
    );
    expect(reply.status).toBe(200);
    return reply.json.transfers.totals;
  };

  /** The figure a stat list shows under its label, in a section. */
  const stat = (page: Page, section: string, label: string) =>
    page
      .getByRole("region", { name: section, exact: true })
      .locator(".analytics-stats > div")
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator("dd");

  it("shows the lead the transfers the test made, as charts, tables and CSV, and follows the filters", async () => {
    const lead = await stage.signIn(await stage.person({ acceptDownloads: true }), LEAD);
    const agent = await stage.signIn(await stage.person(), AGENT);
    const db = stage.server.database.db;
    await refreshAnalytics(db);
    const before = await totals(lead);
    const chatBefore = await totals(lead, "?queue=chat");
    // The demo's history holds handoffs of this kind and others already.
    const kindBefore = await totals(lead, "?kind=handoff-request");
    const agentBefore = await totals(agent);

    const self = await me(agent);
    const colleague = (await agentsOf(lead, WS)).find(
      (a) => a.id !== self.id && a.role === "agent" && a.availability.status === "available",
    );
    if (!colleague) throw new Error("the demo's shift-lead workspace has no available agent");
    const inTickets = await handOn(lead, "tickets", "Export stops at midnight", colleague.id);
    const inChat = await handOn(lead, "chat", "Chat widget shows the wrong language", self.id);
    await askAndWithdraw(agent);
    await refreshAnalytics(db);

    // The lead works in the workspace's queues, so the figures are their team's.
    const [leadRow] = await db
      .select({ queues: memberships.queues })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, LEAD));
    expect(leadRow?.queues.length).toBeGreaterThan(0);

    await lead.goto(`/w/${WS}/mine`);
    await lead
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Handoff analytics" })
      .click();
    await lead.getByRole("heading", { level: 1, name: "Handoff analytics" }).waitFor();
    await lead.getByText("Your team's queues: ", { exact: false }).waitFor();
    await lead.getByText("Figures as of", { exact: false }).waitFor();

    const total = before.total + 3;
    await expect.poll(() => stat(lead, "Transfers", "Total").textContent()).toBe(String(total));
    expect(await stat(lead, "Transfers", "Completed").textContent()).toBe(
      String(before.completed + 2),
    );
    expect(await stat(lead, "Transfers", "Withdrawn").textContent()).toBe(
      String(before.withdrawn + 1),
    );

    // Per kind: drawn as bars, then as its table with the same numbers.
    const perKind = lead.getByRole("region", { name: "Per kind", exact: true });
    await expect
      .poll(() => perKind.locator("figure .recharts-bar-rectangle").count())
      .toBeGreaterThan(0);
    expect(await perKind.getByRole("img").getAttribute("aria-label")).toContain(
      `${total} transfers`,
    );
    // By keyboard, as anyone not using a mouse would.
    await perKind.getByRole("button", { name: "Table of Per kind" }).focus();
    await lead.keyboard.press("Enter");
    expect(
      await perKind.getByRole("button", { name: "Table of Per kind" }).getAttribute("aria-pressed"),
    ).toBe("true");
    expect(await perKind.locator("figure").count()).toBe(0);
    const kindRow = perKind.getByRole("table", { name: "Per kind" }).getByRole("row", {
      name: new RegExp(`^${KIND}`),
    });
    // Completed, withdrawn, total (the columns are the outcomes that happened).
    const cells = await kindRow.getByRole("cell").allTextContents();
    expect(cells.at(-1)).toBe(String(kindBefore.total + 3));

    // The lowest scores list both completed transfers, provisional so soon after the handoff.
    const lowest = lead.getByRole("region", { name: /lowest-scoring transfers?$/ });
    for (const n of [inTickets, inChat])
      await lowest.getByRole("link", { name: `#${n}` }).waitFor();
    expect(await lowest.getByText("Provisional", { exact: true }).count()).toBeGreaterThanOrEqual(
      2,
    );

    // The CSV of the per-kind table, with the page's filters.
    const [download] = await Promise.all([
      lead.waitForEvent("download"),
      perKind.getByRole("link", { name: "Download CSV of Per kind" }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    expect(csv.split(/\r?\n/)[0]).toBe("Kind,Total,Completed,Declined,Rejected,Withdrawn,Expired");
    expect(csv).toContain(
      [
        "handoff-request",
        kindBefore.total + 3,
        kindBefore.completed + 2,
        kindBefore.declined,
        kindBefore.rejected,
        kindBefore.withdrawn + 1,
        kindBefore.expired,
      ].join(","),
    );
    await stage.shot(lead, "handoff-analytics");

    // Only the chat queue (from or to it): the address says so, and the lead's chat transfer and
    // the agent's withdrawn request to chat are left.
    await lead.getByLabel("Queue", { exact: true }).selectOption({ label: "Chat conversations" });
    await lead.getByRole("button", { name: "Show" }).click();
    await expect.poll(() => new URL(lead.url()).searchParams.get("queue")).toBe("chat");
    await expect
      .poll(() => stat(lead, "Transfers", "Total").textContent())
      .toBe(String(chatBefore.total + 2));
    await lowest.getByRole("link", { name: `#${inChat}` }).waitFor();
    expect(await lowest.getByRole("link", { name: `#${inTickets}` }).count()).toBe(0);
    // A reload keeps the view.
    await lead.reload();
    await lead.getByRole("heading", { level: 1, name: "Handoff analytics" }).waitFor();
    // The queue choices arrive after the heading; the select shows the address's queue once they do.
    await expect.poll(() => lead.getByLabel("Queue", { exact: true }).inputValue()).toBe("chat");
    await expect
      .poll(() => stat(lead, "Transfers", "Total").textContent())
      .toBe(String(chatBefore.total + 2));

    // A range that ends before it starts: the API's own words.
    await lead.getByLabel("From", { exact: true }).fill("2026-03-10");
    await lead.getByLabel("To", { exact: true }).fill("2026-03-01");
    await lead.getByRole("button", { name: "Show" }).click();
    await lead.getByRole("alert").getByText("must not be after", { exact: false }).waitFor();

    // The agent sees their own handoffs only: the one they asked for and the one they received.
    await agent.goto(`/w/${WS}/mine`);
    await agent
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Handoff analytics" })
      .click();
    await agent.getByText("Your handoffs", { exact: true }).waitFor();
    await expect
      .poll(() => stat(agent, "Transfers", "Total").textContent())
      .toBe(String(agentBefore.total + 2));

    // On a phone: no sideways scroll, the wide lowest-scores table scrolls in its own box.
    await lead.setViewportSize({ width: 390, height: 844 });
    await lead.goto(`/w/${WS}/reports/handoffs`);
    await stat(lead, "Transfers", "Total").waitFor();
    await lowest.getByRole("link", { name: `#${inChat}` }).waitFor();
    await lead
      .getByRole("region", { name: "Per week", exact: true })
      .locator("figure .recharts-bar-rectangle")
      .first()
      .waitFor();
    const widths = await lead.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    const box = await lowest.locator(".analytics-table").boundingBox();
    expect(box && box.x + box.width <= 390).toBe(true);
    await stage.shot(lead, "handoff-analytics-phone");
    // Three sign-ins' worth of setup, a refresh and a dozen views: room for a busy machine.
  }, 180_000);

  it.each(["light", "dark"] as const)(
    "has no axe violations with its charts and with its tables (%s)",
    async (colorScheme) => {
      // The shift lead's team, and the follow-the-sun admin's whole workspace, whose history
      // holds 24x7 handovers and misses.
      const found: Record<string, string[]> = {};
      for (const [workspace, email] of [
        [WS, LEAD],
        ["follow-the-sun", "admin@follow-the-sun.example"],
      ] as const) {
        const page = await stage.signIn(
          await stage.person({ colorScheme, bypassCSP: true }),
          email,
        );
        await page.goto(`/w/${workspace}/reports/handoffs`);
        await page.getByRole("heading", { level: 1, name: "Handoff analytics" }).waitFor();
        await page.locator(".analytics-stats dd").first().waitFor();
        const charts = await axeAudit(page);
        // Every figure as its table.
        for (const button of await page.getByRole("button", { name: /^Table of / }).all())
          await button.click();
        await expect.poll(() => page.locator("figure.analytics-chart").count()).toBe(0);
        const tables = await axeAudit(page);
        found[`${workspace} charts`] = charts.violations;
        found[`${workspace} tables`] = tables.violations;
        // Contrast, names, labels, landmarks, …: axe read the page rather than an empty one.
        expect(Math.min(charts.passed, tables.passed)).toBeGreaterThan(15);
      }
      expect(found).toEqual({
        [`${WS} charts`]: [],
        [`${WS} tables`]: [],
        "follow-the-sun charts": [],
        "follow-the-sun tables": [],
      });
    },
    180_000,
  );
});
