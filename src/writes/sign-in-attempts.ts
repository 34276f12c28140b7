import { and, eq, gt, ne, or, type SQL, sql } from "drizzle-orm";
import { emailKey } from "../auth/load-actor.ts";
import type { Db } from "../db/client.ts";
import { loginFailures } from "../db/schema.ts";
import { retryAfter, type Tally, WINDOW_MINUTES } from "../domain/accounts/sign-in-throttle.ts";
import { DomainError } from "../domain/errors.ts";

// Callers without a network client (the CLI, tests) share one key; a real client is its address.
const NO_CLIENT = "-";

/**
 * Records this attempt as a failure before the password is checked, then asks whether the
 * failures before it owe a wait (domain/accounts/sign-in-throttle.ts). Counting after inserting
 * bounds the attempts even when many arrive at once: each sees the others' rows. Returns the
 * row to forget if the password is right; a refused attempt is forgotten at once, so waiting
 * never extends the wait.
 */
export async function reserveAttempt(
  db: Db,
  email: string,
  client: string | undefined,
  now: Date,
): Promise<number> {
  const key = emailKey(email);
  const clientKey = client ?? NO_CLIENT;
  const [row] = await db
    .insert(loginFailures)
    .values({ emailKey: key, clientKey, at: now })
    .returning({ id: loginFailures.id });
  if (!row) throw new Error("login_failures insert returned nothing");
  const pair = and(eq(loginFailures.emailKey, key), eq(loginFailures.clientKey, clientKey)) as SQL;
  const byClient = eq(loginFailures.clientKey, clientKey);
  const byAddress = eq(loginFailures.emailKey, key);
  const others = ne(loginFailures.id, row.id);
  const failures = (where: SQL) => sql<number>`(count(*) filter (where ${where}))::int`;
  const last = (where: SQL) =>
    sql<string | null>`max(${loginFailures.at}) filter (where ${where} and ${others})`;
  const [counts] = await db
    .select({
      pairFailures: failures(pair),
      pairLast: last(pair),
      clientFailures: failures(byClient),
      clientLast: last(byClient),
      addressFailures: failures(byAddress),
      addressLast: last(byAddress),
    })
    .from(loginFailures)
    .where(
      and(
        gt(loginFailures.at, new Date(now.getTime() - WINDOW_MINUTES * 60_000)),
        or(byAddress, byClient),
      ),
    );
  const at = (v: string | Date | null | undefined) => (v ? new Date(v) : null);
  const of = (failures: number | undefined, last: string | null | undefined): Tally => ({
    failures: failures ?? 0,
    last: at(last),
  });
  const wait = retryAfter(
    {
      pair: of(counts?.pairFailures, counts?.pairLast),
      client: of(counts?.clientFailures, counts?.clientLast),
      address: of(counts?.addressFailures, counts?.addressLast),
    },
    now,
  );
  if (wait === 0) return row.id;
  await forgetAttempt(db, row.id);
  throw new DomainError(
    "rate_limited",
    "too_many_attempts",
    `Too many failed sign-in attempts; try again in ${wait === 1 ? "1 second" : `${wait} seconds`}`,
    { details: { retryAfterSeconds: wait } },
  );
}

export async function forgetAttempt(db: Db, id: number): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.id, id));
}
