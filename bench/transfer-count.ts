// Preloaded into the server by `bench/transfer.ts --count-queries`: counts the statements the
// server sends to PostgreSQL and writes the total to stderr when it exits.
import pg from "pg";

let count = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  count++;
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;
process.on("exit", () => {
  process.stderr.write(`baton-queries: ${count}\n`);
});
