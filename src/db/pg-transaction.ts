import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { queryWrapped } from "./direct-statement.ts";

/** The parts of Drizzle's node-postgres session that a transaction is made of (internal). */
interface SessionInternals {
  client: unknown;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
  transaction: (run: (tx: unknown) => Promise<unknown>, config?: unknown) => Promise<unknown>;
}

/**
 * Drizzle's `transaction` on a pool, with BEGIN, COMMIT and ROLLBACK sent as plain text. Drizzle
 * builds each of them as SQL and prepares and traces it like any statement, a few percent of a
 * transfer's server CPU (docs/performance.md). What the callback gets, the order of the
 * statements, the errors (wrapped in DrizzleQueryError, as Drizzle wraps them) and the release
 * of the connection are Drizzle's; a transaction with options (isolation, read only) and a
 * savepoint inside one keep Drizzle's path.
 */
export function sendTransactionsAsText(db: NodePgDatabase, pool: pg.Pool): void {
  const session = db._.session as unknown as SessionInternals;
  const drizzles = session.transaction.bind(session);
  session.transaction = async (run, config) => {
    if (config) return drizzles(run, config);
    const client = await pool.connect();
    try {
      const own = new NodePgSession(client, session.dialect, session.schema, session.options);
      const tx = new NodePgTransaction(session.dialect, own, session.schema);
      await send(client, "begin");
      try {
        const result = await run(tx);
        await send(client, "commit");
        return result;
      } catch (error) {
        await send(client, "rollback");
        throw error;
      }
    } finally {
      client.release();
    }
  };
}

function send(client: pg.PoolClient, statement: string): Promise<unknown> {
  return queryWrapped(
    statement,
    () => [],
    () => client.query(statement),
    (result) => result,
  );
}
