import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { NOTIFICATIONS_CHANNEL, type NotificationSignal } from "../notify/in-app.ts";

/** The reader's other tabs and devices update their bell too. */
export async function signalRead(tx: Db, userId: string, id: number) {
  const payload: NotificationSignal = { userId, id, kind: "", caseNumber: null, change: "read" };
  await tx.execute(sql`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, ${JSON.stringify(payload)})`);
}
