import { and, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { prepared } from "../../db/prepared.ts";
import { cases, users } from "../../db/schema.ts";
import { caseFilterFields } from "../../domain/case-filters.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { slug } from "../../domain/text.ts";
import {
  type FilterKey,
  filtersFor,
  searchedWords,
  statementSuffix,
  valuesOf,
  whereOf,
} from "../../loaders/case-filters.ts";
import { searchHits, searchMatches } from "../../loaders/case-search.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { listRowOf, listRowSql, summarize } from "../../presenters/cases.ts";

export const listCasesQuery = z.strictObject({
  workspace: slug.optional(),
  ...caseFilterFields,
  sort: z
    .enum(["updated", "due", "relevance"])
    .default("updated")
    .describe(
      '"updated": last changed first; "due": the soonest SLA deadline first; "relevance": best match of q first',
    ),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListCasesQuery = z.infer<typeof listCasesQuery>;

type Sort = ListCasesQuery["sort"];

/**
 * Where a page ended: its last row's sort value (updated_at, the deadline, null: none; or the
 * search score) and number.
 */
interface Cursor {
  u: string | null;
  n: number;
  s?: "due" | "rel";
}

const CURSOR_SORT = { updated: undefined, due: "due", relevance: "rel" } as const;

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

// Cursors this server writes; anything else would reach PostgreSQL and fail there (a float
// number, a year-0 or six-digit-year date), so it is refused here.
const CURSOR_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/;
// A score as PostgreSQL writes a real: 0.0607927, 1e-20.
const CURSOR_SCORE = /^\d{1,3}(\.\d{1,12})?(e-?\d{1,2})?$/;

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
    const { u, n, s } = c;
    const time =
      typeof u === "string" && CURSOR_TIME.test(u) && Date.parse(u) >= Date.UTC(1000, 0, 1);
    const value =
      s === "rel"
        ? typeof u === "string" && CURSOR_SCORE.test(u)
        : time || (u === null && s === "due");
    if (
      value &&
      (s === undefined || s === "due" || s === "rel") &&
      typeof n === "number" &&
      Number.isSafeInteger(n) &&
      n > 0
    )
      return s ? { u: u ?? null, n, s } : { u: u ?? null, n };
  } catch {}
  throw invalid("cursor", "is not a cursor this server returned");
}

const p = (key: string) => sql.placeholder(key);

const ORDER: Record<Sort, SQL[]> = {
  updated: [sql`${cases.updatedAt} DESC NULLS LAST`, sql`${cases.number} DESC NULLS LAST`],
  due: [sql`${cases.slaDueAt} ASC NULLS LAST`, sql`${cases.number} ASC`],
  relevance: [sql`hits.score DESC`, sql`${cases.number} DESC`],
};

// The value a page's last row leaves in its cursor.
const SORT_VALUE: Record<Sort, SQL<string | null>> = {
  // The cursor keeps the database's own microsecond value; a JS Date would round it to ms.
  updated: sql`to_char(${cases.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  due: sql`to_char(${cases.slaDueAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  relevance: sql`hits.score::text`,
};

function pageStatement(keys: FilterKey[], sort: Sort) {
  return (db: Db) => {
    const select = db
      .select({ cells: listRowSql([sql`${users.name}`, sql`${cases.id}`, SORT_VALUE[sort]]) })
      .from(cases)
      // One statement: the owner's name comes with the page instead of a second round trip.
      .leftJoin(users, eq(users.id, cases.ownerId))
      .$dynamic();
    const found = keys.includes("q")
      ? select.innerJoin(searchHits, sql`hits.case_id = ${cases.id}`)
      : select;
    return (
      found
        .where(and(...whereOf(keys)))
        // Ordered as the indexes are, so PostgreSQL walks them in order: last changed first, or
        // the soonest deadline first with the cases whose clocks do not run after them.
        .orderBy(...ORDER[sort])
        .limit(p("limit"))
    );
  };
}

type PageStatement = ReturnType<typeof pageStatementFor>;

function pageStatementFor(keys: FilterKey[], sort: Sort) {
  const prefix = { updated: "upd", due: "due", relevance: "rel" }[sort];
  const name = `baton_cases_${prefix}_${statementSuffix(keys)}`;
  return prepared(name, pageStatement(keys, sort));
}

// One prepared statement per combination of filters that was asked for (at most a few dozen in
// practice: the web app's views and the API's common queries).
const statements = new Map<string, PageStatement>();

function statementFor(keys: FilterKey[], sort: Sort): PageStatement {
  const id = `${sort}:${keys.join(",")}`;
  let statement = statements.get(id);
  if (!statement) {
    statement = pageStatementFor(keys, sort);
    statements.set(id, statement);
  }
  return statement;
}

/** The workspaces whose cases' text the actor may search: those where they may read cases. */
async function searchable(db: Db, workspaceIds: string[], actor: Actor): Promise<string[]> {
  const workspaces = await Promise.all(workspaceIds.map((id) => workspaceById(db, id)));
  return workspaces
    .filter((w) => can(actor, "case.read", { workspaceId: w.id }, w.policy))
    .map((w) => w.id);
}

/**
 * Newest-changed first, the soonest SLA deadline first, or with `q` the best match first;
 * keyset-paged on (sort value, number) so deep pages cost the same. With `q` each item says
 * where it matched.
 */
export async function listCases(db: Db, actor: Actor, query: ListCasesQuery) {
  let workspaceIds = actor.memberships.map((m) => m.workspaceId);
  if (query.workspace) {
    const m = actor.memberships.find((x) => x.workspaceSlug === query.workspace);
    if (!m) throw notFound(`Workspace ${query.workspace}`);
    workspaceIds = [m.workspaceId];
  }
  const sort = query.sort;
  if (sort === "relevance" && query.q === undefined)
    throw invalid("sort", 'can be "relevance" only with q');
  const words = searchedWords(query);
  // Searching reads a case's text and notes: only where the actor may read cases.
  if (words) workspaceIds = await searchable(db, workspaceIds, actor);
  const slugs = new Map(actor.memberships.map((m) => [m.workspaceId, m.workspaceSlug]));
  if (workspaceIds.length === 0) return { items: [], nextCursor: null };
  const filters = filtersFor(actor, workspaceIds, query);
  if (!filters) return { items: [], nextCursor: null };
  const values: Record<string, unknown> = { limit: query.limit + 1 };
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    if (c.s !== CURSOR_SORT[sort]) throw invalid("cursor", "belongs to another sort order");
    const after =
      sort === "relevance"
        ? "afterScore"
        : sort === "updated"
          ? "after"
          : c.u === null
            ? "afterUndue"
            : "afterDue";
    filters.push([after, null]);
    values.cursorAt = c.u;
    values.cursorNumber = c.n;
  }
  Object.assign(values, valuesOf(filters));
  const rows = (
    await statementFor(
      filters.map(([key]) => key),
      sort,
    )(db, values)
  ).map(({ cells }) => {
    const { row, extra } = listRowOf(cells);
    const [ownerName, id, at] = extra as [string | null, string, string | null];
    return { row, ownerName, id, at };
  });
  const page = rows.slice(0, query.limit);
  const people = new Map(
    page.flatMap((r) =>
      r.row.ownerId && r.ownerName
        ? [[r.row.ownerId, { id: r.row.ownerId, name: r.ownerName }]]
        : [],
    ),
  );
  const matches = words
    ? await searchMatches(
        db,
        page.map((r) => r.id),
        words,
      )
    : null;
  const last = rows[page.length - 1];
  const cursorSort = CURSOR_SORT[sort];
  return {
    items: page.map((r) => {
      const item = summarize(r.row, slugs.get(r.row.workspaceId) ?? "", people);
      return matches ? { ...item, match: matches.get(r.id) ?? null } : item;
    }),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ u: last.at, n: last.row.number, ...(cursorSort ? { s: cursorSort } : {}) })
        : null,
  };
}
