import { and, eq, isNull } from "drizzle-orm";
import { emit } from "../commands/emit.ts";
import type { Db } from "../db/client.ts";
import { calendarKeys } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { loadActor } from "./load-actor.ts";
import { randomToken, sha256 } from "./secrets.ts";

// A distinct prefix keeps a calendar key from ever passing as an API token, and tells a person
// who finds one in a calendar app's settings what it is.
const PREFIX = "bc_";
const MAX_KEY_LENGTH = 128;

/**
 * Issues the user's calendar key, revoking the one before: a key that leaked with a shared
 * calendar URL is dealt with by making a new one.
 */
export async function rotateCalendarKey(db: Db, actor: Actor): Promise<{ key: string }> {
  const key = `${PREFIX}${randomToken()}`;
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(calendarKeys)
      .set({ revokedAt: now })
      .where(and(eq(calendarKeys.userId, actor.userId), isNull(calendarKeys.revokedAt)));
    const [row] = await tx
      .insert(calendarKeys)
      .values({ userId: actor.userId, keyHash: sha256(key), createdAt: now })
      .returning({ id: calendarKeys.id });
    if (!row) throw new Error("calendar key insert returned nothing");
    await emit(tx, {
      name: "calendar_key.created",
      actorId: actor.userId,
      workspaceId: null,
      subjectId: row.id,
      data: {},
    });
  });
  return { key };
}

/** The user a calendar key belongs to, or undefined for an unknown or revoked key. */
export async function resolveCalendarKey(db: Db, key: string): Promise<Actor | undefined> {
  if (!key.startsWith(PREFIX) || key.length > MAX_KEY_LENGTH) return undefined;
  const [row] = await db
    .select({ userId: calendarKeys.userId })
    .from(calendarKeys)
    .where(and(eq(calendarKeys.keyHash, sha256(key)), isNull(calendarKeys.revokedAt)))
    .limit(1);
  return row ? loadActor(db, row.userId, "token") : undefined;
}
