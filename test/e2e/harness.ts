import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { vi } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { WEB_DIST } from "../../src/http/routes/web.ts";
import { type RunningServer, startServer } from "../../src/server.ts";

// A browser walk-through is a whole procedure (three sign-ins, a dozen pages), 15–25 s on a quiet
// 2-core machine: give each the room integration tests get per request, not a retry.
// The page answers a click with a request and a render; on a busy machine that can take longer
// than the 1 s `expect.poll` waits by default.
vi.setConfig({ testTimeout: 90_000, expect: { poll: { timeout: 10_000 } } });

export const CHROMIUM = process.env.BATON_CHROMIUM ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const DEMO_PASSWORD = "baton-demo-2026";
export const SCREENSHOTS = join(process.cwd(), "test-results", "screenshots");

if (!hasChromium && process.env.BATON_REQUIRE_BROWSER)
  throw new Error(`Browser tests are required here but there is no Chromium at ${CHROMIUM}`);
if (!hasChromium)
  console.log(
    `\n*** Browser tests SKIPPED: no Chromium at ${CHROMIUM}. ` +
      "Install it with `apt-get install chromium` (CI does) or set BATON_CHROMIUM. ***\n",
  );

/** The global setup (test/support/global-setup.ts) builds the web app once, before any file. */
function requireWebBuild(): void {
  if (!existsSync(join(WEB_DIST, "index.html")))
    throw new Error(
      `No web build at ${WEB_DIST}: run \`npm run build\` (npm test builds it first)`,
    );
}

export interface Stage {
  server: RunningServer;
  browser: Browser;
  /**
   * A fresh browser context, as if another person opened the app on another machine; `options`
   * change what that machine is like (its language, a dark system, …).
   */
  person(options?: BrowserContextOptions): Promise<BrowserContext>;
  signIn(context: BrowserContext, email: string): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  dispose(): Promise<void>;
}

/** `env`: settings beyond the defaults, as the environment would give them (e.g. single sign-on). */
export async function openStage(env: Record<string, string> = {}): Promise<Stage> {
  requireWebBuild();
  const dir = mkdtempSync(join(tmpdir(), "baton-e2e-"));
  const server = await startServer(
    loadConfig({ BATON_DATA_DIR: dir, PORT: "0", LOG_LEVEL: "silent", ...env }),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async person(options = {}) {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1280, height: 860 },
        timezoneId: "Europe/Berlin",
        locale: "en-GB",
        ...options,
      });
      contexts.push(context);
      return context;
    },
    async signIn(context, email) {
      const page = await context.newPage();
      await page.goto("/");
      await page.getByLabel(/email/i).fill(email);
      await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: /sign in/i }).click();
      await page.getByRole("navigation").first().waitFor();
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    async dispose() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
