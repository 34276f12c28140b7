import { eq, sql } from "drizzle-orm";
import { userByEmail } from "../../auth/load-actor.ts";
import { hashPassword, passwordProblem } from "../../auth/passwords.ts";
import { randomToken } from "../../auth/secrets.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { revokeUserTokens } from "../../writes/api-tokens.ts";
import { emit } from "../../writes/emit.ts";
import { revokeAllSessions } from "../../writes/sessions.ts";

export interface ResetPasswordInput {
  email: string;
  /** The new password; a strong one is made up when left out, and returned once. */
  password?: string;
  keepTokens?: boolean;
  now?: Date;
}

/**
 * `baton user reset-password`: the operator sets a password for someone who lost theirs. Like a
 * change, it ends every session and, unless kept, every API token.
 */
export async function resetPassword(db: Db, input: ResetPasswordInput) {
  const user = await userByEmail(db, input.email);
  if (!user) throw notFound(`User ${input.email}`);
  const password = input.password ?? randomToken().slice(0, 24);
  const problem = await passwordProblem(password, [user.email, user.name]);
  if (problem) throw invalid("password", problem);
  const hash = await hashPassword(password);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, version: sql`${users.version} + 1`, updatedAt: now })
      .where(eq(users.id, user.id));
    const revokedSessions = await revokeAllSessions(tx, user.id, now);
    const revokedTokens = input.keepTokens ? 0 : await revokeUserTokens(tx, user.id, now, null);
    await emit(tx, {
      name: "user.password_changed",
      actorId: null,
      workspaceId: null,
      subjectId: user.id,
      data: { revokedSessions, revokedTokens, reset: true },
    });
    return {
      email: user.email,
      revokedSessions,
      revokedTokens,
      ...(input.password === undefined ? { password } : {}),
    };
  });
}
