import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "web/**/*.test.{ts,tsx}"],
    globalSetup: ["test/support/global-setup.ts"],
    // The web app's words come from web/src/locales; its unit tests read them in English.
    setupFiles: ["web/src/i18n/test-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
