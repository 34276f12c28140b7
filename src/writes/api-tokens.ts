import { and, eq, isNull, sql } from "drizzle-orm";
import { TOKEN_PREFIX } from "../auth/api-tokens.ts";
import { randomToken, sha256 } from "../auth/secrets.ts";
import type { Db } from "../db/client.ts";
import { apiTokens } from "../db/schema.ts";
import type { TokenScope } from "../domain/accounts/tokens.ts";

/**
 * Stores a new API token for the user and returns its plaintext, which is never stored. No audit:
 * the use case that calls it (createToken) records who asked; fixtures and benchmarks call it
 * directly. Without `expiresAt` the token does not expire (fixtures, benchmarks).
 */
export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
  now: Date = new Date(),
  options: { scope?: TokenScope; expiresAt?: Date | null } = {},
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      userId,
      name,
      tokenHash: sha256(token),
      createdAt: now,
      scope: options.scope ?? "full",
      expiresAt: options.expiresAt ?? null,
    })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("api token insert returned nothing");
  return { id: row.id, token };
}

/**
 * Ends every live token of a person at once (a password change, a deactivation). Returns how many
 * ended. The caller records why, in its own event.
 */
export async function revokeUserTokens(
  db: Db,
  userId: string,
  now: Date,
  revokedBy: string | null,
): Promise<number> {
  const ended = await db
    .update(apiTokens)
    .set({ revokedAt: now, revokedBy })
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > ${now})`,
      ),
    )
    .returning({ id: apiTokens.id });
  return ended.length;
}
