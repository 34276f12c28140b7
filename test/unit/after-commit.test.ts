import { describe, expect, it } from "vitest";
import { AfterCommit, type Note } from "../../src/events/after-commit.ts";

// The batching alone, with a sender whose batches finish when the test says so; the statement
// itself is exercised against both databases in test/integration/emit-at-commit.test.ts.

function gatedSender() {
  const batches: Note[][] = [];
  const gates: (() => void)[] = [];
  let failNext = false;
  const sender = new AfterCommit(async (json) => {
    batches.push(JSON.parse(json) as Note[]);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (failNext) {
      failNext = false;
      throw new Error("connection lost");
    }
  });
  const open = async () => {
    // Lets the sender reach its await before the gate opens.
    for (let i = 0; i < 5 && gates.length === 0; i++) await Promise.resolve();
    gates.shift()?.();
  };
  return { sender, batches, open, failing: () => (failNext = true) };
}

const note = (payload: string): Note => ["baton_case_events", payload];

describe("AfterCommit", () => {
  it("sends at once when idle, and gathers what arrives meanwhile into one next batch", async () => {
    const { sender, batches, open } = gatedSender();
    const settled: string[] = [];
    const first = sender.send([note("a1"), note("a2")]).then(() => settled.push("a"));
    const second = sender.send([note("b")]).then(() => settled.push("b"));
    const third = sender.send([note("c")]).then(() => settled.push("c"));
    expect(batches).toEqual([[note("a1"), note("a2")]]);
    await open();
    await first;
    // b and c waited for the batch in flight and went together, in the order they came.
    for (let i = 0; i < 5 && batches.length < 2; i++) await Promise.resolve();
    expect(batches[1]).toEqual([note("b"), note("c")]);
    expect(settled).toEqual(["a"]);
    await open();
    await Promise.all([second, third]);
    expect(settled).toEqual(["a", "b", "c"]);
    expect(batches).toHaveLength(2);
    // Idle again: the next note goes at once, alone.
    const fourth = sender.send([note("d")]);
    expect(batches[2]).toEqual([note("d")]);
    await open();
    await fourth;
  });

  it("sends nothing for a transaction without notes", async () => {
    const { sender, batches } = gatedSender();
    await sender.send([]);
    expect(batches).toEqual([]);
  });

  it("never rejects: a batch that fails is counted, and the next one goes out", async () => {
    const { sender, batches, open, failing } = gatedSender();
    failing();
    const lost = sender.send([note("lost")]);
    await open();
    await expect(lost).resolves.toBeUndefined();
    expect(sender.failed).toBe(1);
    const kept = sender.send([note("kept")]);
    await open();
    await kept;
    expect(batches.map((b) => b.map(([, p]) => p))).toEqual([["lost"], ["kept"]]);
    expect(sender.failed).toBe(1);
    expect(sender.sent).toBe(1);
  });
});
