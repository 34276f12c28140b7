import { type SQL, sql } from "drizzle-orm";

// The text search documents, written once: the GIN indexes in schema.ts are built on these
// expressions and the search statements repeat them, which is how PostgreSQL knows it may use
// the index. Change one and the migration and the queries change together.

/**
 * Prose (subjects, descriptions, notes): stemmed in English and in German, Baton's two help-desk
 * languages. A note is written in the engineer's language, not necessarily the customer's, so
 * both stems are kept for every text rather than one chosen by the customer's language.
 */
export const proseVector = (text: SQL): SQL =>
  sql`(to_tsvector('english'::regconfig, ${text}) || to_tsvector('german'::regconfig, ${text}))`;

// Two spellings of every umlaut, as a German help desk types names: "Mueller" and "Muller" both
// find "Müller". Only lower case is folded: the text is lowered first.
const UMLAUTS_SPELT_OUT = (text: SQL) =>
  sql`replace(replace(replace(replace(${text}, 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')`;
const ACCENTS_DROPPED = (text: SQL) =>
  sql`translate(${text}, 'äöüàáâèéêëìíîïòóôùúûñç', 'aouaaaeeeeiiiiooouuunc')`;

/**
 * Names and email addresses: no stemming ('simple'), accents folded both ways, and an address's
 * dots, @ and dashes as spaces so its local part's words ("juergen" in juergen.mueller@…) match.
 */
export const nameVector = (text: SQL): SQL => {
  const words = sql`translate(lower(${text}), '@._+-', '     ')`;
  return sql`(to_tsvector('simple'::regconfig, ${UMLAUTS_SPELT_OUT(words)}) || to_tsvector('simple'::regconfig, ${ACCENTS_DROPPED(words)}))`;
};

/** Prose queries: the same words stemmed in both languages; either may match. */
export const proseQuery = (words: SQL): SQL =>
  sql`(to_tsquery('english'::regconfig, ${words}) || to_tsquery('german'::regconfig, ${words}))`;

export const nameQuery = (words: SQL): SQL => sql`to_tsquery('simple'::regconfig, ${words})`;

/**
 * Writes the search words of every case of a workspace, subject and description: for cases
 * inserted in bulk (the demo, generated volume).
 */
export const describeCasesOf = (workspaceId: string): SQL => sql`
  insert into case_descriptions (case_id, subject_words, words)
  select id, ${proseVector(sql`subject`)},
    case when description <> '' then ${proseVector(sql`description`)} else ''::tsvector end
  from cases
  where workspace_id = ${workspaceId}
  on conflict (case_id) do update
    set subject_words = excluded.subject_words, words = excluded.words`;

/** Which activities are searched: what people wrote (notes, mail, call logs), not system lines. */
export const searchedActivity = (kind: SQL): SQL => sql`${kind} in ('note', 'call')`;
