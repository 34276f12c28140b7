import { existsSync } from "node:fs";
import { join } from "node:path";
import { WEB_DIST } from "../../src/http/routes/web.ts";

/**
 * Builds the web app once, before any test file starts, when this checkout has none (a fresh
 * clone's `npm test`). Built inside the browser test files instead, two workers would build at
 * once, and one's emptied output folder would break the pages the other is serving.
 */
async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(WEB_DIST, "index.html"))) return;
  console.log("Building the web app for the browser tests (web/dist is missing)…");
  const { build } = await import("vite");
  await build({ configFile: join(process.cwd(), "vite.config.ts"), logLevel: "warn" });
}

export default async function setup(): Promise<void> {
  await ensureWebBuild();
  if (process.env.TEST_DATABASE_URL) {
    console.log(`Integration tests run on PGlite and on PostgreSQL (TEST_DATABASE_URL).`);
  } else {
    console.log(
      "\n*** PostgreSQL half SKIPPED: TEST_DATABASE_URL is not set, so integration tests run on " +
        "PGlite only. Set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run both. ***\n",
    );
  }
}
