import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../src/db/client.ts";
import { databaseKinds, scratchPostgres } from "../support/db.ts";

const run = promisify(execFile);
const migrations = (
  JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: unknown[] }
).entries.length;

interface Line {
  step: string;
  done: number;
  total: number;
}

/** The progress lines of `command` on stderr; fails on any other line there. */
function progressLines(command: string, stderr: string): Line[] {
  return stderr
    .trimEnd()
    .split("\n")
    .map((line) => {
      const m = new RegExp(`^${command}: (\\w+) (\\d+)/(\\d+) \\((\\d+)%\\) \\d+\\.\\d s$`).exec(
        line,
      );
      if (!m) throw new Error(`not a progress line: ${JSON.stringify(line)}`);
      return { step: m[1] ?? "", done: Number(m[2]), total: Number(m[3]) };
    });
}

/** Each step's counts rise from 0 and end at its total, in the order the steps ran. */
function steps(lines: Line[]): Map<string, number[]> {
  const byStep = new Map<string, number[]>();
  for (const l of lines) byStep.set(l.step, [...(byStep.get(l.step) ?? []), l.done]);
  for (const [step, counts] of byStep) {
    const total = lines.find((l) => l.step === step)?.total ?? -1;
    expect(counts[0], step).toBe(0);
    expect(counts.at(-1), step).toBe(total);
    expect(
      counts.every((n, i) => i === 0 || n > (counts[i - 1] ?? 0)),
      step,
    ).toBe(true);
  }
  return byStep;
}

// The real CLI, as a child process with pipes: not a terminal, so a line per step on stderr.
describe.each(databaseKinds)("progress of the long CLI commands (%s)", (kind: DatabaseKind) => {
  const env: Record<string, string> = { LOG_LEVEL: "silent" };
  let cleanup: () => Promise<void>;
  const baton = (...args: string[]) =>
    run(process.execPath, ["bin/baton.js", ...args], { env: { ...process.env, ...env } });

  beforeAll(async () => {
    if (kind === "postgres") {
      const scratch = await scratchPostgres();
      env.DATABASE_URL = scratch.url;
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), "baton-progress-"));
      env.BATON_DATA_DIR = dir;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => cleanup?.());

  it("migrate reports the pending migrations, then prints its result", async () => {
    const { stdout, stderr } = await baton("migrate");
    expect(JSON.parse(stdout)).toEqual({ migrated: true });
    expect(progressLines("migrate", stderr)).toEqual([
      { step: "migrations", done: 0, total: migrations },
      { step: "migrations", done: migrations, total: migrations },
    ]);
  }, 120_000);

  it("seed-demo reports each workspace seeded; stdout holds only the summary", async () => {
    const { stdout, stderr } = await baton("seed-demo");
    const summary = JSON.parse(stdout) as { seeded: boolean; workspaces: { slug: string }[] };
    expect(summary.seeded).toBe(true);
    expect(summary.workspaces).toHaveLength(5);
    // Migrated already: the steps are the workspaces, one line each, then the two workspaces
    // whose handoff history the demo plays.
    expect(Object.fromEntries(steps(progressLines("seed-demo", stderr)))).toEqual({
      workspaces: [0, 1, 2, 3, 4, 5],
      history: [0, 1, 2],
    });
  }, 120_000);

  it("generate reports agents, customers, cases in batches and the ANALYZE", async () => {
    const { stdout, stderr } = await baton(
      "generate",
      "--workspace",
      "regional-cse",
      "--cases",
      "6000",
      "--agents",
      "30",
    );
    expect(JSON.parse(stdout)).toMatchObject({ cases: 6000, agents: 30 });
    const byStep = steps(progressLines("generate", stderr));
    expect([...byStep.keys()]).toEqual(["agents", "customers", "cases", "analyze"]);
    expect(byStep.get("agents")).toEqual([0, 30]);
    expect(byStep.get("customers")).toEqual([0, 240]);
    // About ten batches: a line per tenth, not per row.
    expect(byStep.get("cases")).toEqual([
      0, 600, 1200, 1800, 2400, 3000, 3600, 4200, 4800, 5400, 6000,
    ]);
    expect(byStep.get("analyze")).toEqual([0, 1]);
  }, 120_000);
});
