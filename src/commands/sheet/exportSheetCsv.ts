import type { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { sheetRows, sheetWorkspace } from "../../loaders/sheet.ts";
import { toCsv } from "../../presenters/csv.ts";
import { presentSheetEntries } from "../../presenters/sheet.ts";
import type { sheetQuery } from "./listSheetEntries.ts";

/** More than a sheet ever holds; an export stops there rather than build an unbounded answer. */
const MAX_ROWS = 10_000;

const HEADER = [
  "Case",
  "Subject",
  "Severity",
  "Case owner",
  "Queue",
  "Needs",
  "Due (UTC)",
  "State",
  "Claimed by",
  "Claimed at (UTC)",
  "Done by",
  "Done at (UTC)",
  "Added by",
  "Added at (UTC)",
  "Note",
];

/** The sheet as CSV (RFC 4180, a header row), with the list's filters and order. */
export async function exportSheetCsv(
  db: Db,
  actor: Actor,
  slug: string,
  query: Omit<z.infer<typeof sheetQuery>, "limit">,
) {
  const ws = await sheetWorkspace(db, actor, slug);
  const rows = await sheetRows(db, actor, ws.id, query, MAX_ROWS);
  const entries = await presentSheetEntries(db, actor, ws.policy, rows);
  const name = (list: readonly { code: string; name: string }[], code: string | null) =>
    code === null ? null : (list.find((i) => i.code === code)?.name ?? code);
  const csv = toCsv(
    HEADER,
    entries.map((e) => [
      e.case.number,
      e.case.subject,
      name(ws.policy.severities, e.case.severity),
      e.case.owner?.name ?? null,
      name(ws.policy.queues, e.queue ?? e.case.queue),
      e.needs,
      e.dueAt,
      e.state,
      e.claimedBy?.name ?? null,
      e.claimedAt,
      e.doneBy?.name ?? null,
      e.doneAt,
      e.addedBy?.name ?? null,
      e.createdAt,
      e.note,
    ]),
  );
  return { filename: `handoff-sheet-${ws.slug}.csv`, csv };
}
