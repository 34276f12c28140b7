import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Db } from "./client.ts";
import { queryWrapped } from "./direct-statement.ts";
import {
  BEGIN_STATEMENT,
  COMMIT_STATEMENT,
  runWire,
  WireQuery,
  type WireStatement,
} from "./wire-query.ts";

/** The parts of Drizzle's node-postgres session that a transaction is made of (internal). */
interface SessionInternals {
  client: unknown;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
  transaction: (run: (tx: unknown) => Promise<unknown>, config?: unknown) => Promise<unknown>;
}

/**
 * A pool connection as a transaction's statements see it. BEGIN is not sent when the
 * transaction opens but with its first statement, in the same write (src/db/wire-query.ts), and
 * COMMIT may go with its last one (`commitWithNextStatement`): two round trips of a transfer's
 * seven. The first transaction on a connection sends each on its own, which prepares it. A
 * statement that does not go through the wire (Drizzle's own path) waits for BEGIN's answer.
 * One per connection, kept with it, so that the prepared statements keyed by the session's
 * client (prepared.ts) outlive the transaction.
 */
export class TransactionConnection {
  readonly client: pg.PoolClient;
  /** BEGIN is prepared on this connection, and so may go with a statement. */
  private beginReady = false;
  /** COMMIT is prepared on this connection, and so may go with a statement. */
  private commitReady = false;
  /** The transaction is open, but BEGIN has not been sent yet. */
  private beginPending = false;
  private commitNext = false;
  private committing: WireQuery | undefined = undefined;

  private constructor(client: pg.PoolClient) {
    this.client = client;
  }

  static of(client: pg.PoolClient): TransactionConnection {
    let connection = connections.get(client);
    if (!connection) {
      connection = new TransactionConnection(client);
      connections.set(client, connection);
    }
    return connection;
  }

  /** Opens a transaction: BEGIN goes with the first statement. */
  start(): void {
    this.beginPending = true;
    this.commitNext = false;
    this.committing = undefined;
  }

  /** node-postgres's `query`, with BEGIN (and COMMIT, when asked) carried along or sent first. */
  query(config: unknown, values?: unknown): unknown {
    if (config instanceof WireQuery) {
      if (this.beginPending && !this.beginReady) {
        this.sendBegin().then(
          () => this.client.query(config),
          (error: Error) => config.handleError(error),
        );
        return config;
      }
      if (this.beginPending) {
        config.begin = true;
        this.beginPending = false;
      }
      if (this.commitNext) {
        config.commit = true;
        this.committing = config;
        this.commitNext = false;
      }
      return this.client.query(config);
    }
    this.commitNext = false;
    const send = () => this.client.query(config as pg.QueryConfig, values as unknown[]);
    return this.beginPending ? this.sendBegin().then(send) : send();
  }

  /**
   * Asks the next statement, which must be the transaction's last, to carry COMMIT (and BEGIN,
   * if it is the first too). False where it cannot (either not yet prepared here): `commit` then
   * sends it.
   */
  commitWithNext(): boolean {
    if (!this.commitReady || (this.beginPending && !this.beginReady)) return false;
    this.commitNext = true;
    return true;
  }

  /** Ends the transaction with COMMIT, unless the last statement carried it. */
  async commit(): Promise<void> {
    if (!this.stillOpen()) return;
    await wrapped("commit", () => runWire(this.client, COMMIT, []));
    this.commitReady = true;
  }

  /** Ends the transaction with ROLLBACK, if it began and did not commit. */
  async rollback(): Promise<void> {
    if (this.stillOpen()) await wrapped("rollback", () => this.client.query("rollback"));
  }

  /**
   * Whether the transaction's end must still be sent: not if nothing was sent (no BEGIN went),
   * nor if the last statement carried a COMMIT that completed.
   */
  private stillOpen(): boolean {
    this.commitNext = false;
    if (this.beginPending) {
      this.beginPending = false;
      return false;
    }
    return !this.committing?.committed;
  }

  private async sendBegin(): Promise<void> {
    this.beginPending = false;
    await runWire(this.client, BEGIN, []);
    this.beginReady = true;
  }
}

const connections = new WeakMap<pg.PoolClient, TransactionConnection>();
// BEGIN and COMMIT answer no rows, so their types are never used.
const named = (name: string, text: string): WireStatement => ({
  name,
  text,
  arrays: false,
  types: pg.types as unknown as pg.CustomTypesConfig,
});
const BEGIN = named(BEGIN_STATEMENT, "begin");
const COMMIT = named(COMMIT_STATEMENT, "commit");

/** `send`'s failure wrapped in DrizzleQueryError, as Drizzle wraps its BEGIN's and COMMIT's. */
const wrapped = (text: string, send: () => Promise<unknown>) =>
  queryWrapped(
    text,
    () => [],
    send,
    (result) => result,
  );

/**
 * Drizzle's `transaction` on a pool, through a TransactionConnection: BEGIN and COMMIT go as
 * prepared statements, with the statements next to them where they can, instead of as SQL that
 * Drizzle builds, prepares and traces each time, in round trips of their own
 * (docs/performance.md). What the callback gets, the order of the statements, the errors
 * (wrapped in DrizzleQueryError, as Drizzle wraps them) and the release of the connection are
 * Drizzle's; a transaction with options (isolation, read only) and a savepoint inside one keep
 * Drizzle's path.
 */
export function carryBeginAndCommit(db: NodePgDatabase, pool: pg.Pool): void {
  const session = db._.session as unknown as SessionInternals;
  const drizzles = session.transaction.bind(session);
  session.transaction = async (run, config) => {
    if (config) return drizzles(run, config);
    const client = await pool.connect();
    try {
      const connection = TransactionConnection.of(client);
      const own = new NodePgSession(
        connection as unknown as pg.PoolClient,
        session.dialect,
        session.schema,
        session.options,
      );
      const tx = new NodePgTransaction(session.dialect, own, session.schema);
      connection.start();
      try {
        const result = await run(tx);
        await connection.commit();
        return result;
      } catch (error) {
        await connection.rollback();
        throw error;
      }
    } finally {
      client.release();
    }
  };
}

/**
 * Asks the transaction `tx` runs in to send its COMMIT with the next statement, which must be
 * its last. False on PGlite, in a savepoint, or where the connection cannot yet: the
 * transaction then commits as usual.
 */
export function commitWithNextStatement(tx: Db): boolean {
  const { client } = tx._.session as unknown as { client?: unknown };
  const savepoint = ((tx as unknown as { nestedIndex?: number }).nestedIndex ?? 0) > 0;
  return !savepoint && client instanceof TransactionConnection && client.commitWithNext();
}
