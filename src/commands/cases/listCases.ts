import { and, eq, ilike, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { cases, users } from "../../db/schema.ts";
import { CASE_STATUSES, OPEN_STATUSES } from "../../domain/case-status.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { code, lineText, slug } from "../../domain/text.ts";
import { SUMMARY_COLUMNS, summarize } from "../../presenters/cases.ts";

const statusList = z
  .string()
  .max(200)
  .refine(
    (v) =>
      v.split(",").every((s) => s === "open" || (CASE_STATUSES as readonly string[]).includes(s)),
    `must be "open" or a comma-separated list of ${CASE_STATUSES.join(", ")}`,
  );

export const listCasesQuery = z.strictObject({
  workspace: slug.optional(),
  owner: z
    .union([z.literal("me"), z.literal("none"), z.uuid()])
    .optional()
    .describe('"me", "none" (unassigned) or an agent id'),
  queue: code.optional(),
  status: statusList.optional().describe('"open", or e.g. new,active'),
  region: code.optional(),
  severity: code.optional(),
  is24x7: z.enum(["true", "false"]).optional(),
  q: lineText(200).optional().describe("Text in the subject"),
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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

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

  const where: (SQL | undefined)[] = [
    workspaceIds.length === 1
      ? eq(cases.workspaceId, workspaceIds[0]!)
      : inArray(cases.workspaceId, workspaceIds),
  ];
  if (query.owner === "me") where.push(eq(cases.ownerId, actor.userId));
  else if (query.owner === "none") where.push(isNull(cases.ownerId));
  else if (query.owner) where.push(eq(cases.ownerId, query.owner));
  if (query.queue) where.push(eq(cases.queue, query.queue));
  if (query.region) where.push(eq(cases.region, query.region));
  if (query.severity) where.push(eq(cases.severity, query.severity));
  if (query.is24x7) where.push(eq(cases.is24x7, query.is24x7 === "true"));
  if (query.status) {
    const wanted: string[] = query.status
      .split(",")
      .flatMap((s) => (s === "open" ? [...OPEN_STATUSES] : [s]));
    where.push(inArray(cases.status, [...new Set(wanted)]));
  }
  if (query.q) where.push(ilike(cases.subject, `%${escapeLike(query.q)}%`));
  const byDue = query.sort === "due";
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    if ((c.s === "due") !== byDue) throw invalid("cursor", "belongs to another sort order");
    // A row comparison is one range condition on the index, so deep pages stay cheap.
    if (!byDue)
      where.push(sql`(${cases.updatedAt}, ${cases.number}) < (${c.u}::timestamptz, ${c.n})`);
    else if (c.u === null) where.push(sql`${cases.slaDueAt} IS NULL AND ${cases.number} > ${c.n}`);
    else
      where.push(
        sql`((${cases.slaDueAt}, ${cases.number}) > (${c.u}::timestamptz, ${c.n}) OR ${cases.slaDueAt} IS NULL)`,
      );
  }
  const sortColumn = byDue ? cases.slaDueAt : cases.updatedAt;
  const rows = await db
    .select({
      row: SUMMARY_COLUMNS,
      ownerName: users.name,
      // The cursor keeps the database's own microsecond value; a JS Date would round it to ms.
      at: sql<
        string | null
      >`to_char(${sortColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(cases)
    // One statement: the owner's name comes with the page instead of a second round trip.
    .leftJoin(users, eq(users.id, cases.ownerId))
    .where(and(...where))
    // Ordered as the indexes are, so PostgreSQL walks them in order: last changed first, or
    // the soonest deadline first with the cases whose clocks do not run after them.
    .orderBy(
      ...(byDue
        ? [sql`${cases.slaDueAt} ASC NULLS LAST`, sql`${cases.number} ASC`]
        : [sql`${cases.updatedAt} DESC NULLS LAST`, sql`${cases.number} DESC NULLS LAST`]),
    )
    .limit(query.limit + 1);
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
