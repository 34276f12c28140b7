import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { caseDescriptions } from "../db/schema.ts";
import { proseVector } from "../db/search.ts";

const words = (key: string) => proseVector(sql`${sql.placeholder(key)}::text`);

const insertBoth = prepared("baton_case_words_insert", (db) =>
  db.insert(caseDescriptions).values({
    caseId: sql.placeholder("caseId"),
    subjectWords: words("subject"),
    words: words("description"),
  }),
);

// A case opened before its row here existed (none since migration 0033 wrote every case's) is
// covered by the upserts all the same.
const setSubject = prepared("baton_case_words_subject", (db) =>
  db
    .insert(caseDescriptions)
    .values({ caseId: sql.placeholder("caseId"), subjectWords: words("text"), words: sql`''` })
    .onConflictDoUpdate({
      target: caseDescriptions.caseId,
      set: { subjectWords: sql`excluded.subject_words` },
    }),
);
const setDescription = prepared("baton_case_words_description", (db) =>
  db
    .insert(caseDescriptions)
    .values({ caseId: sql.placeholder("caseId"), words: words("text") })
    .onConflictDoUpdate({ target: caseDescriptions.caseId, set: { words: sql`excluded.words` } }),
);

/** A new case's subject and description as search words, in the transaction that opens it. */
export async function writeCaseWords(
  tx: Db,
  caseId: string,
  texts: { subject: string; description: string },
) {
  await insertBoth(tx, { caseId, ...texts });
}

/** A changed subject or description as search words, in the transaction that changes it. */
export async function rewriteCaseWords(
  tx: Db,
  caseId: string,
  changed: { subject?: string | undefined; description?: string | undefined },
) {
  if (changed.subject !== undefined) await setSubject(tx, { caseId, text: changed.subject });
  if (changed.description !== undefined)
    await setDescription(tx, { caseId, text: changed.description });
}
