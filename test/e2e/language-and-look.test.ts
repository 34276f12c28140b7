// The web app in the browser's language with a switch that sticks, dark mode from the system
// with a switch that overrides it, and the phone handoff board inside the screen.
import type { BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createCase, me, storedCase } from "./browser-api.ts";
import { DEMO_PASSWORD, hasChromium, openStage, type Stage } from "./harness.ts";

const AGENT = "agent@follow-the-sun.example";

/**
 * English words in the app's own words of a page (headings, labels, column heads, buttons,
 * badges), which in German must not appear. The case's subject and the policy's names (queues,
 * regions, kinds) are left out: they stay as written; so is "Follow the Sun", a name in German
 * too, as is "Transfer".
 */
const ENGLISH =
  /\b(the|and|or|of|to|from|until|with|by|your|yours|you|none|yet|ago|since|due|now|case|cases|open|owner|waiting|loading|minutes?|hours?|days?|shift|handoff|handover|add|save|cancel|search|sign|new|more|change|changed|escalations?|note|notes|time|customer|account|password|language|appearance)\b/i;

/** The name the helpdesk policy gives its "transfer" kind. */
async function kindName(page: Page): Promise<string> {
  const reply = await call<{ policy: { transferKinds: { code: string; name: string }[] } }>(
    page,
    "GET",
    "/workspaces/helpdesk-transfer/policy",
  );
  return reply.json.policy.transferKinds.find((k) => k.code === "transfer")?.name ?? "";
}

async function englishLeftovers(page: Page): Promise<string[]> {
  const texts = await page
    .getByRole("main")
    .locator("h1, h2, h3, label, dt, th, button, legend, summary, .badge, .label, .hint")
    .evaluateAll((els) =>
      els
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => (el as HTMLElement).innerText.replace(/\s+/g, " ").trim())
        .filter(Boolean),
    );
  // The page drew its words: headings, labels and buttons were there to read.
  expect(texts.length).toBeGreaterThan(5);
  return texts.filter((text) => ENGLISH.test(text.replaceAll("Follow the Sun", "")));
}

/** The page's background as relative luminance (0 black … 1 white). */
async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const probe = document.createElement("canvas").getContext("2d");
    if (!probe) throw new Error("no canvas");
    probe.fillStyle = getComputedStyle(document.body).backgroundColor;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...probe.getImageData(0, 0, 1, 1).data].map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  });
}

