// Preloaded into the server by `bench/transfer.ts --count-queries`: counts the statements the
// server sends to PostgreSQL and writes the total to stderr when it exits. With
// BATON_QUERY_LOG=FILE it also appends each statement's text (or prepared name) to FILE, to see
// what one transfer sends.
import { appendFileSync } from "node:fs";
import pg from "pg";

let count = 0;
const connections = new WeakMap<object, number>();
let opened = 0;
const logFile = process.env.BATON_QUERY_LOG;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  count++;
  if (logFile) {
    const first = args[0] as string | { text?: string; name?: string };
    const text = typeof first === "string" ? first : `${first.name ?? ""} ${first.text ?? ""}`;
    if (!connections.has(this)) connections.set(this, ++opened);
    appendFileSync(logFile, `${connections.get(this)}\t${text.replace(/\s+/g, " ")}\n`);
  }
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;
process.on("exit", () => {
  process.stderr.write(`baton-queries: ${count}\n`);
});
