import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { memberships, sessions, users, workspaces } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { actorColumns, actorFrom } from "./load-actor.ts";
import { sha256 } from "./secrets.ts";

// The session and its user's memberships in one round trip, on every signed-in request.
// Anything longer was not issued by Baton; refusing it early avoids hashing junk.
export const MAX_TOKEN_LENGTH = 128;

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
        isNull(users.deactivatedAt),
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
