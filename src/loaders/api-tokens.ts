import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { apiTokens, memberships, users } from "../db/schema.ts";

export interface TokenRow {
  id: string;
  name: string;
  scope: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  userId: string;
  userName: string;
  userEmail: string;
}

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scope: apiTokens.scope,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  userId: users.id,
  userName: users.name,
  userEmail: users.email,
};

// Enough for any person's or team's tokens; ended ones beyond it are history nobody pages through.
const LIMIT = 500;

async function tokensWhere(db: Db, where: SQL | undefined): Promise<TokenRow[]> {
  return db
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(where)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(LIMIT);
}

export const tokensOfUser = (db: Db, userId: string) =>
  tokensWhere(db, eq(apiTokens.userId, userId));

/** The tokens of everyone who is a member of the workspace. */
export const tokensOfWorkspace = (db: Db, workspaceId: string) =>
  tokensWhere(
    db,
    inArray(
      apiTokens.userId,
      db
        .select({ id: memberships.userId })
        .from(memberships)
        .where(eq(memberships.workspaceId, workspaceId)),
    ),
  );

/** One token, if its person is a member of the workspace. */
export async function tokenInWorkspace(
  db: Db,
  workspaceId: string,
  tokenId: string,
): Promise<TokenRow | undefined> {
  const [row] = await tokensWhere(
    db,
    and(
      eq(apiTokens.id, tokenId),
      sql`exists (select 1 from ${memberships} m where m.user_id = ${apiTokens.userId} and m.workspace_id = ${workspaceId})`,
    ),
  );
  return row;
}
