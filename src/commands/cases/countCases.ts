import { and, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { prepared } from "../../db/prepared.ts";
import { cases } from "../../db/schema.ts";
import { type CaseFilters, caseFilters } from "../../domain/case-filters.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { readDefinition } from "../../domain/saved-views.ts";
import {
  type FilterKey,
  filtersFor,
  statementSuffix,
  valuesOf,
  whereOf,
} from "../../loaders/case-filters.ts";
import { searchHits } from "../../loaders/case-search.ts";
import { seesView, viewsById, viewsWorkspace } from "../../loaders/saved-views.ts";

/** Above this a count says "10000+": counting stops there, so no count reads more index rows. */
export const COUNT_CAP = 10_000;

export const countCasesInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        key: z
          .string()
          .min(1)
          .max(100)
          .describe("Yours, to find the count in the answer; unique in the request"),
        view: z.uuid("must be a saved view's id").optional().describe("Count a saved view"),
        filters: caseFilters
          .optional()
          .describe("Or count these filters, as GET /cases takes them"),
      }),
    )
    .min(1)
    .max(50),
});

function countStatement(keys: FilterKey[]) {
  return (db: Db) => {
    // The list's own WHERE, stopped after one more row than the cap: the count walks the same
    // index the list does, and never more than COUNT_CAP + 1 of its entries.
    const select = db
      .select({ one: sql<number>`1`.as("one") })
      .from(cases)
      .$dynamic();
    const found = keys.includes("q")
      ? select.innerJoin(searchHits, sql`hits.case_id = ${cases.id}`)
      : select;
    const counted = found
      .where(and(...whereOf(keys)))
      .limit(sql.placeholder("cap"))
      .as("counted");
    return db.select({ n: sql<number>`count(*)::int` }).from(counted);
  };
}

const statements = new Map<string, ReturnType<typeof prepared<{ n: number }[]>>>();

function statementFor(keys: FilterKey[]) {
  const id = keys.join(",");
  let statement = statements.get(id);
  if (!statement) {
    statement = prepared(`baton_count_${statementSuffix(keys)}`, countStatement(keys));
    statements.set(id, statement);
  }
  return statement;
}

/**
 * How many cases each list shows, for several saved views or filters in one request; exact up to
 * COUNT_CAP, beyond it "10000+". A count equals the total of GET /cases with the same filters.
 */
export async function countCases(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof countCasesInput>,
) {
  const ws = await viewsWorkspace(db, actor, slug);
  const keys = input.items.map((i) => i.key);
  if (new Set(keys).size !== keys.length) throw invalid("items", "uses a key twice");
  input.items.forEach((item, i) => {
    if ((item.view === undefined) === (item.filters === undefined))
      throw invalid(`items.${i}`, "must name a view or give filters, one of the two");
  });
  const views = await viewsById(
    db,
    ws.id,
    input.items.flatMap((i) => (i.view ? [i.view] : [])),
  );
  let v = 0;
  const wanted: { key: string; filters: CaseFilters }[] = input.items.map((item) => {
    if (item.filters) return { key: item.key, filters: item.filters };
    const row = views[v++];
    if (!row || !seesView(actor, row, ws.policy)) throw notFound("Saved view");
    return { key: item.key, filters: readDefinition(row.definition).definition.filters };
  });
  const items = [];
  // One after another: a request holds one connection, however many counts it asks for.
  for (const { key, filters } of wanted) {
    const conditions = filtersFor(actor, [ws.id], filters);
    const [row] = conditions
      ? await statementFor(conditions.map(([k]) => k))(db, {
          ...valuesOf(conditions),
          cap: COUNT_CAP + 1,
        })
      : [];
    const n = row?.n ?? 0;
    const capped = n > COUNT_CAP;
    items.push({
      key,
      count: capped ? COUNT_CAP : n,
      capped,
      text: capped ? `${COUNT_CAP}+` : String(n),
    });
  }
  return { items };
}
