import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";

/**
 * Listens on `channel` and answers the payloads heard from now on. A process LISTENs on one
 * connection that may already listen on the channel (src/db/listener.ts), so notifications
 * committed just before may still be on their way to it: a marker notified and heard first
 * separates them from what the test sends.
 */
export async function listenFromNow(
  database: Pick<Database, "db" | "listen">,
  channel: string,
): Promise<{ payloads: string[]; stop: () => Promise<void> }> {
  const marker = `marker-${randomUUID()}`;
  const payloads: string[] = [];
  let caughtUp = false;
  const stop = await database.listen(channel, (payload) => {
    if (caughtUp) payloads.push(payload);
    else if (payload === marker) caughtUp = true;
  });
  await database.db.execute(sql`select pg_notify(${channel}, ${marker})`);
  for (let i = 0; i < 500 && !caughtUp; i++) await new Promise((r) => setTimeout(r, 10));
  if (!caughtUp) throw new Error(`the marker notified on ${channel} was not heard within 5 s`);
  return { payloads, stop };
}
