import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { prepared } from "../../db/prepared.ts";
import { cases, users } from "../../db/schema.ts";
import { caseFilterFields } from "../../domain/case-filters.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { slug } from "../../domain/text.ts";
import {
  type FilterKey,
  filtersFor,
  statementSuffix,
  valuesOf,
  whereOf,
} from "../../loaders/case-filters.ts";
import { LIST_COLUMNS, summarize } from "../../presenters/cases.ts";

export const listCasesQuery = z.strictObject({
  workspace: slug.optional(),
  ...caseFilterFields,
  sort: z
    .enum(["updated", "due"])
    .default("updated")
    .describe('"updated": last changed first; "due": the soonest SLA deadline first'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListCasesQuery = z.infer<typeof listCasesQuery>;

/** Where a page ended: its last row's sort value (updated_at, or the deadline; null: none) and number. */
interface Cursor {
  u: string | null;
  n: number;
  s?: "due";
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

// Cursors this server writes; anything else would reach PostgreSQL and fail there (a float
// number, a year-0 or six-digit-year date), so it is refused here.
const CURSOR_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/;

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
    const { u, n, s } = c;
    const time =
      typeof u === "string" && CURSOR_TIME.test(u) && Date.parse(u) >= Date.UTC(1000, 0, 1);
    if (
      (time || (u === null && s === "due")) &&
      (s === undefined || s === "due") &&
      typeof n === "number" &&
      Number.isSafeInteger(n) &&
      n > 0
    )
      return s === "due" ? { u: u ?? null, n, s } : { u: u ?? null, n };
  } catch {}
  throw invalid("cursor", "is not a cursor this server returned");
}

function pageStatement(keys: FilterKey[], byDue: boolean) {
  return (db: Db) => {
    const sortColumn = byDue ? cases.slaDueAt : cases.updatedAt;
    return (
      db
        .select({
          row: LIST_COLUMNS,
          ownerName: users.name,
          // The cursor keeps the database's own microsecond value; a JS Date would round it to ms.
          at: sql<
            string | null
          >`to_char(${sortColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        })
        .from(cases)
        // One statement: the owner's name comes with the page instead of a second round trip.
        .leftJoin(users, eq(users.id, cases.ownerId))
        .where(and(...whereOf(keys)))
        // Ordered as the indexes are, so PostgreSQL walks them in order: last changed first, or
        // the soonest deadline first with the cases whose clocks do not run after them.
        .orderBy(
          ...(byDue
            ? [sql`${cases.slaDueAt} ASC NULLS LAST`, sql`${cases.number} ASC`]
            : [sql`${cases.updatedAt} DESC NULLS LAST`, sql`${cases.number} DESC NULLS LAST`]),
        )
        .limit(sql.placeholder("limit"))
    );
  };
}

type PageStatement = ReturnType<typeof pageStatementFor>;

function pageStatementFor(keys: FilterKey[], byDue: boolean) {
  const name = `baton_cases_${byDue ? "due" : "upd"}_${statementSuffix(keys)}`;
  return prepared(name, pageStatement(keys, byDue));
}

// One prepared statement per combination of filters that was asked for (at most a few dozen in
// practice: the web app's views and the API's common queries).
const statements = new Map<string, PageStatement>();

function statementFor(keys: FilterKey[], byDue: boolean): PageStatement {
  const id = `${byDue}:${keys.join(",")}`;
  let statement = statements.get(id);
  if (!statement) {
    statement = pageStatementFor(keys, byDue);
    statements.set(id, statement);
  }
  return statement;
}

/**
 * Newest-changed first, or the soonest SLA deadline first; keyset-paged on (sort value, number)
 * so deep pages cost the same.
 */
export async function listCases(db: Db, actor: Actor, query: ListCasesQuery) {
  let workspaceIds = actor.memberships.map((m) => m.workspaceId);
  if (query.workspace) {
    const m = actor.memberships.find((x) => x.workspaceSlug === query.workspace);
    if (!m) throw notFound(`Workspace ${query.workspace}`);
    workspaceIds = [m.workspaceId];
  }
  const slugs = new Map(actor.memberships.map((m) => [m.workspaceId, m.workspaceSlug]));
  if (workspaceIds.length === 0) return { items: [], nextCursor: null };

  const filters = filtersFor(actor, workspaceIds, query);
  const byDue = query.sort === "due";
  const values: Record<string, unknown> = { limit: query.limit + 1 };
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    if ((c.s === "due") !== byDue) throw invalid("cursor", "belongs to another sort order");
    filters.push([!byDue ? "after" : c.u === null ? "afterUndue" : "afterDue", null]);
    values.cursorAt = c.u;
    values.cursorNumber = c.n;
  }
  Object.assign(values, valuesOf(filters));
  const rows = await statementFor(
    filters.map(([key]) => key),
    byDue,
  )(db, values);
  const page = rows.slice(0, query.limit);
  const people = new Map(
    page.flatMap((r) =>
      r.row.ownerId && r.ownerName
        ? [[r.row.ownerId, { id: r.row.ownerId, name: r.ownerName }]]
        : [],
    ),
  );
  const last = rows[page.length - 1];
  return {
    items: page.map((r) => summarize(r.row, slugs.get(r.row.workspaceId) ?? "", people)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ u: last.at, n: last.row.number, ...(byDue ? { s: "due" as const } : {}) })
        : null,
  };
}
