import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { memberships, sessions, users, workspaces } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { actorColumns, actorFrom } from "./load-actor.ts";
import { randomToken, sha256 } from "./secrets.ts";

export interface NewSession {
  /** The cookie value; only its sha256 is stored (as the row id). */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const HOUR_MS = 3_600_000;
// Anything longer was not issued by Baton; refusing it early avoids hashing junk.
const MAX_TOKEN_LENGTH = 128;

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

// The session and its user's memberships in one round trip, on every signed-in request.
const sessionActor = prepared("baton_session_actor", (db) =>
  db
    .select({ sessionId: sessions.id, csrfToken: sessions.csrfToken, ...actorColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("id")),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder("now")),
      ),
    )
    .orderBy(workspaces.slug),
);

/** The signed-in actor, or undefined for an unknown, expired or revoked session. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<Actor | undefined> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  const rows = await sessionActor(db, { id: sha256(token), now });
  const row = rows[0];
  const actor = actorFrom(rows, "session");
  return row && actor && { ...actor, sessionId: row.sessionId, csrfToken: row.csrfToken };
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
