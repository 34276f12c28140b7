// Issuing and revoking sessions: writes the sign-in, sign-out and password use cases run; reading
// a session back is src/auth/sessions.ts.
import { and, eq, isNull } from "drizzle-orm";
import { randomToken, sha256 } from "../auth/secrets.ts";
import { MAX_TOKEN_LENGTH } from "../auth/sessions.ts";
import type { Db } from "../db/client.ts";
import { sessions } from "../db/schema.ts";

export interface NewSession {
  /** The cookie value; only its sha256 is stored (as the row id). */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const HOUR_MS = 3_600_000;

export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  ttlHours: number,
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + ttlHours * HOUR_MS);
  await db
    .insert(sessions)
    .values({ id: sha256(token), userId, csrfToken, createdAt: now, expiresAt });
  return { token, csrfToken, expiresAt };
}

/** The user whose session this call revoked; undefined if it was unknown or already revoked. */
export async function revokeSession(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<string | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sha256(token)), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
  return row?.userId;
}

/** How many sessions were revoked; expired ones count too, so no clock skew can spare one. */
export async function revokeAllSessions(
  db: Db,
  userId: string,
  now: Date = new Date(),
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
