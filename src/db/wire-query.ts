import { createRequire } from "node:module";
import pg from "pg";

/**
 * One execution of a named prepared statement on node-postgres, as a "submittable" (the query
 * interface node-postgres documents for pg-cursor and pg-query-stream). node-postgres's own Query
 * copies its config with property descriptors, asks PostgreSQL to describe the result again on
 * every call and builds a type parser per column each time: a tenth of a transfer's server CPU
 * (docs/performance.md). This one describes a statement once per connection and keeps what it
 * learnt, so later calls send Bind, Execute and Sync only and decode each DataRow with the
 * parsers found the first time. PostgreSQL refuses to run a prepared statement whose result
 * columns changed ("cached plan must not change result type"), so what was learnt cannot go
 * stale on a connection.
 */

/** A named statement to send; `types` chooses each result column's parser. */
export interface WireStatement {
  name: string;
  text: string;
  /** Rows as arrays of cells (in column order) instead of objects keyed by column name. */
  arrays: boolean;
  types: pg.CustomTypesConfig;
}

/** What node-postgres answers for a query, with the fields this project reads. */
export interface WireResult {
  command: string;
  rowCount: number | null;
  rows: unknown[];
}

type Parse = (text: string) => unknown;

/** The result's shape as PostgreSQL described it: the columns' names and parsers. */
interface Shape {
  names: string[];
  parsers: Parse[];
}

/** The parts of node-postgres's connection a query writes to (internal in its types). */
interface Connection {
  parsedStatements: Record<string, string | undefined>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name: string; types: number[] }): void;
  bind(message: { statement: string; values: unknown[] }): void;
  describe(message: { type: "P"; name: string }): void;
  execute(): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

interface Field {
  name: string;
  dataTypeID: number;
  format: "text" | "binary";
}

// pg's own conversion of a parameter to its text form (dates, arrays, buffers, objects as JSON),
// so that a value is sent exactly as node-postgres sends it.
const { prepareValue } = createRequire(import.meta.url)("pg/lib/utils.js") as {
  prepareValue: (value: unknown) => unknown;
};

/** Each connection's described statements; a connection that ends takes its own with it. */
const shapesOn = new WeakMap<object, Map<string, Shape>>();

const NO_COLUMNS: Shape = { names: [], parsers: [] };
const COMMAND = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/;

/** The names a connection's BEGIN and COMMIT are prepared under, to go with another statement. */
export const BEGIN_STATEMENT = "baton_begin";
export const COMMIT_STATEMENT = "baton_commit";

/** What takes a query: a pool, a connection, or a transaction's view of one (pg-transaction.ts). */
type Queryable = pg.Pool | { query(query: WireQuery): unknown };

/**
 * Executes `statement` with `values` on `client` and answers its result. A pool lends a
 * connection for the call and takes it back, as its own `query` does.
 */
export function runWire(
  client: Queryable,
  statement: WireStatement,
  values: readonly unknown[],
): Promise<WireResult> {
  // Converted before anything is written, so a value that cannot be sent fails the call alone.
  let params: unknown[];
  try {
    params = values.map(prepareValue);
  } catch (error) {
    return Promise.reject(error);
  }
  const query = new WireQuery(statement, params);
  if (client instanceof pg.Pool) {
    // The pool sets the query's callback (to release the connection, then answer).
    return client.query(query) as unknown as Promise<WireResult>;
  }
  return new Promise((resolve, reject) => {
    query.callback = (error, result) => (error ? reject(error) : resolve(result as WireResult));
    client.query(query);
  });
}

/**
 * One execution; a transaction's connection (pg-transaction.ts) may ask it to carry the
 * transaction's BEGIN before it or its COMMIT after it, in the same write and the same Sync, so
 * that neither costs a round trip of its own. Both must already be prepared on the connection,
 * under BEGIN_STATEMENT and COMMIT_STATEMENT: node-postgres takes any ParseComplete for the
 * query's own statement. An error skips the rest up to the Sync, so a COMMIT after a failed
 * statement is never run, and the transaction is left for ROLLBACK.
 */
