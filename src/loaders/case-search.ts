import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { activities, caseDescriptions, cases, contacts, customers } from "../db/schema.ts";
import { nameQuery, nameVector, proseQuery, proseVector, searchedActivity } from "../db/search.ts";
import {
  headlineSegments,
  MARK_START,
  MARK_STOP,
  markedName,
  nameTerms,
  proseTerms,
  type Segment,
} from "../domain/search-words.ts";

const p = (key: string) => sql`${sql.placeholder(key)}`;
const PROSE = proseQuery(p("proseTerms"));
const NAMES = nameQuery(p("nameTerms"));

// The same documents as the indexes in schema.ts, on this module's table aliases.
const subjectDoc = proseVector(sql`c.subject`);
const customerDoc = nameVector(sql`cu.name`);
const contactDoc = nameVector(sql`ct.name || ' ' || coalesce(ct.email, '')`);
const noteDoc = proseVector(sql`a.body`);

/**
 * The cases of the workspaces `searchWorkspaces` whose subject, description, customer, contact
 * or a note holds every searched word, each with its best score: one GIN index lookup per
 * source. A subject's or name's match counts double; a note's half, as notes are long and many.
 */
export const searchHits: SQL = sql`(
  select case_id, max(score) as score from (
    select c.id as case_id, ts_rank(d.subject_words, ${PROSE}) * 2::real as score
      from ${caseDescriptions} d join ${cases} c on c.id = d.case_id
      where d.subject_words @@ ${PROSE} and c.workspace_id = any(${p("searchWorkspaces")})
    union all
    select c.id, ts_rank(d.words, ${PROSE})
      from ${caseDescriptions} d join ${cases} c on c.id = d.case_id
      where d.words @@ ${PROSE} and c.workspace_id = any(${p("searchWorkspaces")})
    union all
    select c.id, ts_rank(${customerDoc}, ${NAMES}) * 2::real
      from ${customers} cu join ${cases} c on c.customer_id = cu.id
      where cu.workspace_id = any(${p("searchWorkspaces")}) and ${customerDoc} @@ ${NAMES}
    union all
    select c.id, ts_rank(${contactDoc}, ${NAMES}) * 2::real
      from ${contacts} ct join ${cases} c on c.contact_id = ct.id
      where c.workspace_id = any(${p("searchWorkspaces")}) and ${contactDoc} @@ ${NAMES}
    union all
    select a.case_id, ts_rank(${noteDoc}, ${PROSE}) * 0.5::real
      from ${activities} a join ${cases} c on c.id = a.case_id
      where ${searchedActivity(sql`a.kind`)} and ${noteDoc} @@ ${PROSE}
        and c.workspace_id = any(${p("searchWorkspaces")})
  ) as sources group by case_id
) as hits`;

/** The values the statements here take for the searched words. */
export const searchValues = (words: readonly string[]) => ({
  proseTerms: proseTerms(words),
  nameTerms: nameTerms(words),
});

export type MatchField = "subject" | "customer" | "contact" | "description" | "note";

export interface SearchMatch {
  field: MatchField;
  segments: Segment[];
}

const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;
const headline = (config: string, text: SQL) =>
  sql<string>`ts_headline(${sql.raw(`'${config}'::regconfig`)}, ${text}, ${PROSE}, ${HEADLINE})`;

// Per case of a page, the first field in this order that matched; for notes, the newest matching
// one. Only the page's cases are read, so the headlines cost a page, not the whole result.
const matchesStatement = prepared("baton_search_matches", (db) =>
  db
    .select({
      id: sql<string>`c.id`,
      field: sql<MatchField>`m.field`,
      text: sql<string>`m.body`,
      german: headline("german", sql`m.body`),
      english: headline("english", sql`m.body`),
    })
    .from(sql`${cases} c`)
    .innerJoin(
      sql`lateral (
        select 'subject' as field, c.subject as body, 1 as rank where ${subjectDoc} @@ ${PROSE}
        union all
        select 'customer', cu.name, 2 from ${customers} cu
          where cu.id = c.customer_id and ${customerDoc} @@ ${NAMES}
        union all
        select 'contact', concat_ws(' ', ct.name, ct.email), 3 from ${contacts} ct
          where ct.id = c.contact_id and ${contactDoc} @@ ${NAMES}
        union all
        select 'description', c.description, 4 from ${caseDescriptions} d
          where d.case_id = c.id and d.words @@ ${PROSE}
        union all
        (select 'note', a.body, 5 from ${activities} a
          where a.case_id = c.id and ${searchedActivity(sql`a.kind`)} and ${noteDoc} @@ ${PROSE}
          order by a.id desc limit 1)

        order by rank limit 1
      ) m`,
      sql`true`,
    )
    .where(sql`c.id = any(${p("ids")})`),
);

/** Where each of these cases (by id) matched the words, with the matching words marked. */
export async function searchMatches(
  db: Db,
  ids: readonly string[],
  words: readonly string[],
): Promise<Map<string, SearchMatch>> {
  if (ids.length === 0) return new Map();
  const rows = await matchesStatement(db, { ids, ...searchValues(words) });
  return new Map(
    rows.map((r): [string, SearchMatch] => {
      if (r.field === "customer" || r.field === "contact")
        return [r.id, { field: r.field, segments: markedName(r.text, words) }];
      // A word stemmed only in English is marked only by the English headline, and the other way.
      const marked = [r.german, r.english].find((h) => h.includes(MARK_START)) ?? r.german;
      return [r.id, { field: r.field, segments: headlineSegments(marked) }];
    }),
  );
}
