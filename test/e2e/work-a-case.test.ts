import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, openStage, type Stage } from "./harness.ts";

describe.skipIf(!hasChromium)("working a case in the browser", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it("refuses a wrong password with a clear message", async () => {
    const page = await (await stage.person()).newPage();
    await page.goto("/");
    await page.getByLabel(/email/i).fill("agent@regional-cse.example");
    await page.getByLabel(/password/i).fill("not the password");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect
      .poll(async () => page.getByRole("alert").first().textContent(), { timeout: 10_000 })
      .toMatch(/email or password is wrong/i);
    await stage.shot(page, "sign-in-error");
  });

  it("signs out, and the old session no longer opens anything", async () => {
    const context = await stage.person();
    const page = await stage.signIn(context, "triage@ps-escalation.example");
    await page.getByRole("table").waitFor();
    await page.locator(".user-button").click();
    await page.getByRole("button", { name: /sign out/i }).click();
    await page.getByRole("button", { name: /sign in/i }).waitFor();
    const status = await page.evaluate(async () => (await fetch("/api/v1/auth/session")).status);
    expect(status).toBe(401);
    await page.goto("/");
    await page.getByRole("button", { name: /sign in/i }).waitFor();
  });

  it("signs in, filters my cases, opens one, adds a private note and sees it", async () => {
    const context = await stage.person();
    const page = await stage.signIn(context, "agent@regional-cse.example");
    await page.getByRole("table").waitFor();
    await stage.shot(page, "my-cases");
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);

    await page.getByLabel("Status").first().selectOption("active");
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("active");
    // The URL changes first; the table follows when the filtered page arrives.
    await expect
      .poll(async () => {
        const texts = await page.locator("tbody tr").allTextContents();
        return texts.length > 0 && texts.every((t) => /active/i.test(t));
      })
      .toBe(true);

    await page.locator("tbody tr a.row-link").first().click();
    await page.getByRole("heading", { name: /add a note/i }).waitFor();
    const text = `Checked the logs at ${Date.now()} — nothing unusual 🚀`;
    await page.getByPlaceholder(/write a note/i).fill(text);
    await page.getByRole("button", { name: /add private note/i }).click();
    const item = page.locator("li.tl-item", { hasText: text });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toMatch(/private/i);
    await stage.shot(page, "case-page");
  });

  async function openSameCase(blockLiveForBob: boolean) {
    const alice = await stage.signIn(await stage.person(), "agent@regional-cse.example");
    const bobContext = await stage.person();
    // Without live updates Bob's page keeps the version he read, as after a network hiccup.
    if (blockLiveForBob) await bobContext.route("**/api/v1/events", (route) => route.abort());
    const bob = await stage.signIn(bobContext, "supervisor@regional-cse.example");
    await alice.getByRole("table").waitFor();
    await alice.locator("tbody tr a.row-link").first().click();
    await alice.getByRole("heading", { name: /add a note/i }).waitFor();
    const number = new URL(alice.url()).pathname.split("/").pop();
    await bob.goto(`/cases/${number}`);
    await bob.getByRole("heading", { name: /add a note/i }).waitFor();
    return { alice, bob };
  }

  async function values(select: import("playwright-core").Locator): Promise<string[]> {
    return select
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  }

  async function changePriority(page: import("playwright-core").Page, avoid: string[] = []) {
    const select = page.getByLabel("Priority", { exact: true });
    const current = await select.inputValue();
    const next = (await values(select)).find((v) => v !== current && !avoid.includes(v))!;
    await select.selectOption(next);
    return next;
  }

  // How fast is the benchmark's question; here, that it arrives without a reload at all (the
  // harness's 10 s wait: under a load average of 15 on 2 cores it once took more than 3 s).
  it("shows a colleague's change live, without a reload", async () => {
    const { alice, bob } = await openSameCase(false);
    const next = await changePriority(alice);
    await alice.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => bob.getByLabel("Priority", { exact: true }).inputValue()).toBe(next);
    const timeline = bob.locator("li.tl-item", { hasText: /Priority:/ });
    await timeline.first().waitFor({ timeout: 5_000 });
  });

  it("tells an editor that someone else changed the case and keeps their change", async () => {
    const { alice, bob } = await openSameCase(false);
    const bobsPick = await changePriority(bob);
    const alicesPick = await changePriority(alice, [bobsPick]);
    await alice.getByRole("button", { name: "Save" }).click();
    await bob
      .getByText(/someone else changed this case while you were editing/i)
      .waitFor({ timeout: 5_000 });
    await stage.shot(bob, "conflict");
    // The page shows Alice's value now; Bob's choice waits for him to re-apply it.
    await bob.reload();
    expect(await bob.getByLabel("Priority", { exact: true }).inputValue()).toBe(alicesPick);
  });

  it("refuses a stale save with the conflict and shows the new state", async () => {
    const { alice, bob } = await openSameCase(true);
    const bobsPick = await changePriority(bob);
    const alicesPick = await changePriority(alice, [bobsPick]);
    await alice.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => alice.getByLabel("Priority", { exact: true }).inputValue())
      .toBe(alicesPick);
    await bob.getByRole("button", { name: "Save" }).click();
    await bob
      .getByText(/not saved: someone else changed this case first/i)
      .waitFor({ timeout: 5_000 });
    const stored = await alice.evaluate(async (n) => {
      const r = await fetch(`/api/v1/cases/${n}`);
      return ((await r.json()) as { priority: string }).priority;
    }, new URL(alice.url()).pathname.split("/").pop());
    expect(stored).toBe(alicesPick);
  });

  it("works from the keyboard: shortcuts overlay, list navigation, open with Enter", async () => {
    const page = await stage.signIn(await stage.person(), "lead@shift-lead.example");
    await page.getByRole("table").waitFor();
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: /keyboard shortcuts/i });
    await dialog.waitFor();
    await stage.shot(page, "shortcuts");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/cases\/\d+$/);
    await page.getByRole("heading", { name: /add a note/i }).waitFor();
    await page.keyboard.press("n");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
  });

  it("fits a phone screen", async () => {
    const context = await stage.person();
    const page = await stage.signIn(context, "agent@follow-the-sun.example");
    await page.setViewportSize({ width: 390, height: 844 });
    // The layout follows the resize on the next frames; wait for the page to report the width.
    await page.waitForFunction(
      () =>
        window.innerWidth === 390 &&
        new Promise<boolean>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done(true))),
        ),
    );
    await page.getByRole("table").waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await stage.shot(page, "phone-my-cases");
  });

  it("shows markup in a note as text and runs none of it", async () => {
    const page = await stage.signIn(await stage.person(), "agent@regional-cse.example");
    await page.getByRole("table").waitFor();
    await page.locator("tbody tr a.row-link").first().click();
    await page.getByRole("heading", { name: /add a note/i }).waitFor();
    const markup = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> ${Date.now()}`;
    await page.getByPlaceholder(/write a note/i).fill(markup);
    await page.getByRole("button", { name: /add private note/i }).click();
    const item = page.locator("li.tl-item", { hasText: "window.__pwned = 1" });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('<img src=x onerror="window.__pwned = 2">');
    expect(await item.locator("img, script").count()).toBe(0);
    await page.reload();
    await page.locator("li.tl-item", { hasText: "window.__pwned = 1" }).waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
  });
});
