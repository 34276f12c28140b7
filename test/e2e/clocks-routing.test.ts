import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase, me } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

// Issue 12: a case created into a round-robin queue lands with an agent and says why; a public
// reply moves the clocks on the open page without reloading it.

const WS = "helpdesk-transfer";
const allDay = [{ start: "00:00", end: "24:00" }];

describe.skipIf(!hasChromium)("clocks and routing in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("shows why a round-robin case went to its agent, and a reply meets the first response live", async () => {
    const page = await stage.signIn(await stage.person(), "agent@helpdesk-transfer.example");
    const self = await me(page);
    // Working around the clock and available, so round robin has someone on shift whatever the
    // hour the test runs at.
    const agents = await call<{ items: { id: string; version: number }[] }>(
      page,
      "GET",
      `/workspaces/${WS}/agents`,
    );
    const mine = agents.json.items.find((a) => a.id === self.id)!;
    const hours = await call<{ version: number }>(
      page,
      "PUT",
      `/workspaces/${WS}/agents/me/hours`,
      {
        version: mine.version,
        workingHours: {
          mon: allDay,
          tue: allDay,
          wed: allDay,
          thu: allDay,
          fri: allDay,
          sat: allDay,
          sun: allDay,
        },
      },
    );
    expect(hours.status, JSON.stringify(hours.json)).toBe(200);
    const available = await call(page, "PUT", `/workspaces/${WS}/agents/me/availability`, {
      version: hours.json.version,
      status: "available",
    });
    expect(available.status, JSON.stringify(available.json)).toBe(200);

    const routed = await createCase(page, {
      workspace: WS,
      subject: "Checkout page times out",
      queue: "l1-support",
    });
    await page.goto(`/cases/${routed}`);
    const why = page.locator("details.assignment-why");
    await why.waitFor();
    expect(await why.locator("summary").textContent()).toMatch(
      /^Assigned to .+ by round robin \(in turn\)$/,
    );
    await why.locator("summary").click();
    expect(await why.locator("li").count()).toBeGreaterThan(0);
    await stage.shot(page, "case-clocks-assignment");

    // A case of my own, new: its first response runs until I reply in public.
    const number = await createCase(page, {
      workspace: WS,
      subject: "Invoice PDF is blank",
      ownerId: self.id,
    });
    await page.goto(`/cases/${number}`);
    const first = page.locator('[data-clock="first_response"]');
    await first.waitFor();
    expect(await first.getAttribute("data-state")).toMatch(/^(running|due_soon)$/);
    const nextBefore = await page
      .locator('[data-clock="next_update"] time')
      .getAttribute("datetime");
    // A mark on this page's window: still there afterwards means the clocks moved without a reload.
    await page.evaluate(() => {
      (window as unknown as { stillHere?: boolean }).stillHere = true;
    });
    await page.getByLabel(/public/i).check();
    await page
      .getByPlaceholder(/write a note/i)
      .fill("We are looking into the blank invoices now.");
    await page.getByRole("button", { name: /add public note/i }).click();
    expect(await page.locator("[data-calendar]").textContent()).toMatch(
      /^Counted (around the clock|in .+)$/,
    );
    await expect.poll(() => first.getAttribute("data-state")).toBe("met");
    // Met today, so the time alone, in the viewer's zone.
    expect(await first.locator(".clock-when").textContent()).toMatch(/^Met \d{2}:\d{2}$/);
    expect(await first.locator(".badge").textContent()).toBe("Met");
    await expect
      .poll(() => page.locator('[data-clock="next_update"] time').getAttribute("datetime"))
      .not.toBe(nextBefore);
    expect(
      await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
    ).toBe(true);
    await stage.shot(page, "case-clocks-met");
  });

  it("sorts a list by the soonest deadline", async () => {
    const page = await stage.signIn(await stage.person(), "agent@helpdesk-transfer.example");
    await page.getByRole("table").waitFor();
    await page.getByLabel("Sort").selectOption("due");
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("due");
    await expect
      .poll(async () => {
        const dues = await page
          .locator("tbody td.col-due")
          .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-due") ?? ""));
        const running = dues.filter(Boolean).map(Date.parse);
        const sorted = running.every((t, i) => i === 0 || running[i - 1]! <= t);
        const lastRunning = dues.findLastIndex((d) => d !== "");
        const firstEmpty = dues.indexOf("");
        return dues.length > 0 && sorted && (firstEmpty < 0 || firstEmpty > lastRunning);
      })
      .toBe(true);
    // Each row words its deadline: time left, overdue, paused, or a dash.
    const words = await page.locator("tbody td.col-due").allTextContents();
    for (const w of words) expect(w).toMatch(/^(in \d.*|overdue \d.*|paused|—)$/);
  });
});
