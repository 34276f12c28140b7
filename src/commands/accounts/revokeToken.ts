import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiTokens } from "../../db/schema.ts";
import { isUuid } from "../../domain/text.ts";
import { emit } from "../../writes/emit.ts";

export interface RevokeTokenInput {
  tokenId: string;
  /** Who ends it: a person signed in, or null for the CLI operator. */
  actorId: string | null;
  by: "owner" | "admin" | "operator";
  /** Restricts it to this person's tokens (self-service). */
  userId?: string;
  /** The workspace an admin revoked it in, so it shows in that workspace's audit. */
  workspaceId?: string;
  now?: Date;
}

/**
 * Ends one token and audits it. False when the token is unknown, not the person's, or already
 * ended: the caller answers that as not found, so nobody learns other people's token ids.
 */
export async function revokeToken(db: Db, input: RevokeTokenInput): Promise<boolean> {
  // A malformed id would make PostgreSQL raise instead of matching nothing.
  if (!isUuid(input.tokenId)) return false;
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const owner = input.userId ? eq(apiTokens.userId, input.userId) : undefined;
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now, revokedBy: input.actorId })
      .where(and(eq(apiTokens.id, input.tokenId), isNull(apiTokens.revokedAt), owner))
      .returning({ id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name });
    if (!row) return false;
    await emit(tx, {
      name: "token.revoked",
      actorId: input.actorId,
      workspaceId: input.workspaceId ?? null,
      subjectId: row.id,
      data: { userId: row.userId, name: row.name, by: input.by },
    });
    return true;
  });
}
