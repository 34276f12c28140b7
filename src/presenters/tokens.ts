import { tokenState } from "../domain/accounts/tokens.ts";
import type { TokenRow } from "../loaders/api-tokens.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A token as its owner or an admin sees it: never the secret, which is shown once at creation. */
export function presentToken(row: TokenRow, now: Date, currentTokenId?: string) {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope === "read" ? ("read" as const) : ("full" as const),
    state: tokenState(row, now),
    createdAt: row.createdAt.toISOString(),
    expiresAt: iso(row.expiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
    owner: { id: row.userId, name: row.userName, email: row.userEmail },
    current: row.id === currentTokenId,
  };
}
