// axe-core over the pages people spend their day on (sign-in, a case list, a case, the handoff
// board), in light and in dark: no violation of WCAG 2.1 A/AA or of axe's best practices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeAudit as audit } from "./axe.ts";
import { createCase } from "./browser-api.ts";
import { DEMO_PASSWORD, hasChromium, openStage, type Stage } from "./harness.ts";

const AGENT = "agent@follow-the-sun.example";

describe.skipIf(!hasChromium)("accessibility", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(() => stage?.dispose());

  it.each(["light", "dark"] as const)(
    "has no axe violations on sign-in, a case list, a case and the handoff board (%s)",
    async (colorScheme) => {
      // axe is added as a script of the page, which Baton's Content-Security-Policy forbids.
      const page = await (await stage.person({ colorScheme, bypassCSP: true })).newPage();
      const found: Record<string, string[]> = {};
      const passed: Record<string, number> = {};
      const check = async (name: string) => {
        const result = await audit(page);
        found[name] = result.violations;
        passed[name] = result.passed;
      };

      await page.goto("/");
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await check("signIn");

      await page.getByLabel(/email/i).fill(AGENT);
      await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: /sign in/i }).click();
      await page.getByRole("heading", { level: 1, name: "My cases" }).waitFor();
      await page.getByRole("main").getByRole("row").nth(1).waitFor();
      await check("caseList");

      const number = await createCase(page, {
        workspace: "follow-the-sun",
        subject: "Exports stop at midnight",
      });
      await page.goto(`/cases/${number}`);
      await page.getByRole("heading", { name: /add a note/i }).waitFor();
      await page.getByRole("heading", { level: 1, name: /Exports stop at midnight/ }).waitFor();
      await check("casePage");

      await page.goto("/w/follow-the-sun/board");
      await page.getByRole("heading", { level: 1, name: /Handoff board: / }).waitFor();
      await page.locator("ul.duty-strip li").first().waitFor();
      await page.getByRole("region", { name: /^Escalations/ }).waitFor();
      await check("handoffBoard");

      await stage.shot(page, `handoff-board-axe-${colorScheme}`);
      expect(found).toEqual({ signIn: [], caseList: [], casePage: [], handoffBoard: [] });
      // Contrast, names, labels, landmarks, …: axe read each page rather than an empty one.
      for (const count of Object.values(passed)) expect(count).toBeGreaterThan(15);
    },
  );
});
