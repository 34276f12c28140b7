import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Progress } from "../domain/progress.ts";
import type { Db } from "./client.ts";
import { rowsOf } from "./rows.ts";

interface Journal {
  entries: { tag: string; when: number }[];
}

// The migrations this code knows do not change while it runs: read once, not at every probe.
let journal: Journal | undefined;
const knownMigrations = (): Journal["entries"] => {
  journal ??= JSON.parse(
    readFileSync(new URL("../../drizzle/meta/_journal.json", import.meta.url), "utf8"),
  ) as Journal;
  return journal.entries;
};

export interface MigrationState {
  /** Migrations this code knows, and those not yet applied to the database (by tag). */
  known: number;
  pending: string[];
  /** Migrations applied to the database that are newer than any this code knows. */
  unknown: number;
}

/**
 * Which of this code's migrations the database lacks, read the way Drizzle's migrator decides:
 * every journal entry newer than the last one applied. A process whose database is behind (another
 * version migrated it back, or the migration failed) is not ready for traffic.
 */
export async function migrationState(db: Db): Promise<MigrationState> {
  const entries = knownMigrations();
  const [table] = rowsOf(
    await db.execute(
      sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
    ),
    z.object({ present: z.boolean() }),
  );
  const newestKnown = Math.max(0, ...entries.map((e) => e.when));
  let last = 0;
  let unknown = 0;
  if (table?.present) {
    const [row] = rowsOf(
      await db.execute(
        sql`select max(created_at)::text as last,
                   count(*) filter (where created_at > ${newestKnown})::int as unknown
              from drizzle.__drizzle_migrations`,
      ),
      z.object({ last: z.string().nullable(), unknown: z.number() }),
    );
    last = Number(row?.last ?? 0);
    unknown = row?.unknown ?? 0;
  }
  return {
    known: entries.length,
    pending: entries.filter((e) => e.when > last).map((e) => e.tag),
    unknown,
  };
}

/**
 * Runs `apply` (Drizzle's migrator) with the count of pending migrations reported before and
 * after: the migrator applies them all in one call and tells nothing in between. Nothing is
 * reported when the database is up to date.
 */
export async function migrateReporting(
  db: Db,
  onProgress: Progress | undefined,
  apply: () => Promise<void>,
): Promise<void> {
  const pending = onProgress ? (await migrationState(db)).pending.length : 0;
  if (pending > 0) onProgress?.("migrations", 0, pending);
  await apply();
  if (pending > 0) onProgress?.("migrations", pending, pending);
}
