import { Presets, SingleBar } from "cli-progress";
import type { Progress } from "../domain/progress.ts";

/** Where progress goes: stderr, so that stdout carries only the command's result. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface ProgressReporter {
  report: Progress;
  /** Ends the bar being drawn, if any; call it before printing the result or an error. */
  finish(): void;
}

/** A bar per step on a terminal; elsewhere (CI, pipes, log files) a plain line per tenth. */
export function progressReporter(
  command: string,
  stream: ProgressStream = process.stderr,
): ProgressReporter {
  return stream.isTTY ? bars(command, stream) : lines(command, stream);
}

/** Runs `work` with a reporter for `command`, and finishes the reporter however `work` ends. */
export async function withProgress<T>(
  command: string,
  work: (onProgress: Progress) => Promise<T>,
  stream: ProgressStream = process.stderr,
): Promise<T> {
  const reporter = progressReporter(command, stream);
  try {
    return await work(reporter.report);
  } finally {
    reporter.finish();
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * A line when a step starts, each time it passes another tenth of its total, and when it is done:
 * at most a dozen lines a step, however many batches report.
 */
function lines(command: string, stream: ProgressStream): ProgressReporter {
  let step: string | undefined;
  let started = 0;
  let printed = -1;
  return {
    report(name, done, total) {
      const now = performance.now();
      if (name !== step) {
        step = name;
        started = now;
        printed = -1;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth <= printed) return;
      printed = tenth;
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      stream.write(
        `${command}: ${name} ${done}/${total} (${percent}%) ${seconds(now - started)} s\n`,
      );
    },
    finish() {},
  };
}

function bars(command: string, stream: ProgressStream): ProgressReporter {
  let step: string | undefined;
  let started = 0;
  let bar: SingleBar | undefined;
  const close = () => {
    bar?.stop();
    bar = undefined;
  };
  const rate = (done: number) => {
    const elapsed = (performance.now() - started) / 1000;
    return elapsed > 0
      ? (done / elapsed).toLocaleString("en", { maximumSignificantDigits: 3 })
      : "-";
  };
  return {
    report(name, done, total) {
      if (name === step && bar) {
        bar.update(done, { rate: rate(done) });
        return;
      }
      // A new step: the last one's bar stays on screen as it ended, the next starts below it.
      close();
      step = name;
      started = performance.now();
      bar = new SingleBar(
        {
          stream,
          format: `${command}: {step} [{bar}] {value}/{total} {percentage}% | {duration_formatted} | {rate}/s | ETA {eta_formatted}`,
          barsize: 30,
          hideCursor: false,
          clearOnComplete: false,
        },
        Presets.shades_classic,
      );
      bar.start(total, done, { step: name, rate: "-" });
    },
    finish: close,
  };
}
