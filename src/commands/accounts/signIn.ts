import type { Actor } from "../../auth/actor.ts";
import { loadActor, userByEmail } from "../../auth/load-actor.ts";
import { DUMMY_HASH, verifyPassword } from "../../auth/passwords.ts";
import { sha256 } from "../../auth/secrets.ts";
import type { Db } from "../../db/client.ts";
import { DomainError } from "../../domain/errors.ts";
import { emit } from "../../writes/emit.ts";
import { createSession, type NewSession } from "../../writes/sessions.ts";
import { forgetAttempt, reserveAttempt } from "../../writes/sign-in-attempts.ts";

export interface SignInInput {
  email: string;
  password: string;
  /** The client's network address: failures are counted per address, per client and per pair. */
  client?: string;
  now: Date;
  sessionTtlHours?: number;
}

export interface SignInResult {
  actor: Actor;
  session: NewSession;
}

const DEFAULT_TTL_HOURS = 12;

// One message for both causes, so the answer does not reveal which emails have accounts.
const invalidCredentials = () =>
  new DomainError("unauthenticated", "invalid_credentials", "Email or password is wrong");

export async function signIn(db: Db, input: SignInInput): Promise<SignInResult> {
  const attempt = await reserveAttempt(db, input.email, input.client, input.now);
  const user = await userByEmail(db, input.email);
  // Unknown emails pay for a hash check too, so response time does not reveal them.
  const matches = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  // A deactivated person gets the same answer as a wrong password: nothing to tell an attacker.
  if (!user?.passwordHash || !matches || user.deactivatedAt) throw invalidCredentials();
  const session = await db.transaction(async (tx) => {
    await forgetAttempt(tx, attempt);
    const created = await createSession(
      tx,
      user.id,
      input.now,
      input.sessionTtlHours ?? DEFAULT_TTL_HOURS,
    );
    await emit(tx, {
      name: "user.signed_in",
      actorId: user.id,
      workspaceId: null,
      subjectId: user.id,
      data: { via: "password", expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  const actor = await loadActor(db, user.id, "session");
  if (!actor) throw invalidCredentials();
  return {
    actor: { ...actor, sessionId: sha256(session.token), csrfToken: session.csrfToken },
    session,
  };
}
