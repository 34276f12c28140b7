import { and, count, eq, gt, min } from "drizzle-orm";
import { emailKey } from "../auth/load-actor.ts";
import type { Db } from "../db/client.ts";
import { loginFailures } from "../db/schema.ts";
import { DomainError } from "../domain/errors.ts";

const MAX_FAILURES = 10;

const WINDOW_MS = 15 * 60_000;

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
