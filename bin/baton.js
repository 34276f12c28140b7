#!/usr/bin/env -S node --liftoff-only --max-semi-space-size=8
// --liftoff-only: PGlite is PostgreSQL compiled to WebAssembly, and V8's optimising tier would
// recompile that large module in the background and keep both copies, hundreds of MB of resident
// memory for a few per cent of query speed (docs/performance.md). It must be given at start.
import { fileURLToPath } from "node:url";
import { bundledNode, recentEnough, runUnder, upgradeLine } from "./runtime.js";

if (!recentEnough()) {
  // An older Node.js cannot load the TypeScript sources: hand over to the one npm ci brought.
  const node = bundledNode();
  if (!node) {
    console.error(upgradeLine());
    process.exit(1);
  }
  runUnder(node, [
    "--liftoff-only",
    "--max-semi-space-size=8",
    fileURLToPath(import.meta.url),
    ...process.argv.slice(2),
  ]);
} else {
  // Node 24 runs the TypeScript sources directly; there is no build step.
  await import("./fast-resolve.js");
  await import("../src/cli/main.ts");
}
