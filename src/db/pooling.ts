import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * How a URL's connections reach PostgreSQL. `pinned`: each connection keeps one server session
 * (PostgreSQL itself, or a pooler in session mode). Otherwise a pooler hands the server session
 * to others between transactions; `keepsPrepared` says whether it carries prepared statements
 * across (PgBouncer 1.21+ with max_prepared_statements > 0).
 */
export type Pooling = { pinned: true } | { pinned: false; keepsPrepared: boolean };

/** A start refused because a pooler between Baton and PostgreSQL would break it. */
export class PoolerRefused extends Error {}

const ATTEMPTS = 2;
const pidOf = async (client: pg.Client, query: string | pg.QueryConfig) =>
  (await client.query<{ pid: number }>(query)).rows[0]!.pid;
const PID = "select pg_backend_pid()::int as pid";

/**
 * Asks what sits between `url` and PostgreSQL, on two connections of its own. A connection that
 * owns its server session is never given the backend another connection just used, so if the
 * second connection's transaction lands on the backend the first one's statement ran on, the
 * first does not own it: a pooler in transaction (or statement) mode. PgBouncer hands out its
 * most recently used server connection first, so that happens at the first try; a pooler that
 * hands them out otherwise may go unseen, and the start then goes on as it did without the check.
 */
export async function probePooling(url: string): Promise<Pooling> {
  const a = new pg.Client({ connectionString: url, application_name: "baton-pooling-check" });
  const b = new pg.Client({ connectionString: url, application_name: "baton-pooling-check" });
  for (const client of [a, b]) client.on("error", () => {});
  try {
    await a.connect();
    await b.connect();
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // Prepared on whichever backend `a` is given now, under a name no earlier check used: a
      // pooler in transaction mode leaves statements behind on its server connections.
      const named = { name: `baton_pooling_check_${randomBytes(6).toString("hex")}`, text: PID };
      const used = await pidOf(a, named);
      await b.query("begin");
      try {
        if ((await pidOf(b, PID)) !== used) continue;
        // `b` holds the backend the statement was prepared on, so `a` is given another one; the
        // driver sends the name alone, as Baton's statements are sent once prepared.
        const keepsPrepared = await pidOf(a, named).then(
          () => true,
          (error: unknown) => (error as { code?: string }).code !== "26000",
        );
        return { pinned: false, keepsPrepared };
      } finally {
        await b.query("rollback");
      }
    }
    return { pinned: true };
  } finally {
    await Promise.allSettled([a.end(), b.end()]);
  }
}

const POOLERS = "docs/deploy.md, PgBouncer and other poolers";

/**
 * What stops a start, in one line naming the fix; undefined when the URLs are fine. `session` is
 * undefined when DATABASE_SESSION_URL is not set, so the session's work shares DATABASE_URL;
 * `read`, when DATABASE_READ_URL is not set. Reads need no session, only their prepared names.
 */
export function poolingProblem(
  request: Pooling,
  session: Pooling | undefined,
  read?: Pooling,
): string | undefined {
  const drops = (name: string) =>
    `${name} goes through a pooler in transaction mode that drops prepared statements ` +
    '("prepared statement … does not exist"): set its pool_mode to session, or use PgBouncer ' +
    `1.21 or later with max_prepared_statements = 100, or connect to PostgreSQL directly (${POOLERS}).`;
  if (!request.pinned && !request.keepsPrepared) return drops("DATABASE_URL");
  if (read && !read.pinned && !read.keepsPrepared) return drops("DATABASE_READ_URL");
  const sessionPooling = session ?? request;
  if (!sessionPooling.pinned)
    return (
      `${session ? "DATABASE_SESSION_URL" : "DATABASE_URL"} goes through a pooler in transaction ` +
      "mode, and the live events' LISTEN, the migration lock and the job queue need a session " +
      "of their own: set DATABASE_SESSION_URL to PostgreSQL directly or to a session-mode pool " +
      `(${POOLERS}).`
    );
  return undefined;
}

/** Throws PoolerRefused when what sits between Baton and PostgreSQL would break it. */
export async function checkPooling(
  url: string,
  sessionUrl: string | undefined,
  readUrl?: string,
): Promise<void> {
  // At the same time: each probe is a few round trips on connections of its own.
  const [request, session, read] = await Promise.all([
    probePooling(url),
    sessionUrl && sessionUrl !== url ? probePooling(sessionUrl) : undefined,
    readUrl ? probePooling(readUrl) : undefined,
  ]);
  const problem = poolingProblem(request, session, read);
  if (problem) throw new PoolerRefused(problem);
}
