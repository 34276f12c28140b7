import { type Column, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

// PostgreSQL's limit on a function's arguments (FUNC_MAX_ARGS), json_build_array's included.
const MAX_CELLS = 100;

/**
 * A whole row of `table` selected as one `json_build_array(…)` of its columns, read back into the
 * object `select().from(table)` would give. The drivers then parse one JSON value instead of a
 * column each: for a case's sixty-one columns, node-postgres set up a parser per column on every
 * execution and Drizzle mapped each through its checks, the largest single cost of a transfer's
 * server CPU (docs/performance.md, "The case row as one JSON value"). Each value goes through
 * its column's own decoder, which takes JSON's forms (a timestamp's ISO text, a number).
 */
export function rowAsJson<T extends PgTable>(table: T): SQL<T["$inferSelect"]> {
  const cells = sql.join(
    columnsOf(table).map(([, column]) => sql`${column}`),
    sql`, `,
  );
  return sql<T["$inferSelect"]>`json_build_array(${cells})`.mapWith(rowDecoder(table));
}

/**
 * A row that rowAsJson built elsewhere, read through `source` (a statement's CTE answers it:
 * `(select row from cte)`), decoded as rowAsJson decodes it.
 */
export function jsonRowFrom<T extends PgTable>(table: T, source: SQL): SQL<T["$inferSelect"]> {
  return sql<T["$inferSelect"]>`${source}`.mapWith(rowDecoder(table));
}

function columnsOf(table: PgTable): [string, Column][] {
  const columns = Object.entries(getTableColumns(table)) as [string, Column][];
  if (columns.length > MAX_CELLS)
    throw new Error(`${columns.length} columns: json_build_array takes ${MAX_CELLS} at most`);
  return columns;
}

function rowDecoder<T extends PgTable>(table: T): (value: unknown) => T["$inferSelect"] {
  const columns = columnsOf(table);
  return (value) => {
    const list = value as unknown[];
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const [key, column] = columns[i]!;
      const cell = list[i];
      row[key] = cell === null || cell === undefined ? null : column.mapFromDriverValue(cell);
    }
    return row as T["$inferSelect"];
  };
}
