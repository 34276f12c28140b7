// Bulk edit from a case list (issue 17): a support engineer closes ten cases at once, and a
// change to several cases where one was changed meanwhile fails for that one alone.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase, field, me, storedCase } from "./browser-api.ts";
import { hasChromium, openStage, type Stage } from "./harness.ts";

const WORKSPACE = "helpdesk-transfer";

/** My cases whose subject holds `stamp`, each picked by its row's checkbox. */
async function pick(page: Page, stamp: string, numbers: number[]) {
  await page.goto(`/w/${WORKSPACE}/mine?status=all&q=${stamp}`);
  const main = page.getByRole("main");
  await main.locator("tbody tr", { hasText: `#${numbers.at(-1)}` }).waitFor();
  for (const n of numbers) await main.getByRole("checkbox", { name: `Select case #${n}` }).check();
  const bar = main.getByRole("toolbar", { name: "Selected cases" });
  expect(await bar.textContent()).toContain(`${numbers.length} cases selected`);
  await bar.getByRole("button", { name: "Edit selected…" }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${numbers.length} cases` });
  await dialog.waitFor();
  return dialog;
}

describe.skipIf(!hasChromium)("bulk edit from a case list", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  });
  afterAll(() => stage?.dispose());

  it("closes ten cases at once; a case changed meanwhile fails alone; priority in bulk", async () => {
    const agent = await stage.signIn(await stage.person(), "agent@helpdesk-transfer.example");
    const self = await me(agent);
    const stamp = `bulk${Date.now()}`;
    const made: number[] = [];
    for (let i = 0; i < 13; i++)
      made.push(
        await createCase(agent, {
          workspace: WORKSPACE,
          subject: `Printer ${i} offline ${stamp}`,
          queue: "l1-support",
          ownerId: self.id,
        }),
      );
    const ten = made.slice(0, 10);
    const three = made.slice(10);

    const close = await pick(agent, stamp, ten);
    await field(close, /^Status$/).selectOption("closed");
    await close.getByRole("button", { name: "Change 10 cases" }).click();
    const closed = close.locator(".bulk-result");
    await closed.waitFor({ timeout: 20_000 });
    expect(await closed.getByRole("status").textContent()).toBe("10 cases changed, 0 refused.");
    expect(await closed.locator("li.bulk-ok").count()).toBe(10);
    await closed.getByRole("button", { name: "Done" }).click();
    await close.waitFor({ state: "hidden" });
    for (const n of ten) expect((await storedCase(agent, n)).status).toBe("closed");

    // The last three, at phone width, to low priority; someone changes one of them first.
    await agent.setViewportSize({ width: 390, height: 844 });
    const edit = await pick(agent, stamp, three);
    const [stale] = three as [number];
    const before = await storedCase(agent, stale);
    const meanwhile = await call(agent, "PATCH", `/cases/${stale}`, {
      version: before.version,
      severity: "urgent",
    });
    expect(meanwhile.status).toBe(200);
    await field(edit, /^Priority$/).selectOption("low");
    const wide = await agent.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(390);
    await edit.getByRole("button", { name: "Change 3 cases" }).press("Enter");
    const outcome = edit.locator(".bulk-result");
    await outcome.waitFor({ timeout: 15_000 });
    expect(await outcome.getByRole("status").textContent()).toBe("2 cases changed, 1 refused.");
    expect(await outcome.locator(`li[data-case="${stale}"]`).textContent()).toContain(
      "was changed by someone else since you read it",
    );
    await stage.shot(agent, "bulk-edit-result-phone");
    for (const n of three.slice(1)) expect((await storedCase(agent, n)).priority).toBe("low");
    expect((await storedCase(agent, stale)).priority).not.toBe("low");
    await outcome.getByRole("button", { name: "Done" }).click();
    await edit.waitFor({ state: "hidden" });
    // The refused case stays picked for another try; the changed ones are let go.
    expect(await agent.getByRole("checkbox", { name: `Select case #${stale}` }).isChecked()).toBe(
      true,
    );
  });
});
