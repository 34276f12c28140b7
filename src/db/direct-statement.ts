import {
  Column,
  DrizzleQueryError,
  getTableName,
  is,
  NoopLogger,
  Param,
  Placeholder,
  SQL,
  Subquery,
} from "drizzle-orm";
import { NoopCache } from "drizzle-orm/cache/core";
import { NodePgPreparedQuery } from "drizzle-orm/node-postgres";
import pg from "pg";
import { runWire, type WireResult, type WireStatement } from "./wire-query.ts";

/**
 * A prepared statement on node-postgres, executed without Drizzle's per-call work. Drizzle's
 * `execute` walks the parameters and every result column with `instanceof`-style checks, opens
 * three tracing spans and builds a fresh type parser per column on every call: about an eighth
 * of a transfer's server CPU (docs/performance.md). The same work is worked out here once per
 * statement, so a call only fills an array, sends it (src/db/wire-query.ts, which also skips
 * node-postgres's per-call work) and decodes. The answer, the errors (wrapped in
 * DrizzleQueryError, as Drizzle does) and the statement sent are Drizzle's own; a statement with
 * a logger, a cache or a custom result mapper (relational queries), or without a name, keeps
 * Drizzle's path.
 */
export type Execute<T> = (values: Record<string, unknown>) => Promise<T>;

/** The fields of Drizzle's node-postgres prepared query this reads (internal in its types). */
interface NodePgInternals {
  client: pg.Pool | pg.PoolClient | pg.Client;
  params: unknown[];
  logger: unknown;
  cache: unknown;
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
  joinsNotNullableMap?: Record<string, boolean>;
  rawQueryConfig: { name?: string; text: string };
  queryConfig: { name?: string; text: string };
}

/** Answers a direct executor for `query`, or undefined where Drizzle's own path must run. */
export function directExecute<T>(query: object): Execute<T> | undefined {
  if (!is(query, NodePgPreparedQuery)) return undefined;
  const q = query as unknown as NodePgInternals;
  const plain = q.cache === undefined || is(q.cache, NoopCache);
  if (!is(q.logger, NoopLogger) || !plain || q.customResultMapper) return undefined;
  // With fields, rows come as arrays and are mapped to objects; without, the driver's answer.
  const { fields } = q;
  const { name, text } = fields ? q.queryConfig : q.rawQueryConfig;
  // An unnamed statement is parsed on every call; only named ones are kept per connection.
  if (!name) return undefined;
  const fill = parameterFiller(q.params);
  const client = q.client;
  const statement: WireStatement = { name, text, arrays: fields !== undefined, types: TYPES };
  const toRow = fields ? rowMapper(fields, q.joinsNotNullableMap) : undefined;
  const answer = (result: WireResult) =>
    (toRow ? (result.rows as unknown[][]).map(toRow) : result) as T;
  return (values) =>
    queryWrapped(
      text,
      () => fill(values),
      (params) => runWire(client, statement, params),
      answer,
    );
}

/**
 * `send`'s answer handed to `answer`, its failure wrapped in DrizzleQueryError as Drizzle wraps
 * it. The parameters are worked out inside, so that a missing value rejects the promise rather
 * than throwing at the call; one async step per statement, on the hot path.
 */
export async function queryWrapped<R, T>(
  text: string,
  params: () => unknown[],
  send: (values: unknown[]) => Promise<R>,
  answer: (result: R) => T,
): Promise<T> {
  const values = params();
  let result: R;
  try {
    result = await send(values);
  } catch (error) {
    throw new DrizzleQueryError(text, values, error as Error);
  }
  return answer(result);
}

