import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, type DatabaseKind, openPglite, openPostgres } from "../../src/db/client.ts";

const serverUrl = process.env.TEST_DATABASE_URL;

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server. */
export const databaseKinds: DatabaseKind[] = serverUrl ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase extends Database {
  /** Closes the connection and, on PostgreSQL, drops the database this test created. */
  dispose(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `connections`: the PostgreSQL pool's size (one makes every statement share a connection). */
export async function openTestDatabase(kind: DatabaseKind, connections = 5): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = await openPglite();
    await database.migrate();
    return { ...database, dispose: () => database.close() };
  }
  const scratch = await scratchPostgres();
  const database = await openPostgres(scratch.url, connections);
  await database.migrate();
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A fresh, empty PostgreSQL database of its own, for tests that start a whole server on it. */
export async function scratchPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `baton_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
