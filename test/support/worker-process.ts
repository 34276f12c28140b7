// A Baton delivery worker in a process of its own, for tests that kill it: node worker-process.ts
// with DATABASE_URL and SMTP_PORT set. Prints "ready" once it works the queue.
import { openPostgres } from "../../src/db/client.ts";
import { startDeliveryWorker } from "../../src/jobs/deliveries.ts";
import { FAST, log, mailSettings } from "./deliveries.ts";

const database = await openPostgres(process.env.DATABASE_URL ?? "", 3);
await startDeliveryWorker({
  database,
  mail: mailSettings(Number(process.env.SMTP_PORT)),
  log,
  options: FAST,
});
process.stdout.write("ready\n");
