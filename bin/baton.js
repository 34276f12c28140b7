#!/usr/bin/env -S node --liftoff-only --max-semi-space-size=8
// The flags on the line above are V8_FLAGS (bin/runtime.js): PGlite's memory depends on them and
// V8 takes them only at start; `serve` adds a heap cap when BATON_HEAP_MB asks (flagsFor).
// Whichever way this file is started, the process that runs the server gets them: from this
// line, from the re-exec below, or from the spawn of an older Node.
import { fileURLToPath } from "node:url";
import {
  bundledNode,
  flagsFor,
  recentEnough,
  restartWithFlags,
  runUnder,
  upgradeLine,
} from "./runtime.js";

const script = fileURLToPath(import.meta.url);

if (!recentEnough()) {
  // An older Node.js cannot load the TypeScript sources: hand over to the one npm ci brought.
  const node = bundledNode();
  if (!node) {
    console.error(upgradeLine());
    process.exit(1);
  }
  const args = process.argv.slice(2);
  runUnder(node, [...flagsFor(args, process.env), script, ...args]);
} else {
  // `node bin/baton.js` skips the first line's flags: take them now, in the same process.
  restartWithFlags(script);
  // Node 24 runs the TypeScript sources directly; there is no build step.
  await import("./module-loading.js");
  await import("../src/cli/main.ts");
}
