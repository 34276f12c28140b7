import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../config.ts";
import type { DemoSummary } from "../demo/seed.ts";

const BATON = fileURLToPath(new URL("../../bin/baton.js", import.meta.url));

export type SeededDemo = Extract<DemoSummary, { seeded: true }>;

/** Why the first start stopped: the demo could not be loaded (its own output said why above). */
export class SeedApartFailed extends Error {}

/**
 * The first `baton serve` on an empty embedded folder migrates and seeds the demo in a process
 * of its own (`baton seed-demo`, its progress on stderr), which ends before the server opens the
 * folder. Seeding in the serving process left it holding 420–770 MB that serving never needs
 * (docs/performance.md, "The first start"). Answers what was loaded, for the banner; undefined
 * when there was nothing to do here (PostgreSQL, no demo, a folder that holds a database: the
 * server's own check seeds that one if it is empty).
 */
export async function seedApart(config: Config): Promise<SeededDemo | undefined> {
  if (config.databaseUrl || config.demo !== "auto") return undefined;
  if (existsSync(join(config.dataDir, "PG_VERSION"))) return undefined;
  // No flags of this process: the child takes those its own command needs (a heap cap is for
  // `serve` alone), and the environment, allocator settings included, is passed on.
  const child = spawn(process.execPath, [BATON, "seed-demo"], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    out += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new SeedApartFailed(`Loading the demo data failed (exit code ${code})`);
  const summary = JSON.parse(out) as DemoSummary;
  return summary.seeded ? summary : undefined;
}