describe.skipIf(!hasChromium)("language and look", () => {
  let stage: Stage;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await stage?.dispose();
  });

  async function context(options: BrowserContextOptions): Promise<BrowserContext> {
    const made = await stage.browser.newContext({
      baseURL: stage.server.url,
      viewport: { width: 1280, height: 860 },
      timezoneId: "Europe/Berlin",
      ...options,
    });
    contexts.push(made);
    return made;
  }

  it("speaks German to a German browser, and switching to English applies at once and sticks", async () => {
    const page = await (await context({ locale: "de-DE" })).newPage();
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Anmelden" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toMatch(/^de\b/);
    await page.getByLabel("E-Mail").fill(AGENT);
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();

    await page.getByRole("heading", { level: 1, name: "Meine Fälle" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    await nav.getByRole("link", { name: "Alle Fälle" }).waitFor();
    await page.getByRole("columnheader", { name: /Betreff/ }).waitFor();
    await stage.shot(page, "case-list-german");

    // The switch in the user menu: English, without a reload.
    await page.locator(".user-button").click();
    await page.getByLabel("Sprache").selectOption("en");
    await page.getByRole("heading", { level: 1, name: "My cases" }).waitFor();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "All cases" })
      .waitFor();
    expect(await page.locator("html").getAttribute("lang")).toMatch(/^en\b/);

    // Remembered in this browser, over the browser's own German.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "My cases" }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem("baton:language"))).toBe("en");
  });

  it("reads German on the board, a case and the account page, dates written the German way", async () => {
    const page = await (await context({ locale: "de-DE" })).newPage();
    await page.goto("/");
    await page.getByLabel("E-Mail").fill(AGENT);
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("heading", { level: 1, name: "Meine Fälle" }).waitFor();

    await page.goto("/w/follow-the-sun/board");
    await page.getByRole("heading", { level: 1, name: /Übergabe-Board: / }).waitFor();
    await page.locator("ul.duty-strip li").first().waitFor();
    await page.getByRole("region", { name: /^Eskalationen/ }).waitFor();
    // "1 Schicht" or "2 Schichten": how many shifts end soon depends on the hour the test runs.
    await page
      .locator(".board-status")
      .getByText(/\d+ Schicht(en)? bald zu Ende/)
      .waitFor();
    expect(await englishLeftovers(page)).toEqual([]);
    await stage.shot(page, "handoff-board-german");

    const number = await createCase(page, {
      workspace: "follow-the-sun",
      subject: "Exports stop at midnight",
    });
    await page.goto(`/cases/${number}`);
    await page.getByRole("heading", { name: "Notiz hinzufügen" }).waitFor();
    const opened = page.getByRole("main").locator("time[title]").first();
    await opened.waitFor();
    // "05.12.2026, 23:41" and "vor 2 Minuten" / "gerade eben", not "5 Dec 2026" or "2 minutes ago".
    expect(await opened.getAttribute("title")).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    expect(await opened.textContent()).toMatch(/^(vor \d+ \w+|gerade eben|in \d+ \w+)$/);
    expect(await englishLeftovers(page)).toEqual([]);
    // The timeline's first line, stored in English, read in German.
    expect(await page.locator(".tl-system-text").first().textContent()).toMatch(
      / · Fall erstellt$/,
    );
    // Why owner and queue are locked: worded by the page from the roles the server names.
    expect(await page.locator(".assign-hint").textContent()).toBe(
      "In diesem Arbeitsbereich wechselt ein Fall per Transfer die Hand (direkt neu zuweisen " +
        "dürfen nur: technical advisor, support manager, dispatcher oder administrator); nutzen " +
        "Sie „Übertragen…“, damit die Übergabeschritte festgehalten werden.",
    );
    await stage.shot(page, "case-page-german");

    // The transfer panel's checklist tells a screen reader each item's state in German too.
    await page.getByRole("button", { name: "Übertragen…" }).click();
    const dialog = page.getByRole("dialog", { name: `Fall #${number} übertragen` });
    await dialog.locator("input[type=radio]:not([disabled])").first().check();
    const states = dialog.locator(".checklist .check-label .visually-hidden");
    await states.first().waitFor();
    const said = await states.allTextContents();
    expect(said.length).toBeGreaterThan(2);
    expect(
      said.filter((s) => !/^: (erledigt|fehlt noch|abgelehnt|Warnung|nach dem Absenden)$/.test(s)),
    ).toEqual([]);
    await page.keyboard.press("Escape");

    await page.goto("/account");
    await page.getByRole("heading", { level: 1, name: "Mein Konto" }).waitFor();
    await page.getByRole("main").getByLabel("Sprache", { exact: true }).waitFor();
    expect(await englishLeftovers(page)).toEqual([]);
  });

  it("reads a transfer's timeline line and the audit's summaries in German", async () => {
    const page = await (await context({ locale: "de-DE" })).newPage();
    await page.goto("/");
    await page.getByLabel("E-Mail").fill("admin@helpdesk-transfer.example");
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.getByRole("navigation").first().waitFor();
    const self = await me(page);
    const number = await createCase(page, {
      workspace: "helpdesk-transfer",
      subject: "Invoice question",
      queue: "l1-support",
      ownerId: self.id,
    });
    const stored = await storedCase(page, number);
    const moved = await call<{ state: string }>(page, "POST", `/cases/${number}/transfers`, {
      version: stored.version,
      kind: "transfer",
      target: { queue: "l2-support" },
      reason: "escalate-to-l2",
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(201);
    expect(moved.json.state).toBe("completed");

    // Stored in English ("Transferred (…) to queue Level 2 support"), read in German; the
    // policy's kind and queue names stay as the workspace wrote them.
    await page.goto(`/cases/${number}`);
    const line = page.locator(".tl-system-text").filter({ hasText: "Übertragen" });
    await line.first().waitFor();
    expect(await line.first().textContent()).toMatch(
      / · Übertragen \(.+\) an Queue Level 2 support/,
    );

    await page.goto("/w/helpdesk-transfer/audit");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("checkbox").check();
    const completed = page.locator('.audit-entry[data-action="transfer.completed"] strong');
    await completed.first().waitFor();
    expect(await completed.first().textContent()).toBe(
      `Transfer abgeschlossen (${await kindName(page)}): ${self.name} → Queue Level 2 support`,
    );
    const created = page.locator('.audit-entry[data-action="case.created"] strong');
    expect(await created.first().textContent()).toBe(
      `Fall erstellt, Bearbeiter ${self.name}, Queue Level 1 support`,
    );
  });

  it("is dark when the system is, and the appearance switch overrides it and sticks", async () => {
    const page = await (await context({ locale: "en-GB", colorScheme: "dark" })).newPage();
    await page.goto("/");
    await page.getByLabel(/email/i).waitFor();
    await page.getByLabel(/email/i).fill(AGENT);
    await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.getByRole("heading", { level: 1, name: "My cases" }).waitFor();
    expect(await backgroundLuminance(page)).toBeLessThan(0.05);
    await stage.shot(page, "case-list-dark");

    await page.goto("/account");
    await page.getByRole("heading", { level: 1, name: "My account" }).waitFor();
    const appearance = page.locator(".account-page").getByLabel("Appearance", { exact: true });
    await appearance.selectOption("light");
    await expect.poll(() => backgroundLuminance(page)).toBeGreaterThan(0.8);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "My account" }).waitFor();
    expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);

    // And back to following the system, which is dark here.
    await page
      .locator(".account-page")
      .getByLabel("Appearance", { exact: true })
      .selectOption("system");
    await expect.poll(() => backgroundLuminance(page)).toBeLessThan(0.05);
  });

  it("dark on request in a light system", async () => {
    const page = await (await context({ locale: "en-GB", colorScheme: "light" })).newPage();
    await page.goto("/");
    await page.getByLabel(/email/i).waitFor();
    expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
    await page.evaluate(() => localStorage.setItem("baton:theme", "dark"));
    await page.reload();
    await page.getByLabel(/email/i).waitFor();
    expect(await backgroundLuminance(page)).toBeLessThan(0.05);
  });

  it("fits the handoff board on a phone without sideways scrolling", async () => {
    const page = await (
      await context({ locale: "en-GB", viewport: { width: 390, height: 844 } })
    ).newPage();
    await page.goto("/");
    await page.getByLabel(/email/i).fill(AGENT);
    await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.getByRole("heading", { level: 1, name: "My cases" }).waitFor();
    await page.goto("/w/follow-the-sun/board");
    await page.getByRole("heading", { level: 1, name: /Handoff board: / }).waitFor();
    // Wait for what the board fills in: the regions on duty and its four sections.
    await page.locator("ul.duty-strip li").first().waitFor();
    await page.getByRole("region", { name: /^Escalations/ }).waitFor();
    await page.locator(".board-grid").waitFor();
    const widths = await page.evaluate(() => {
      const wide = Array.from(document.querySelectorAll<HTMLElement>("body *"))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      return {
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        wide,
      };
    });
    await stage.shot(page, "handoff-board-phone");
    expect(widths.wide).toEqual([]);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  });
});
