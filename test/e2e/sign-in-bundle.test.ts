// The sign-in page in a real browser loads a fraction of the app's scripts, compressed, and
// signing in then fetches the signed-in frame and the first page as they are needed.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIST } from "../../src/http/routes/web.ts";
import { DEMO_PASSWORD, hasChromium, openStage, type Stage } from "./harness.ts";

interface Loaded {
  path: string;
  encoding: string | undefined;
  cacheControl: string | undefined;
  bytes: number;
}

describe.skipIf(!hasChromium)("the sign-in page's download", () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await openStage();
  }, 180_000);
  afterAll(async () => {
    await stage?.dispose();
  });

  it("is a fraction of the app's scripts, sent compressed, and sign-in fetches the rest", async () => {
    const page = await (await stage.person()).newPage();
    const loaded: Promise<Loaded>[] = [];
    const record = (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/api/")) return;
      loaded.push(
        (async () => {
          const response = await request.response();
          const headers = response ? await response.allHeaders() : {};
          return {
            path: url.pathname,
            encoding: headers["content-encoding"],
            cacheControl: headers["cache-control"],
            bytes: response ? (await response.body()).length : 0,
          };
        })(),
      );
    };
    page.on("requestfinished", record);

    // Signed out, the app's address lands on the sign-in page.
    await page.goto("/");
    await page.getByLabel(/password/i).waitFor();
    await page.waitForLoadState("networkidle");
    const before = await Promise.all(loaded);
    const scripts = before.filter((r) => r.path.endsWith(".js"));
    const document = before.find((r) => r.path === "/sign-in" || r.path === "/");
    expect(document?.cacheControl).toBe("no-cache");
    for (const file of before.filter((r) => r.path.startsWith("/assets/"))) {
      expect(file.encoding, file.path).toMatch(/^(br|gzip)$/);
      expect(file.cacheControl, file.path).toBe("public, max-age=31536000, immutable");
    }
    const names = scripts.map((r) => r.path);
    expect(names.some((p) => /\/SignInPage-/.test(p))).toBe(true);
    for (const later of [/\/charts-/, /\/AppLayout-/, /\/CasePage-/, /\/CaseListPage-/])
      expect(names.filter((p) => later.test(p))).toEqual([]);

    const assets = join(WEB_DIST, "assets");
    const everyScript = readdirSync(assets)
      .filter((f) => f.endsWith(".js"))
      .reduce((sum, f) => sum + statSync(join(assets, f)).size, 0);
    const signInScripts = scripts.reduce((sum, r) => sum + r.bytes, 0);
    // Today about a third (mostly React itself); before the split it was the whole app but the
    // charts, about 60 %.
    expect(signInScripts).toBeLessThan(everyScript * 0.45);

    loaded.length = 0;
    await page.getByLabel(/email/i).fill("agent@regional-cse.example");
    await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.getByRole("navigation").first().waitFor();
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    const after = (await Promise.all(loaded)).map((r) => r.path);
    expect(after.some((p) => /\/AppLayout-/.test(p))).toBe(true);
    expect(after.some((p) => /\/CaseListPage-/.test(p))).toBe(true);
  });

  it("loads the new version when a page's chunk is gone after an upgrade", async () => {
    const context = await stage.person();
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel(/password/i).waitFor();
    // As if the server had been upgraded since this page was loaded: the old frame's chunk is
    // gone, once; after the reload the (here unchanged) build has it again.
    let refused = 0;
    await page.route(/\/assets\/AppLayout-[^/]+\.js$/, async (route) => {
      if (refused++ === 0) await route.fulfill({ status: 404, body: "" });
      else await route.continue();
    });
    await page.getByLabel(/email/i).fill("agent@regional-cse.example");
    await page.getByLabel(/password/i).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: /sign in/i }).click();
    await page.getByRole("navigation").first().waitFor();
    expect(refused).toBe(2);
  });
});
