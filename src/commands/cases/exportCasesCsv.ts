import { Readable } from "node:stream";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { type CsvCell, csvStream } from "../../presenters/csv.ts";
import { type ListCasesQuery, listCases, listCasesQuery } from "./listCases.ts";

export const exportCasesQuery = listCasesQuery.omit({ cursor: true, limit: true });

// Pages read one at a time as the client takes the file: memory stays one page deep however
// long the list. The cap keeps one request from reading a whole large database.
const PAGE = 200;
const MAX_ROWS = 100_000;

const HEADER = [
  "Case",
  "Workspace",
  "Subject",
  "Status",
  "Severity",
  "Priority",
  "Queue",
  "Region",
  "24x7",
  "Owner",
  "Updated (UTC)",
  "Due (UTC)",
];

type Page = Awaited<ReturnType<typeof listCases>>;

const label = (list: readonly { code: string; name: string }[], code: string | null) =>
  code === null ? null : (list.find((i) => i.code === code)?.name ?? code);

/**
 * Any case list as CSV (RFC 4180, a header row), with the list's filters and order, streamed.
 * The first page is read before anything is sent, so a bad filter or an unknown workspace is
 * still a 4xx rather than a cut-off file.
 */
export async function exportCasesCsv(
  db: Db,
  actor: Actor,
  query: Omit<ListCasesQuery, "cursor" | "limit">,
) {
  const policies = new Map<string, Policy>();
  const policyOf = async (slug: string) => {
    let policy = policies.get(slug);
    if (!policy) {
      policy = (await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`)).policy;
      policies.set(slug, policy);
    }
    return policy;
  };
  const first = await listCases(db, actor, { ...query, limit: PAGE });

  async function* records(): AsyncGenerator<CsvCell[]> {
    let page: Page = first;
    let written = 0;
    for (;;) {
      for (const c of page.items) {
        const p = await policyOf(c.workspace);
        yield [
          c.number,
          c.workspace,
          c.subject,
          c.status,
          label(p.severities, c.severity),
          label(p.priorities, c.priority),
          label(p.queues, c.queue),
          label(p.regions, c.region),
          c.is24x7 ? "yes" : "no",
          c.owner?.name ?? null,
          c.updatedAt,
          c.due.dueAt,
        ];
        if (++written >= MAX_ROWS) return;
      }
      if (!page.nextCursor) return;
      page = await listCases(db, actor, { ...query, limit: PAGE, cursor: page.nextCursor });
    }
  }

  const stamp = new Date().toISOString().slice(0, 10);
  const scope = query.workspace ?? "all";
  const out = csvStream(HEADER);
  // A page that fails to read later ends the file short, and the connection with it.
  const rows = Readable.from(records()).on("error", (error) => out.destroy(error));
  rows.pipe(out);
  return { filename: `cases-${scope}-${stamp}.csv`.replace(/[^\w.-]/g, "_"), stream: out };
}
