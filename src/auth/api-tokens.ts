import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { apiTokens, memberships, users, workspaces } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { actorColumns, actorFrom } from "./load-actor.ts";
import { sha256 } from "./secrets.ts";

// The prefix lets secret scanners and people recognise a leaked Baton token.
export const TOKEN_PREFIX = "bt_";
const MAX_TOKEN_LENGTH = 128;
// Writing last_used_at on every request would turn each API read into a write.
const TOUCH_EVERY_MS = 60_000;

// The token and its user's memberships in one round trip, on every API request (exported for
// bench/transfer.ts's floor, which sends it too).
export const tokenActorStatement = (db: Db) =>
  db
    .select({
      tokenId: apiTokens.id,
      scope: apiTokens.scope,
      lastUsedAt: apiTokens.lastUsedAt,
      ...actorColumns,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder("hash")),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql.placeholder("now"))),
        isNull(users.deactivatedAt),
      ),
    )
    .orderBy(workspaces.slug);
const tokenActor = prepared("baton_token_actor", tokenActorStatement);

export async function resolveApiToken(
  db: Db,
  token: string,
  now: Date,
): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > MAX_TOKEN_LENGTH) return undefined;
  const rows = await tokenActor(db, { hash: sha256(token), now });
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
  const actor = actorFrom(rows, "token");
  // Anything but "read" was written by Baton as full; an unknown value would grant nothing more.
  return actor && { ...actor, tokenId: row.tokenId, scope: row.scope === "read" ? "read" : "full" };
}
