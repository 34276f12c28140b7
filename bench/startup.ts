// Where an embedded start spends its time and memory, step by step, in this one process:
//
//   node [--max-semi-space-size=8 --liftoff-only] bench/startup.ts DATA_DIR
//
// DATA_DIR must hold a migrated, seeded PGlite folder that no server is using (for example one
// left by `node bench/run.ts --pglite-only --keep`, or ./data after `npm start` has stopped).
import { readFileSync } from "node:fs";

const t0 = performance.now();
let last = t0;

function memory(): string {
  const status = readFileSync("/proc/self/status", "utf8");
  const mb = (field: string) =>
    (Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1]) / 1024).toFixed(0);
  const u = process.memoryUsage();
  const heap = (bytes: number) => (bytes / 1048576).toFixed(0);
  return (
    `VmRSS ${mb("VmRSS")} VmHWM ${mb("VmHWM")} heapTotal ${heap(u.heapTotal)} ` +
    `heapUsed ${heap(u.heapUsed)} external ${heap(u.external)} (MB)`
  );
}

function step(label: string): void {
  const now = performance.now();
  const delta = (now - last).toFixed(0).padStart(5);
  const total = (now - t0).toFixed(0).padStart(5);
  console.log(`${label.padEnd(26)} +${delta} ms (${total} ms)  ${memory()}`);
  last = now;
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node bench/startup.ts DATA_DIR");
  process.exit(2);
}
step("node started");
await import("drizzle-orm");
step("import drizzle-orm");
const { loadConfig } = await import("../src/config.ts");
const { buildApp } = await import("../src/http/app.ts");
const { openPglite } = await import("../src/db/client.ts");
const { seedDemo } = await import("../src/demo/seed.ts");
step("import the rest of src");
const database = await openPglite(dir);
step("PGlite open");
await database.migrate();
step("migrate (nothing to do)");
await seedDemo(database.db);
step("seed check (not empty)");
const app = await buildApp({
  database,
  config: loadConfig({ BATON_DATA_DIR: dir }),
  logger: false,
});
step("buildApp");
await app.listen({ host: "127.0.0.1", port: 0 });
step("listen");
const health = await app.inject({ url: "/api/v1/health" });
step(`health ${health.statusCode}`);
await new Promise((r) => setTimeout(r, 5_000));
step("idle 5 s later");
await app.close();
await database.close();
