import { DrizzleQueryError, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Database, openPostgres } from "../../src/db/client.ts";
import { driverOf } from "../../src/db/driver.ts";
import { commitWithNextStatement } from "../../src/db/pg-transaction.ts";
import { preparedSql } from "../../src/db/prepared.ts";
import { rowsOf } from "../../src/db/rows.ts";
import {
  databaseKinds,
  openTestDatabase,
  scratchPostgres,
  type TestDatabase,
} from "../support/db.ts";

// On PostgreSQL a transaction's BEGIN, COMMIT and ROLLBACK go as plain text (src/db/pg-transaction.ts)
// instead of through Drizzle's statement machinery. What a transaction keeps, undoes and reports
// must not change, and its connection must go back to the pool whatever happens.

describe.each(databaseKinds)("transactions (%s)", (kind) => {
  let database: TestDatabase;
  const rows = async () =>
    rowsOf(
      await database.db.execute(sql`select id from tx_probe order by id`),
      z.object({ id: z.number() }),
    ).map((r) => r.id);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await database.db.execute(sql`create table tx_probe (
      id int primary key,
      parent int references tx_probe (id) deferrable initially deferred)`);
  });

  afterAll(async () => {
    await database.dispose();
  });

  it("keeps what commits and undoes what throws, savepoints included", async () => {
    const answer = await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tx_probe (id) values (1)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into tx_probe (id) values (2)`);
          throw new Error("undo the savepoint only");
        })
        .catch(() => {});
      await tx.execute(sql`insert into tx_probe (id) values (3)`);
      return "done";
    });
    expect(answer).toBe("done");
    const failed = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe (id) values (4)`);
        throw new Error("undo it all");
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe("undo it all");
    expect(await rows()).toEqual([1, 3]);
  });

  it("reports a COMMIT that fails as the database's error, and keeps nothing", async () => {
    const failed = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe (id, parent) values (10, 99)`);
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    // Drizzle wraps a failed COMMIT on PostgreSQL (and so does the plain-text path); PGlite's own
    // transaction hands back the driver's error as it is.
    expect(failed instanceof DrizzleQueryError).toBe(kind === "postgres");
    const cause = failed instanceof DrizzleQueryError ? failed.cause : failed;
    expect((cause as { code?: string }).code).toBe("23503");
    expect(await rows()).toEqual([1, 3]);
  });

  it("opens a transaction with options as asked", async () => {
    const level = await database.db.transaction(
      async (tx) =>
        rowsOf(
          await tx.execute(sql`show transaction_isolation`),
          z.object({ transaction_isolation: z.string() }),
        )[0],
      { isolationLevel: "serializable" },
    );
    expect(level).toEqual({ transaction_isolation: "serializable" });
  });

  it("leaves the table as it was after thirty concurrent transactions, two thirds of them failing", async () => {
    await failingTransactions();
    expect(await rows()).toEqual([1, 3]);
  });

  // Only PostgreSQL has a pool; PGlite is one session.
  it.runIf(kind === "postgres")(
    "gives every connection back to the pool, after commits and failures alike",
    async () => {
      await failingTransactions();
      const driver = driverOf(database.db);
      const pool = driver.kind === "postgres" ? driver.pool : undefined;
      expect(pool).toBeDefined();
      expect(pool?.waitingCount).toBe(0);
      expect(pool?.idleCount).toBe(pool?.totalCount);
      expect(await rows()).toEqual([1, 3]);
    },
  );

  /** Thirty transactions at once: a third commit, a third throw, a third fail in the database. */
  async function failingTransactions(): Promise<void> {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        database.db
          .transaction(async (tx) => {
            await tx.execute(sql`select pg_sleep(0.001)`);
            if (i % 3 === 0) throw new Error("fail");
            if (i % 3 === 1) await tx.execute(sql`select 1/0`);
          })
          .catch(() => "failed"),
      ),
    );
  }
});

// On node-postgres a transaction's BEGIN goes with its first statement and its COMMIT, when
// asked, with its last (src/db/pg-transaction.ts, src/db/wire-query.ts). Counted here in round
// trips, on a pool of one connection so that every transaction shares it.
describe.skipIf(!databaseKinds.includes("postgres"))(
  "BEGIN and COMMIT carried by statements",
  () => {
    let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
    let database: Database;
    let trips = 0;
    const insert = preparedSql<{ id: number }>(
      "carried_insert",
      sql`insert into carried (id, parent) values (${sql.placeholder("id")}, ${sql.placeholder("parent")}) returning id`,
    );
    const ids = async () =>
      rowsOf(
        await database.db.execute(sql`select id from carried order by id`),
        z.object({ id: z.number() }),
      ).map((r) => r.id);
    /** Runs `work` in a transaction and answers how many round trips it took, and its outcome. */
    const counted = async (work: (tx: typeof database.db) => Promise<unknown>) => {
      const before = trips;
      const outcome = await database.db.transaction(work).then(
        () => "committed",
        (e: Error) => (e.cause as { code?: string } | undefined)?.code ?? e.message,
      );
      return { trips: trips - before, outcome };
    };
    /** The last statement of `tx`, carrying its COMMIT. */
    const last = async (tx: typeof database.db, id: number, parent: number | null = null) => {
      expect(commitWithNextStatement(tx)).toBe(true);
      await insert(tx, { id, parent });
    };

    beforeAll(async () => {
      scratch = await scratchPostgres();
      database = await openPostgres(scratch.url, 1);
      await database.db.execute(sql`create table carried (
      id int primary key,
      parent int references carried (id) deferrable initially deferred)`);
      const driver = driverOf(database.db);
      if (driver.kind !== "postgres" || !driver.pool) throw new Error("expected a pool");
      const client = await driver.pool.connect();
      // A round trip ends with a Sync (extended protocol) or is one Query message (plain text).
      const connection = (
        client as unknown as { connection: { sync(): void; query(text: string): void } }
      ).connection;
      const sync = connection.sync.bind(connection);
      const query = connection.query.bind(connection);
      connection.sync = () => {
        trips++;
        sync();
      };
      connection.query = (text) => {
        trips++;
        query(text);
      };
      client.release();
    });

    afterAll(async () => {
      await database.close();
      await scratch.drop();
    });

    it("sends them on their own the first time, then with the first and the last statement", async () => {
      const first = await counted(async (tx) => {
        await insert(tx, { id: 1, parent: null });
        // COMMIT is not prepared on the connection yet, so it cannot go with a statement.
        expect(commitWithNextStatement(tx)).toBe(false);
        await insert(tx, { id: 2, parent: 1 });
      });
      expect(first).toEqual({ trips: 4, outcome: "committed" });
      const second = await counted(async (tx) => {
        await insert(tx, { id: 3, parent: null });
        await last(tx, 4, 3);
      });
      expect(second).toEqual({ trips: 2, outcome: "committed" });
      const alone = await counted(async (tx) => last(tx, 5));
      expect(alone).toEqual({ trips: 1, outcome: "committed" });
      expect(await ids()).toEqual([1, 2, 3, 4, 5]);
    });

    it("sends neither for a transaction that sent nothing", async () => {
      expect(await counted(async () => "nothing")).toEqual({ trips: 0, outcome: "committed" });
      expect(await counted(async () => Promise.reject(new Error("no")))).toEqual({
        trips: 0,
        outcome: "no",
      });
    });

    it("keeps nothing when the statement that carries COMMIT fails, and rolls back", async () => {
      const failed = await counted(async (tx) => {
        await insert(tx, { id: 6, parent: null });
        await last(tx, 1);
      });
      // The insert with BEGIN, the duplicate with COMMIT (not run after the error), ROLLBACK.
      expect(failed).toEqual({ trips: 3, outcome: "23505" });
      expect(await ids()).toEqual([1, 2, 3, 4, 5]);
    });

    it("reports a carried COMMIT that fails as the database's error, and keeps nothing", async () => {
      const failed = await counted(async (tx) => {
        await insert(tx, { id: 7, parent: null });
        await last(tx, 8, 99);
      });
      // A failed COMMIT ends the transaction; the ROLLBACK after it only warns.
      expect(failed).toEqual({ trips: 3, outcome: "23503" });
      expect(await ids()).toEqual([1, 2, 3, 4, 5]);
    });

    it("sends BEGIN first, and waits for it, for a statement on Drizzle's own path", async () => {
      const undone = await counted(async (tx) => {
        await tx.execute(sql`insert into carried (id) values (9)`);
        expect(await tx.execute(sql`select 1 from carried where id = 9`)).toHaveProperty(
          "rowCount",
          1,
        );
        throw new Error("undo");
      });
      expect(undone).toEqual({ trips: 4, outcome: "undo" });
      expect(await ids()).toEqual([1, 2, 3, 4, 5]);
    });

    it("does not carry COMMIT from a savepoint", async () => {
      const outcome = await counted(async (tx) => {
        await insert(tx, { id: 10, parent: null });
        await tx.transaction(async (inner) => {
          expect(commitWithNextStatement(inner)).toBe(false);
          await insert(inner, { id: 11, parent: 10 });
        });
      });
      expect(outcome.outcome).toBe("committed");
      expect(await ids()).toEqual([1, 2, 3, 4, 5, 10, 11]);
    });
  },
);
