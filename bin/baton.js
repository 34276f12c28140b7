#!/usr/bin/env -S node --liftoff-only
// The flag on the line above is one every command needs (bin/runtime.js V8_FLAGS); the others
// depend on the command and the database (flagsFor: an embedded server's heap, BATON_HEAP_MB's
// cap). V8 takes them only at start, so whichever way this file is started, the process that
// runs Baton gets them from the re-exec below or from the spawn of an older Node.
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
