import { DrizzleQueryError, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { driverOf } from "../../src/db/driver.ts";
import { rowsOf } from "../../src/db/rows.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db.ts";

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
