#!/usr/bin/env node
// npm scripts run `node` from node_modules/.bin, the bundled Node.js 24, where npm ci installed
// it; this stops them at once with one line where it did not and the machine's own is older.
import { recentEnough, upgradeLine } from "./runtime.js";

if (!recentEnough()) {
  console.error(upgradeLine());
  process.exit(1);
}
