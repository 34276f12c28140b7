// Runs `node bin/baton.js serve` as a child process, exactly as a user would, and times it.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ProbeReply, ProbeStats } from "./probe.ts";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PROBE = fileURLToPath(new URL("./probe.ts", import.meta.url));

/** A port that was free a moment ago (PORT=0 would not tell us which one the server took). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServeOptions {
  /** Extra environment: DATABASE_URL or BATON_DATA_DIR, BATON_DB_POOL, … */
  env: Record<string, string>;
  /** Preload bench/probe.ts to measure server time. */
  probe?: boolean;
  /** Give up waiting for health after this long. */
  timeoutMs?: number;
  /** Another checkout of Baton to run instead of this one (to measure a proposed change). */
  root?: string;
  /** Node options before the script, e.g. V8 flags. */
  nodeArgs?: string[];
}

export interface ServeChild {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Milliseconds from spawn to the first 200 from /api/v1/health. */
  readyMs: number;
  output(): string;
  probe(type: "probe:reset" | "probe:read"): Promise<ProbeStats>;
  memory(): { rssMb: number; hwmMb: number };
  stop(): Promise<void>;
}

interface Runtime {
  V8_FLAGS: string[];
  flagsFor?: (args: string[], env: NodeJS.ProcessEnv) => string[];
  envFor?: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
}

/** The flags and environment that root's `baton serve` would give itself. */
async function batonStart(
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<{ flags: string[]; env: NodeJS.ProcessEnv }> {
  const runtime = (await import(pathToFileURL(join(root, "bin/runtime.js")).href)) as Runtime;
  return {
    flags: runtime.flagsFor ? runtime.flagsFor(["serve"], env) : runtime.V8_FLAGS,
    env: runtime.envFor ? runtime.envFor(env) : env,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServe(options: ServeOptions): Promise<ServeChild> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const root = options.root ?? ROOT;
  const { flags, env } = await batonStart(root, {
    ...process.env,
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    ...options.env,
    PORT: String(port),
  });
  const args = [
    // What root's bin/baton.js would give itself (flags since flagsFor, the allocator's settings
    // since envFor): given here, they spare it the re-exec, which would close the probe's IPC
    // channel.
    ...flags,
    ...(options.nodeArgs ?? []),
    ...(options.probe ? ["--import", PROBE] : []),
    join(root, "bin/baton.js"),
    "serve",
  ];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe", ...(options.probe ? (["ipc"] as const) : [])],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = code;
      resolve();
    }),
  );
  const deadline = started + (options.timeoutMs ?? 60_000);
  let readyMs = -1;
  while (performance.now() < deadline && exited === undefined) {
    try {
      const response = await fetch(`${url}/api/v1/health`);
      await response.arrayBuffer();
      if (response.status === 200) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  const pid = child.pid ?? -1;
  const stop = async () => {
    if (exited === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exit;
      clearTimeout(timer);
    }
  };
  if (readyMs < 0) {
    await stop();
    throw new Error(`baton serve did not become healthy (exit ${exited}):\n${log}`);
  }
  return {
    child,
    pid,
    url,
    readyMs,
    output: () => log,
    probe: (type) =>
      new Promise<ProbeStats>((resolve, reject) => {
        if (!child.send) {
          reject(new Error("started without the probe"));
          return;
        }
        const onMessage = (raw: unknown) => {
          const message = raw as ProbeReply;
          if (message.type !== "probe:stats") return;
          child.off("message", onMessage);
          resolve(message.stats);
        };
        child.on("message", onMessage);
        child.send({ type });
      }),
    memory: () => readMemory(pid),
    stop,
  };
}

/** Resident set now (VmRSS) and its peak (VmHWM), in MB, from /proc/<pid>/status. */
export function readMemory(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match?.[1] ? Number(match[1]) : Number.NaN;
  };
  return {
    rssMb: Math.round(kb("VmRSS") / 102.4) / 10,
    hwmMb: Math.round(kb("VmHWM") / 102.4) / 10,
  };
}

/**
 * Resident MB by what holds it, from /proc/<pid>/smaps: malloc's main heap, the node binary's
 * own pages, PGlite's WebAssembly memory (its one 128 MB mapping), V8's heap pages (256 kB
 * mappings) and the other anonymous mappings (V8's large objects and code, buffers mmapped
 * by malloc, stacks).
 */
export function residentByKind(pid: number): string {
  const kb: Record<string, number> = {};
  let kind = "other";
  let size = 0;
  for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) {
      const name = head[1] ?? "";
      kind = name === "[heap]" ? "malloc" : name.endsWith("/node") ? "node" : name ? "files" : "";
    } else if (line.startsWith("Size:")) {
      size = Number(line.split(/\s+/)[1]);
      if (!kind) kind = size === 131072 ? "pglite" : size === 256 ? "v8pages" : "anon";
    } else if (line.startsWith("Rss:")) {
      kb[kind] = (kb[kind] ?? 0) + Number(line.split(/\s+/)[1]);
      kind = "";
    }
  }
  return Object.entries(kb)
    .map(([kind, sum]) => `${kind} ${Math.round(sum / 1024)}`)
    .join(", ");
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
