import { and, eq, isNull } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { CALENDAR_KEY_PREFIX } from "../../auth/calendar-keys.ts";
import { randomToken, sha256 } from "../../auth/secrets.ts";
import type { Db } from "../../db/client.ts";
import { calendarKeys } from "../../db/schema.ts";
import { emit } from "../../writes/emit.ts";

/**
 * Issues the user's calendar key, revoking the one before: a key that leaked with a shared
 * calendar URL is dealt with by making a new one.
 */
export async function rotateCalendarKey(db: Db, actor: Actor): Promise<{ key: string }> {
  const key = `${CALENDAR_KEY_PREFIX}${randomToken()}`;
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
