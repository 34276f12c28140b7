import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { caseDescriptions } from "../db/schema.ts";
import { proseVector } from "../db/search.ts";

const upsert = prepared("baton_case_description_upsert", (db) =>
  db
    .insert(caseDescriptions)
    .values({
      caseId: sql.placeholder("caseId"),
      words: proseVector(sql`${sql.placeholder("text")}::text`),
    })
    .onConflictDoUpdate({ target: caseDescriptions.caseId, set: { words: sql`excluded.words` } }),
);

/** The case's description as search words, in the transaction that writes the description. */
export async function writeCaseDescription(tx: Db, caseId: string, description: string) {
  await upsert(tx, { caseId, text: description });
}