export class WireQuery {
  /** Set by the pool, or by runWire; node-postgres reads `name` and `text` when Parse is done. */
  callback: ((error: Error | null, result?: WireResult) => void) | undefined = undefined;
  /** BEGIN goes first. */
  begin = false;
  /** COMMIT goes last. */
  commit = false;
  /** The COMMIT that went last completed. */
  committed = false;
  /** Which command the next CommandComplete answers. */
  private stage: "begin" | "statement" | "commit" = "statement";
  readonly name: string;
  readonly text: string;
  readonly statement: WireStatement;
  /** The values as sent, each in its text form. */
  readonly params: unknown[];
  private shape: Shape | undefined = undefined;
  private shapes: Map<string, Shape> | undefined = undefined;
  private readonly rows: unknown[] = [];
  private command = "";
  private rowCount: number | null = null;
  private failure: Error | undefined = undefined;
  private done = false;

  constructor(statement: WireStatement, params: unknown[]) {
    this.statement = statement;
    this.name = statement.name;
    this.text = statement.text;
    this.params = params;
  }

  submit(connection: Connection): Error | null {
    let shapes = shapesOn.get(connection);
    if (!shapes) {
      shapes = new Map();
      shapesOn.set(connection, shapes);
    }
    this.shapes = shapes;
    this.shape = shapes.get(this.name);
    this.stage = this.begin ? "begin" : "statement";
    connection.stream.cork?.();
    try {
      if (this.begin) {
        connection.bind({ statement: BEGIN_STATEMENT, values: [] });
        connection.execute();
      }
      if (connection.parsedStatements[this.name] === undefined)
        connection.parse({ text: this.text, name: this.name, types: [] });
      connection.bind({ statement: this.name, values: this.params });
      if (!this.shape) connection.describe({ type: "P", name: "" });
      connection.execute();
      if (this.commit) {
        connection.bind({ statement: COMMIT_STATEMENT, values: [] });
        connection.execute();
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(message: { fields: Field[] }): void {
    const { types } = this.statement;
    this.shape = {
      names: message.fields.map((f) => f.name),
      parsers: message.fields.map((f) => types.getTypeParser(f.dataTypeID, f.format) as Parse),
    };
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    if (this.failure) return;
    const shape = this.shape;
    if (!shape) {
      this.failure = new Error(`statement ${this.name} answered rows it was not described for`);
      return;
    }
    const { fields } = message;
    const { parsers } = shape;
    try {
      if (this.statement.arrays) {
        const row = new Array<unknown>(fields.length);
        for (let i = 0; i < fields.length; i++) {
          const raw = fields[i];
          row[i] = raw === null || raw === undefined ? null : parsers[i]!(raw);
        }
        this.rows.push(row);
      } else {
        const row: Record<string, unknown> = {};
        const { names } = shape;
        for (let i = 0; i < fields.length; i++) {
          const raw = fields[i];
          row[names[i]!] = raw === null || raw === undefined ? null : parsers[i]!(raw);
        }
        this.rows.push(row);
      }
    } catch (error) {
      this.failure = error as Error;
    }
  }

  handleCommandComplete(message: { text: string }): void {
    if (this.stage === "begin") {
      this.stage = "statement";
      return;
    }
    if (this.stage === "commit") {
      this.committed = true;
      return;
    }
    this.stage = "commit";
    const match = COMMAND.exec(message.text);
    if (match) {
      this.command = match[1]!;
      const count = match[3] ?? match[2];
      this.rowCount = count === undefined ? null : Number(count);
    }
    // Described now (a statement without a result answers NoData, not a description).
    this.shapes?.set(this.name, this.shape ?? NO_COLUMNS);
  }

  handleEmptyQuery(): void {}

  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail("a prepared statement does not copy");
  }

  handleCopyData(): void {}

  handleReadyForQuery(): void {
    if (this.failure) this.finish(this.failure);
    else this.finish(null, { command: this.command, rowCount: this.rowCount, rows: this.rows });
  }

  /** PostgreSQL's error, or the connection's; node-postgres still reads the Sync's answer. */
  handleError(error: Error): void {
    this.finish(error);
  }

  private finish(error: Error | null, result?: WireResult): void {
    if (this.done) return;
    this.done = true;
    this.callback?.(error, result);
  }
}
