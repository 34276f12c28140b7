import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { code } from "../../domain/text.ts";
import { sheetRows, sheetWorkspace } from "../../loaders/sheet.ts";
import { presentSheetEntries } from "../../presenters/sheet.ts";

export const sheetQuery = z.strictObject({
  state: z
    .enum(["active", "open", "claimed", "done", "all"])
    .default("active")
    .describe("active (open or claimed, the default), open, claimed, done or all"),
  queue: code.optional().describe("Only entries for this queue (team)"),
  mine: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("true: only entries I have claimed"),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});

/** The sheet: due soonest first, undated last; each entry says what I may do to it. */
export async function listSheetEntries(
  db: Db,
  actor: Actor,
  slug: string,
  query: z.infer<typeof sheetQuery>,
) {
  const ws = await sheetWorkspace(db, actor, slug);
  const rows = await sheetRows(db, actor, ws.id, query, query.limit + 1);
  const items = await presentSheetEntries(db, actor, ws.policy, rows.slice(0, query.limit));
  return {
    workspace: ws.slug,
    items,
    more: rows.length > query.limit,
    viewer: { add: can(actor, "sheet.add", { workspaceId: ws.id }, ws.policy) },
  };
}
