import { and, count, eq, gt, min } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { emailKey, loadActor, userByEmail } from "../auth/load-actor.ts";
import { DUMMY_HASH, verifyPassword } from "../auth/passwords.ts";
import { sha256 } from "../auth/secrets.ts";
import { createSession, type NewSession } from "../auth/sessions.ts";
import type { Db } from "../db/client.ts";
import { loginFailures } from "../db/schema.ts";
import { DomainError } from "../domain/errors.ts";
import { emit } from "../writes/emit.ts";

export interface SignInInput {
  email: string;
  password: string;
  now: Date;
  sessionTtlHours?: number;
}

export interface SignInResult {
  actor: Actor;
  session: NewSession;
}

const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60_000;
const DEFAULT_TTL_HOURS = 12;

// One message for both causes, so the answer does not reveal which emails have accounts.
const invalidCredentials = () =>
  new DomainError("unauthenticated", "invalid_credentials", "Email or password is wrong");

/**
 * Records this attempt as a failure before the password is checked, then counts. Counting
 * after inserting bounds the attempts even when many arrive at once: only the first ten rows
 * inserted can see a count of ten or less. Returns the row to forget if the password is right.
 */
export async function reserveAttempt(db: Db, email: string, now: Date): Promise<number> {
  const key = emailKey(email);
  const [row] = await db
    .insert(loginFailures)
    .values({ emailKey: key, at: now })
    .returning({ id: loginFailures.id });
  if (!row) throw new Error("login_failures insert returned nothing");
  const [recent] = await db
    .select({ n: count(), oldest: min(loginFailures.at) })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.emailKey, key),
        gt(loginFailures.at, new Date(now.getTime() - WINDOW_MS)),
      ),
    );
  if ((recent?.n ?? 0) <= MAX_FAILURES) return row.id;
  // Refused attempts are not failures: keeping them would extend the lock-out indefinitely.
  await forgetAttempt(db, row.id);
  const oldest = recent?.oldest ?? now;
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((oldest.getTime() + WINDOW_MS - now.getTime()) / 1000),
  );
  throw new DomainError(
    "rate_limited",
    "too_many_attempts",
    "Too many failed sign-in attempts; try again later",
    { details: { retryAfterSeconds } },
  );
}

export async function forgetAttempt(db: Db, id: number): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.id, id));
}

export async function signIn(db: Db, input: SignInInput): Promise<SignInResult> {
  const attempt = await reserveAttempt(db, input.email, input.now);
  const user = await userByEmail(db, input.email);
  // Unknown emails pay for a hash check too, so response time does not reveal them.
  const matches = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || !matches) throw invalidCredentials();
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
