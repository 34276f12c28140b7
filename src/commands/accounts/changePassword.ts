import { and, eq, sql } from "drizzle-orm";
import { hashPassword, passwordProblem, verifyPassword } from "../../auth/passwords.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import { conflict, DomainError, invalid, notFound } from "../../domain/errors.ts";
import { revokeUserTokens } from "../../writes/api-tokens.ts";
import { emit } from "../../writes/emit.ts";
import { revokeAllSessions } from "../../writes/sessions.ts";
import { forgetAttempt, reserveAttempt } from "../../writes/sign-in-attempts.ts";

export interface ChangePasswordInput {
  userId: string;
  currentPassword: string;
  newPassword: string;
  /** Leave the person's API tokens working (scripts they trust); they end by default. */
  keepTokens?: boolean;
  /** The client's address, so guessing the current password is slowed like sign-in. */
  client?: string;
  now: Date;
}

/**
 * Every session ends, the caller's included, and every API token unless kept: whoever changes
 * a password because it leaked wants what was opened with it gone. The caller signs in again.
 */
export async function changePassword(
  db: Db,
  input: ChangePasswordInput,
): Promise<{ revokedSessions: number; revokedTokens: number }> {
  const [user] = await db
    .select({ email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.userId))
    .limit(1);
  if (!user) throw notFound("User");
  const problem = await passwordProblem(input.newPassword, [user.email, user.name]);
  if (problem) throw invalid("newPassword", problem);
  // Shares sign-in's budget, so a stolen session cannot be used to guess the password.
  const attempt = await reserveAttempt(db, user.email, input.client, input.now);
  const currentHash = user.passwordHash;
  if (!currentHash || !(await verifyPassword(input.currentPassword, currentHash)))
    throw new DomainError("validation", "wrong_password", "currentPassword: is not right", {
      issues: [{ field: "currentPassword", message: "is not right" }],
    });
  const newHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await forgetAttempt(tx, attempt);
    // Matching the hash just verified stops a concurrent change from being overwritten unseen.
    const changed = await tx
      .update(users)
      .set({ passwordHash: newHash, version: sql`${users.version} + 1`, updatedAt: input.now })
      .where(and(eq(users.id, input.userId), eq(users.passwordHash, currentHash)))
      .returning({ version: users.version });
    if (changed.length === 0) throw conflict("The password was changed meanwhile; sign in again");
    const revokedSessions = await revokeAllSessions(tx, input.userId, input.now);
    const revokedTokens = input.keepTokens
      ? 0
      : await revokeUserTokens(tx, input.userId, input.now, input.userId);
    await emit(tx, {
      name: "user.password_changed",
      actorId: input.userId,
      workspaceId: null,
      subjectId: input.userId,
      data: { revokedSessions, revokedTokens },
    });
    return { revokedSessions, revokedTokens };
  });
}
