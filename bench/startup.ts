// Where an embedded start spends its time and memory, step by step, in this one process:
//
//   node --liftoff-only --max-semi-space-size=8 bench/startup.ts DATA_DIR [IDLE_SECONDS]
//
// It runs `baton serve`'s own start (startServer, on port 0), timing each of its steps, then
// answers one health request, idles (5 s, or IDLE_SECONDS: the background work runs meanwhile,
// and every 10 s is a line), and lists which packages the start loaded, by number of files. DATA_DIR must hold a migrated, seeded PGlite folder that no server is using (for
// example one left by `node bench/run.ts --pglite-only --keep`, or ./data after `npm start` has
// stopped).
import "../bin/module-loading.js";
import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";

const t0 = performance.now();
let last = t0;

// Which files each package contributes to the start: what a lazy import would take out.
const loaded = new Map<string, number>();
registerHooks({
  load(url, context, nextLoad) {
    const name = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? /^node:/.exec(url)?.[0];
    const key = name ?? (url.includes("/src/") ? "(Baton's src)" : "(other)");
    loaded.set(key, (loaded.get(key) ?? 0) + 1);
    return nextLoad(url, context);
  },
});

function memory(): string {
  const status = readFileSync("/proc/self/status", "utf8");
  const mb = (field: string) =>
    (Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1]) / 1024).toFixed(0);
  const u = process.memoryUsage();
  const heap = (bytes: number) => (bytes / 1048576).toFixed(0);
  return (
    `${mb("VmRSS").padStart(4)} ${mb("VmHWM").padStart(4)} ${heap(u.heapTotal).padStart(5)} ` +
    `${heap(u.heapUsed).padStart(5)} ${heap(u.external).padStart(5)}`
  );
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function step(label: string): void {
  const now = performance.now();
  const delta = (now - last).toFixed(0).padStart(6);
  const total = (now - t0).toFixed(0).padStart(6);
  console.log(
    `| ${label.padEnd(22)} | ${delta} | ${total} | ${cpuMs().toFixed(0).padStart(5)} | ${memory()} |`,
  );
  last = now;
}

const dir = process.argv[2];
const idleSeconds = Number(process.argv[3] ?? 5);
if (!dir || !Number.isFinite(idleSeconds)) {
  console.error("usage: node bench/startup.ts DATA_DIR [IDLE_SECONDS, default 5]");
  process.exit(2);
}
console.log(
  "| step | ms | ms since start | CPU ms since start | VmRSS VmHWM heapTotal heapUsed external (MB) |\n" +
    "| --- | ---: | ---: | ---: | --- |",
);
step("script running");
const { loadConfig } = await import("../src/config.ts");
const { startServer } = await import("../src/server.ts");
step("import the server");
const server = await startServer(
  loadConfig({ BATON_DATA_DIR: dir, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn" }),
  step,
);
const health = await fetch(`${server.url}/api/v1/health`);
await health.arrayBuffer();
step(`health ${health.status}`);
// Then idle: background work (the minute's sweep, deliveries) runs as it would in the server.
for (let waited = 0; waited < idleSeconds; waited += 10) {
  await new Promise((r) => setTimeout(r, Math.min(10, idleSeconds - waited) * 1000));
  step(`idle ${Math.min(waited + 10, idleSeconds)} s`);
}
await server.stop();
console.log(
  `\nFiles loaded, by package: ${[...loaded]
    .sort((a, b) => b[1] - a[1])
    .map(([name, files]) => `${name} ${files}`)
    .join(", ")}`,
);
