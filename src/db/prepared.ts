import { type SQL, sql } from "drizzle-orm";
import { PgDialect, type PgPreparedQuery, type PreparedQueryConfig } from "drizzle-orm/pg-core";
import type { Db } from "./client.ts";
import { directExecute, type Execute } from "./direct-statement.ts";

type Prepared<T> = PgPreparedQuery<PreparedQueryConfig & { execute: T }>;

/**
 * A statement for a hot path, with its values as `sql.placeholder(name)`. Drizzle builds its SQL
 * once per connection instead of on every call (that building was a quarter of a transfer's
 * CPU, docs/performance.md), and on PostgreSQL it is a named prepared statement, parsed and
 * planned once per connection. `name` must be unique across Baton.
 */
export function prepared<T>(
  name: string,
  build: (db: Db) => { prepare(name: string): Prepared<T> },
): (db: Db, values?: Record<string, unknown>) => Promise<T> {
  const statementOn = perConnection((db) => executorOf<T>(build(db).prepare(name)));
  return (db, values = {}) => statementOn(db)(values);
}

const dialect = new PgDialect();

/**
 * `prepared` for a statement Drizzle's builders cannot express (an INSERT … SELECT from a JSON
 * parameter), written as `sql` with `sql.placeholder(name)` values. Answers the rows, each an
 * object keyed by the column names the statement gives.
 */
export function preparedSql<Row>(
  name: string,
  statement: SQL,
): (db: Db, values?: Record<string, unknown>) => Promise<Row[]> {
  const query = dialect.sqlToQuery(statement);
  const statementOn = perConnection((db) =>
    executorOf<{ rows: Row[] }>(
      db._.session.prepareQuery<PreparedQueryConfig & { execute: { rows: Row[] } }>(
        query,
        undefined,
        name,
        false,
      ),
    ),
  );
  return async (db, values = {}) => (await statementOn(db)(values)).rows;
}

/** The statement's direct executor on node-postgres (direct-statement.ts), else Drizzle's. */
function executorOf<T>(statement: Prepared<T>): Execute<T> {
  return directExecute<T>(statement) ?? ((values) => statement.execute(values));
}

/** `make`'s answer for the connection `db` runs on, made once per connection (below). */
function perConnection<P>(make: (db: Db) => P): (db: Db) => P {
  const built = new WeakMap<object, P>();
  return (db) => {
    const key = connectionOf(db);
    let made = built.get(key);
    if (!made) {
      made = make(db);
      built.set(key, made);
    }
    return made;
  };
}

/**
 * A prepared statement sends through the client it was built on. Each transaction gets a new
 * Drizzle object but runs on one of the pool's connections, which outlive it; keying by that
 * connection lets later transactions on it reuse the statement. PGlite hands every transaction
 * a new client, so there it is built once per transaction, as before.
 */
function connectionOf(db: Db): object {
  const session = db._.session as unknown as { client?: object };
  return session.client ?? db._.session;
}

/**
 * A placeholder that skips the column's encoder: where Drizzle's types accept only SQL (an
 * update's `set`), and for nullable timestamps, whose encoder fails on null. The value must be
 * what the driver takes as is (a Date, a string, null), so not for JSON columns.
 */
export const param = (name: string): SQL => sql`${sql.placeholder(name)}`;
