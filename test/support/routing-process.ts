// Baton's routing pass in a process of its own, for the test that races three of them on one
// PostgreSQL: node routing-process.ts with DATABASE_URL set. Routes waiting cases until a pass
// finds nothing more to assign, then prints how many it assigned.
import { routeWaitingCases } from "../../src/commands/cases/routeWaitingCases.ts";
import { openPostgres } from "../../src/db/client.ts";

const database = await openPostgres(process.env.DATABASE_URL ?? "", 4);
let total = 0;
for (;;) {
  const n = await routeWaitingCases(database.db, new Date(), 5);
  total += n;
  if (n === 0) break;
}
await database.close();
process.stdout.write(`${JSON.stringify({ assigned: total })}\n`);
