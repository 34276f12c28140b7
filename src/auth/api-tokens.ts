import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { emit } from "../commands/emit.ts";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { apiTokens, memberships, users, workspaces } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { actorColumns, actorFrom } from "./load-actor.ts";
import { randomToken, sha256 } from "./secrets.ts";

// The prefix lets secret scanners and people recognise a leaked Baton token.
const PREFIX = "bt_";
const MAX_TOKEN_LENGTH = 128;
// Writing last_used_at on every request would turn each API read into a write.
const TOUCH_EVERY_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
  now: Date = new Date(),
): Promise<{ id: string; token: string }> {
  const token = `${PREFIX}${randomToken()}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: sha256(token), createdAt: now })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("api token insert returned nothing");
  return { id: row.id, token };
}

// The token and its user's memberships in one round trip, on every API request.
const tokenActor = prepared("baton_token_actor", (db) =>
  db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, ...actorColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt)))
    .orderBy(workspaces.slug),
);

export async function resolveApiToken(
  db: Db,
  token: string,
  now: Date,
): Promise<Actor | undefined> {
  if (!token.startsWith(PREFIX) || token.length > MAX_TOKEN_LENGTH) return undefined;
  const rows = await tokenActor(db, { hash: sha256(token) });
  const row = rows[0];
  if (!row) return undefined;
  const stale = new Date(now.getTime() - TOUCH_EVERY_MS);
  if (!row.lastUsedAt || row.lastUsedAt <= stale) {
    // The condition is repeated in SQL so that concurrent requests write it once between them.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.tokenId),
          or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, stale)),
        ),
      );
  }
  return actorFrom(rows, "token");
}

/**
 * Revokes and audits together, as no command wraps this. False when the token is unknown or
 * already revoked. `userId` restricts it to that user's tokens (self-service revocation).
 */
export async function revokeApiToken(
  db: Db,
  tokenId: string,
  actorId: string | null,
  options: { userId?: string; now?: Date } = {},
): Promise<boolean> {
  // A malformed id would make PostgreSQL raise instead of matching nothing.
  if (!UUID.test(tokenId)) return false;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const owner = options.userId ? eq(apiTokens.userId, options.userId) : undefined;
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt), owner))
      .returning({ id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name });
    if (!row) return false;
    await emit(tx, {
      name: "token.revoked",
      actorId,
      workspaceId: null,
      subjectId: row.id,
      data: { userId: row.userId, name: row.name },
    });
    return true;
  });
}
