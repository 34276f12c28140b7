import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiTokens } from "../../db/schema.ts";
import { emit } from "../../writes/emit.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Revokes and audits together, as no command wraps this. False when the token is unknown or
 * already revoked. `userId` restricts it to that user's tokens (self-service revocation).
 */
export async function revokeToken(
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
