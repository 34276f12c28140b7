import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { savedViews } from "../../db/schema.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import {
  seesView,
  staleView,
  viewsById,
  viewsWorkspace,
  visibleViews,
} from "../../loaders/saved-views.ts";
import { presentView } from "../../presenters/saved-views.ts";
import { emit } from "../../writes/emit.ts";

export const reorderViewsInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        id: z.uuid("must be a saved view's id"),
        version: rowVersion.describe("The version you read; a stale one is refused with 409"),
      }),
    )
    .min(1)
    .max(200)
    .describe("Views in their new order, first first; each one the caller may change"),
});

/** Puts views in the order given (each version checked), all or none. */
export async function reorderViews(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof reorderViewsInput>,
) {
  const ws = await viewsWorkspace(db, actor, slug);
  const ids = input.items.map((i) => i.id);
  if (new Set(ids).size !== ids.length) throw invalid("items", "names a view twice");
  const rows = await viewsById(db, ws.id, ids);
  const found = rows.map((row, i) => {
    if (!row || !seesView(actor, row, ws.policy)) throw notFound("Saved view");
    authorize(
      actor,
      "view.manage",
      { workspaceId: ws.id, viewOwner: row.ownerId },
      ws.policy,
      "Saved view",
    );
    return { row, version: input.items[i]?.version ?? 0 };
  });
  await db.transaction(async (tx) => {
    for (const [i, { row, version }] of found.entries()) {
      const [moved] = await tx
        .update(savedViews)
        .set({ position: i + 1, version: sql`${savedViews.version} + 1`, updatedAt: new Date() })
        .where(and(eq(savedViews.id, row.id), eq(savedViews.version, version)))
        .returning({ version: savedViews.version });
      if (!moved) throw await staleView(tx, row);
    }
    await emit(tx, {
      name: "views.reordered",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: ws.id,
      data: { order: found.map(({ row }) => ({ id: row.id, name: row.name })) },
    });
  });
  const visible = await visibleViews(db, actor, ws);
  return { items: visible.map((r) => presentView(r, actor, ws.policy)) };
}
