import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runWire, type WireStatement } from "../../src/db/wire-query.ts";
import { databaseKinds, scratchPostgres } from "../support/db.ts";

// src/db/wire-query.ts sends named prepared statements to PostgreSQL itself, through
// node-postgres's submittable interface, and asks for a statement's description once per
// connection. Its answers must be node-postgres's own, its failures PostgreSQL's, and a
// connection must stay usable after any of them. node-postgres only: PGlite has no wire.

const types = pg.types as unknown as pg.CustomTypesConfig;
const statement = (name: string, text: string, arrays = false): WireStatement => ({
  name,
  text,
  arrays,
  types,
});

/** The number of Describe messages a connection sends, read from the connection itself. */
function describesOn(client: pg.PoolClient): () => number {
  const connection = (client as unknown as { connection: { describe(m: unknown): void } })
    .connection;
  let count = 0;
  const describe = connection.describe.bind(connection);
  connection.describe = (message) => {
    count++;
    describe(message);
  };
  return () => count;
}

describe.skipIf(!databaseKinds.includes("postgres"))("statements sent on the wire", () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
  let pool: pg.Pool;

  beforeAll(async () => {
    scratch = await scratchPostgres();
    pool = new pg.Pool({ connectionString: scratch.url, max: 3 });
    await pool.query(`create table probe (
      id int primary key, name text, born timestamptz, tags text[], doc jsonb, big bigint)`);
    await pool.query(
      `insert into probe values
        (1, 'one', '2026-01-02T03:04:05Z', '{a,b}', '{"x": [1]}', 9007199254740993),
        (2, null, null, null, null, null)`,
    );
  });

  afterAll(async () => {
    await pool.end();
    await scratch.drop();
  });

  /** Runs `work` on one connection of the pool, given back after. */
  const onOneConnection = async (work: (client: pg.PoolClient) => Promise<void>) => {
    const client = await pool.connect();
    try {
      await work(client);
    } finally {
      client.release();
    }
  };

  it("answers rows as node-postgres does, objects and arrays, and describes once per connection", async () => {
    const text = "select * from probe where id = any($1::int[]) order by id";
    await onOneConnection(async (client) => {
      const describes = describesOn(client);
      const expected = await client.query(text, [[1, 2]]);
      const asObjects = statement("wire_objects", text);
      const first = await runWire(client, asObjects, [[1, 2]]);
      const second = await runWire(client, asObjects, [[1, 2]]);
      expect(first.rows).toEqual(expected.rows);
      expect(second.rows).toEqual(expected.rows);
      expect(first.rows[0]).toMatchObject({ big: "9007199254740993", tags: ["a", "b"] });
      expect(first).toMatchObject({ command: "SELECT", rowCount: 2 });
      const arrays = await runWire(client, statement("wire_arrays", text, true), [[2, 1]]);
      expect(arrays.rows).toEqual(expected.rows.map((r) => Object.values(r)));
      // node-postgres's own query described once; the wire: once per statement, not per call.
      expect(describes()).toBe(1 + 2);
    });
  });

  it("sends values as node-postgres converts them: dates, arrays, objects as JSON, null", async () => {
    const echo = statement(
      "wire_echo",
      "select $1::timestamptz as at, $2::text[] as list, $3::jsonb as doc, $4::text as nothing",
    );
    const at = new Date("2026-12-07T08:00:00.123Z");
    const values = [at, ["x", "y,z"], { k: "v" }, null];
    const expected = await pool.query(echo.text, values);
    const answer = await runWire(pool, echo, values);
    expect(answer.rows).toEqual(expected.rows);
    expect((answer.rows[0] as { at: Date }).at.toISOString()).toBe(at.toISOString());
  });

  it("answers a statement without rows with its command and count, and describes it once", async () => {
    await onOneConnection(async (client) => {
      const describes = describesOn(client);
      const rename = statement("wire_rename", "update probe set name = $1 where id = $2");
      const first = await runWire(client, rename, ["uno", 1]);
      const second = await runWire(client, rename, ["one", 1]);
      expect(first).toEqual({ command: "UPDATE", rowCount: 1, rows: [] });
      expect(second).toEqual({ command: "UPDATE", rowCount: 1, rows: [] });
      expect(describes()).toBe(1);
    });
  });

  it("fails with PostgreSQL's error and leaves the connection usable", async () => {
    await onOneConnection(async (client) => {
      const divide = statement("wire_divide", "select 10 / $1::int as q");
      expect((await runWire(client, divide, [5])).rows).toEqual([{ q: 2 }]);
      const failed = await runWire(client, divide, [0]).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(pg.DatabaseError);
      expect((failed as pg.DatabaseError).code).toBe("22012");
      expect((await runWire(client, divide, [2])).rows).toEqual([{ q: 5 }]);
      const broken = statement("wire_broken", "selec 1");
      const syntax = await runWire(client, broken, []).catch((e: unknown) => e);
      expect((syntax as pg.DatabaseError).code).toBe("42601");
      // Not taken for parsed: the same name with text that parses is sent, parsed and run.
      expect((await runWire(client, { ...broken, text: "select 1 as one" }, [])).rows).toEqual([
        { one: 1 },
      ]);
    });
  });

  it("refuses a value it cannot send before writing anything", async () => {
    await onOneConnection(async (client) => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const doc = statement("wire_doc", "select $1::jsonb as doc");
      await expect(runWire(client, doc, [circular])).rejects.toThrow(/circular/i);
      expect((await runWire(client, doc, [{ ok: true }])).rows).toEqual([{ doc: { ok: true } }]);
    });
  });

  it("reports a parser's failure after the statement's answer, and the connection goes on", async () => {
    const failing = {
      getTypeParser: () => () => {
        throw new Error("no parser for this");
      },
    } as unknown as pg.CustomTypesConfig;
    await onOneConnection(async (client) => {
      const bad = { ...statement("wire_parser", "select 1 as one"), types: failing };
      await expect(runWire(client, bad, [])).rejects.toThrow("no parser for this");
      expect((await runWire(client, statement("wire_after", "select 2 as two"), [])).rows).toEqual([
        { two: 2 },
      ]);
    });
  });

  it("reports a result whose columns changed instead of reading it with the old ones", async () => {
    await onOneConnection(async (client) => {
      await client.query("create table shifting (v int)");
      await client.query("insert into shifting values (1)");
      const read = statement("wire_shifting", "select v from shifting");
      expect((await runWire(client, read, [])).rows).toEqual([{ v: 1 }]);
      await client.query("alter table shifting alter column v type text");
      const changed = await runWire(client, read, []).catch((e: unknown) => e);
      expect((changed as pg.DatabaseError).code).toBe("0A000");
    });
  });

  it("gives a pool's connections back, whatever each call did", async () => {
    const divide = statement("wire_pool_divide", "select 10 / $1::int as q");
    const calls = Array.from({ length: 60 }, (_, i) =>
      runWire(pool, divide, [i % 3]).then(
        (r) => (r.rows[0] as { q: number }).q,
        (e: pg.DatabaseError) => e.code,
      ),
    );
    const answers = await Promise.all(calls);
    expect(answers.filter((a) => a === "22012")).toHaveLength(20);
    expect(answers.filter((a) => a === 10)).toHaveLength(20);
    expect(answers.filter((a) => a === 5)).toHaveLength(20);
    expect(pool.idleCount).toBe(pool.totalCount);
    expect(pool.waitingCount).toBe(0);
  });
});
