import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { viewsWorkspace, visibleViews } from "../../loaders/saved-views.ts";
import { presentView } from "../../presenters/saved-views.ts";

/** The caller's own views and those shared with them, in the side navigation's order. */
export async function listViews(db: Db, actor: Actor, slug: string) {
  const ws = await viewsWorkspace(db, actor, slug);
  const rows = await visibleViews(db, actor, ws);
  return { items: rows.map((r) => presentView(r, actor, ws.policy)) };
}