/** Drizzle's fillPlaceholders, with each parameter's kind worked out once. */
function parameterFiller(params: unknown[]): (values: Record<string, unknown>) => unknown[] {
  const steps = params.map((p): ((values: Record<string, unknown>) => unknown) => {
    if (is(p, Placeholder)) return (values) => placeholderValue(values, p.name);
    if (is(p, Param) && is(p.value, Placeholder)) {
      const { name } = p.value;
      const encoder = p.encoder;
      return (values) => encoder.mapToDriverValue(placeholderValue(values, name));
    }
    return () => p;
  });
  return (values) => {
    const out = new Array<unknown>(steps.length);
    for (let i = 0; i < steps.length; i++) out[i] = steps[i]!(values);
    return out;
  };
}

function placeholderValue(values: Record<string, unknown>, name: string): unknown {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return values[name];
}

type Decode = (raw: unknown) => unknown;

/**
 * Drizzle's mapResultRow for one statement's columns: each column's decoder and place found
 * once. With joins, an object whose first column is null and whose table may be missing (a left
 * join) becomes null, as Drizzle makes it.
 */
function rowMapper(
  fields: NonNullable<NodePgInternals["fields"]>,
  joinsNotNullableMap: Record<string, boolean> | undefined,
): (row: unknown[]) => Record<string, unknown> {
  const columns = fields.map(({ path, field }) => ({
    path,
    decode: decoderOf(field),
    // For the null-object rule: the joined table a column of a two-part path comes from.
    table:
      joinsNotNullableMap && is(field, Column) && path.length === 2
        ? getTableName(field.table)
        : undefined,
  }));
  const flat = columns.every((c) => c.path.length === 1);
  if (flat) {
    const keys = columns.map((c) => c.path[0]!);
    const decoders = columns.map((c) => c.decode);
    return (row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const raw = row[i];
        out[keys[i]!] = raw === null ? null : decoders[i]!(raw);
      }
      return out;
    };
  }
  return (row) => {
    const out: Record<string, unknown> = {};
    const nullify: Record<string, string | false> = {};
    for (let i = 0; i < columns.length; i++) {
      const { path, decode, table } = columns[i]!;
      let node = out;
      for (let depth = 0; depth < path.length - 1; depth++) {
        const chunk = path[depth]!;
        if (!(chunk in node)) node[chunk] = {};
        node = node[chunk] as Record<string, unknown>;
      }
      const raw = row[i];
      const value = raw === null ? null : decode(raw);
      node[path[path.length - 1]!] = value;
      if (table !== undefined) {
        const object = path[0]!;
        if (!(object in nullify)) nullify[object] = value === null ? table : false;
        else if (typeof nullify[object] === "string" && nullify[object] !== table)
          nullify[object] = false;
      }
    }
    if (joinsNotNullableMap)
      for (const [object, table] of Object.entries(nullify))
        if (typeof table === "string" && !joinsNotNullableMap[table]) out[object] = null;
    return out;
  };
}

function decoderOf(field: unknown): Decode {
  if (is(field, Column)) return (raw) => field.mapFromDriverValue(raw);
  // What Drizzle's mapResultRow reads for the other kinds of field (the decoder is internal).
  const sql = is(field, SQL)
    ? field
    : is(field, Subquery)
      ? (field._ as unknown as { sql: SQL }).sql
      : (field as { sql: SQL }).sql;
  const { decoder } = sql as unknown as { decoder: { mapFromDriverValue(raw: unknown): unknown } };
  return (raw) => decoder.mapFromDriverValue(raw);
}

/**
 * Drizzle's type parsers for node-postgres: dates, times and intervals as PostgreSQL writes them
 * (its columns decode them), everything else as pg parses it. The same answers as Drizzle's, without
 * a new function per column per call.
 */
const RAW_TYPES = new Set<number>([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231,
  1115,
  1185,
  1187,
  1182,
]);
const asIs = (value: string) => value;
const TYPES = {
  getTypeParser: (typeId: number, format?: "text" | "binary") =>
    RAW_TYPES.has(typeId) ? asIs : pg.types.getTypeParser(typeId, format ?? "text"),
} as pg.CustomTypesConfig;
