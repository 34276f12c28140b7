import type { Db } from "../../db/client.ts";
import { emit } from "../../writes/emit.ts";
import { revokeSession } from "../../writes/sessions.ts";

/**
 * Revokes the session the token names. Signing out twice, or with a token that is unknown,
 * is not an error: the outcome the caller wants already holds. True if this call revoked it.
 */
export async function signOut(db: Db, input: { token: string; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await revokeSession(tx, input.token, input.now);
    if (!userId) return false;
    await emit(tx, {
      name: "user.signed_out",
      actorId: userId,
      workspaceId: null,
      subjectId: userId,
      data: {},
    });
    return true;
  });
}
