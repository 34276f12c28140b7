import { asc, DrizzleQueryError, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directExecute } from "../../src/db/direct-statement.ts";
import { prepared, preparedSql } from "../../src/db/prepared.ts";
import { cases, memberships, users, workspaces } from "../../src/db/schema.ts";
import { isUniqueViolation } from "../../src/db/unique.ts";
import { seedDemo } from "../../src/demo/seed.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db.ts";

// On PostgreSQL a prepared statement runs through src/db/direct-statement.ts instead of Drizzle's
// execute. Its answers must be Drizzle's, for every kind of column and field, joined objects
// that a left join leaves empty, statements without rows, and failures.

describe.each(databaseKinds)("prepared statements answer as Drizzle does (%s)", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db);
    // A person with no workspace, so a left join of memberships finds nothing for them.
    await database.db.insert(users).values({
      email: "nobody@direct.example",
      name: "Nobody Anywhere",
      passwordHash: "x",
    });
  });

  afterAll(async () => {
    await database.dispose();
  });

  it("runs directly on PostgreSQL and through Drizzle on PGlite", () => {
    const statement = database.db.select().from(cases).limit(1).prepare("direct_probe");
    expect(typeof directExecute(statement)).toBe(kind === "postgres" ? "function" : "undefined");
  });

  it("reads every column of every case as Drizzle reads it", async () => {
    const build = (db: typeof database.db) =>
      db.select().from(cases).orderBy(asc(cases.number)).limit(sql.placeholder("limit"));
    const direct = await prepared("direct_all_cases", build)(database.db, { limit: 1000 });
    const drizzles = await build(database.db).execute({ limit: 1000 });
    expect(direct.length).toBeGreaterThan(10);
    expect(direct).toEqual(drizzles);
    expect(direct[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("nests joined tables and empties the object a left join did not find", async () => {
    const build = (db: typeof database.db) =>
      db
        .select({
          name: users.name,
          user: { id: users.id, email: users.email, since: users.createdAt },
          membership: { role: memberships.role, queues: memberships.queues },
          workspace: { slug: workspaces.slug },
          upper: sql<string>`upper(${users.name})`.as("upper"),
          length: sql`length(${users.email})`.mapWith(Number),
        })
        .from(users)
        .leftJoin(memberships, eq(memberships.userId, users.id))
        .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
        .orderBy(asc(users.email), asc(workspaces.slug));
    const direct = await prepared("direct_people", build)(database.db);
    const drizzles = await build(database.db).execute();
    expect(direct).toEqual(drizzles);
    const nobody = direct.find((r) => r.user.email === "nobody@direct.example");
    expect(nobody).toMatchObject({ membership: null, workspace: null, upper: "NOBODY ANYWHERE" });
    const someone = direct.find((r) => r.membership !== null);
    expect(someone?.user.since).toBeInstanceOf(Date);
    expect(Array.isArray(someone?.membership?.queues)).toBe(true);
    expect(typeof someone?.length).toBe("number");
  });

  it("answers a statement without rows as the driver's result, and SQL rows as objects", async () => {
    const rename = prepared("direct_rename", (db) =>
      db
        .update(users)
        .set({ name: sql`${sql.placeholder("name")}` })
        .where(eq(users.email, sql.placeholder("email"))),
    );
    const result = (await rename(database.db, {
      name: "Nobody At All",
      email: "nobody@direct.example",
    })) as { rowCount: number | null };
    expect(result.rowCount).toBe(1);
    const echo = preparedSql<{ n: number; doc: { a: number[] } }>(
      "direct_echo",
      sql`select ${sql.placeholder("n")}::int as n, ${sql.placeholder("doc")}::jsonb as doc`,
    );
    expect(await echo(database.db, { n: 7, doc: JSON.stringify({ a: [1, 2] }) })).toEqual([
      { n: 7, doc: { a: [1, 2] } },
    ]);
  });

  it("fails as Drizzle fails: the driver's error wrapped, a missing value named", async () => {
    const add = prepared("direct_add_user", (db) =>
      db.insert(users).values({
        email: sql`${sql.placeholder("email")}`,
        name: "Twice",
        passwordHash: "x",
      }),
    );
    const twice = await add(database.db, { email: "nobody@direct.example" }).catch((e) => e);
    expect(twice).toBeInstanceOf(DrizzleQueryError);
    expect(isUniqueViolation(twice)).toBe(true);
    await expect(add(database.db, {})).rejects.toThrow('No value for placeholder "email"');
  });

  it("runs inside a transaction on the transaction's connection", async () => {
    const count = prepared("direct_count_nobody", (db) =>
      db
        .select({ n: sql`count(*)`.mapWith(Number) })
        .from(users)
        .where(eq(users.email, sql.placeholder("email"))),
    );
    await database.db
      .transaction(async (tx) => {
        await tx.delete(users).where(eq(users.email, "nobody@direct.example"));
        expect(await count(tx, { email: "nobody@direct.example" })).toEqual([{ n: 0 }]);
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await count(database.db, { email: "nobody@direct.example" })).toEqual([{ n: 1 }]);
  });
});
