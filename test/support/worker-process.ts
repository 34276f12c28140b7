// A Baton delivery worker in a process of its own, for tests that kill it: node worker-process.ts
// with DATABASE_URL and SMTP_PORT set; WORKER_OPTIONS=production keeps production's timings
// (the benchmark's crash drill) instead of the tests' shrunk ones. Prints "ready" once it works.
import { openPostgres } from "../../src/db/client.ts";
import { startDeliveryWorker } from "../../src/jobs/deliveries.ts";
import { FAST, log, mailSettings } from "./deliveries.ts";

const database = await openPostgres(process.env.DATABASE_URL ?? "", 3);
await startDeliveryWorker({
  database,
  mail: mailSettings(Number(process.env.SMTP_PORT)),
  log,
  options: process.env.WORKER_OPTIONS === "production" ? {} : FAST,
});
process.stdout.write("ready\n");
