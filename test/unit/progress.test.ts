import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type ProgressStream, progressReporter, withProgress } from "../../src/cli/progress.ts";

/** A real stream that keeps what is written; `tty` makes it look like a terminal's. */
function capture(tty: boolean): { stream: ProgressStream; text(): string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  Object.assign(stream, tty ? { isTTY: true, columns: 120 } : { isTTY: false });
  return { stream, text: () => chunks.join("") };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("progress on a terminal", () => {
  it("draws a bar per step with its count, and leaves each finished on its own line", async () => {
    const out = capture(true);
    const reporter = progressReporter("generate", out.stream);
    reporter.report("agents", 0, 20);
    reporter.report("agents", 20, 20);
    reporter.report("cases", 0, 1000);
    // The bar redraws at most ten times a second: the halfway mark stays long enough to be drawn.
    reporter.report("cases", 500, 1000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    reporter.report("cases", 1000, 1000);
    reporter.finish();
    await settle();
    const text = out.text();
    // Cursor moves and line clears: drawn in place, not appended line by line.
    expect(text).toContain("\x1b[1G");
    expect(text).toContain("\x1b[0K");
    expect(text).toMatch(/generate: agents \[█{30}\] 20\/20 100%/);
    expect(text).toMatch(/generate: cases \[░{30}\] 0\/1000 0%/);
    expect(text).toMatch(/generate: cases \[█{15}░{15}\] 500\/1000 50%/);
    expect(text).toMatch(/generate: cases \[█{30}\] 1000\/1000 100% \| \d+s \| [\d.,]+\/s \| ETA/);
    // Finished: the last bar is full and the cursor is on a fresh line after it.
    const lastBar = text.lastIndexOf("generate: ");
    expect(text.slice(lastBar)).toMatch(/^generate: cases \[█{30}\] 1000\/1000 100%/);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(3);
  });

  it("ends the bar when the work fails, so the error starts on a line of its own", async () => {
    const out = capture(true);
    await expect(
      withProgress(
        "seed-demo",
        async (onProgress) => {
          onProgress("workspaces", 1, 5);
          throw new Error("disk full");
        },
        out.stream,
      ),
    ).rejects.toThrow("disk full");
    await settle();
    expect(out.text()).toMatch(/seed-demo: workspaces \[█{6}░{24}\] 1\/5 20%/);
    expect(out.text().endsWith("\n")).toBe(true);
  });
});

describe("progress elsewhere (CI, pipes, logs)", () => {
  it("writes a plain line when a step starts, per tenth passed and at its end", async () => {
    const out = capture(false);
    const reporter = progressReporter("generate", out.stream);
    reporter.report("cases", 0, 1000);
    for (let done = 10; done <= 1000; done += 10) reporter.report("cases", done, 1000);
    reporter.report("analyze", 0, 1);
    reporter.report("analyze", 1, 1);
    reporter.finish();
    await settle();
    const lines = out.text().trimEnd().split("\n");
    expect(lines.map((l) => l.replace(/ [\d.]+ s$/, ""))).toEqual([
      "generate: cases 0/1000 (0%)",
      ...Array.from(
        { length: 10 },
        (_, i) => `generate: cases ${(i + 1) * 100}/1000 (${(i + 1) * 10}%)`,
      ),
      "generate: analyze 0/1 (0%)",
      "generate: analyze 1/1 (100%)",
    ]);
    for (const line of lines) expect(line).toMatch(/ \d+\.\d s$/);
    expect(out.text()).not.toContain("\x1b");
  });
});
