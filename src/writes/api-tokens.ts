import { TOKEN_PREFIX } from "../auth/api-tokens.ts";
import { randomToken, sha256 } from "../auth/secrets.ts";
import type { Db } from "../db/client.ts";
import { apiTokens } from "../db/schema.ts";

/**
 * Stores a new API token for the user and returns its plaintext, which is never stored. No audit:
 * the use case that calls it (createToken) records who asked; fixtures and benchmarks call it
 * directly.
 */
export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
  now: Date = new Date(),
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, tokenHash: sha256(token), createdAt: now })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("api token insert returned nothing");
  return { id: row.id, token };
}
