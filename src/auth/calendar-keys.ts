import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { calendarKeys } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { loadActor } from "./load-actor.ts";
import { sha256 } from "./secrets.ts";

// A distinct prefix keeps a calendar key from ever passing as an API token, and tells a person
// who finds one in a calendar app's settings what it is.
export const CALENDAR_KEY_PREFIX = "bc_";
const MAX_KEY_LENGTH = 128;

/** The user a calendar key belongs to, or undefined for an unknown or revoked key. */
export async function resolveCalendarKey(db: Db, key: string): Promise<Actor | undefined> {
  if (!key.startsWith(CALENDAR_KEY_PREFIX) || key.length > MAX_KEY_LENGTH) return undefined;
  const [row] = await db
    .select({ userId: calendarKeys.userId })
    .from(calendarKeys)
    .where(and(eq(calendarKeys.keyHash, sha256(key)), isNull(calendarKeys.revokedAt)))
    .limit(1);
  return row ? loadActor(db, row.userId, "token") : undefined;
}
