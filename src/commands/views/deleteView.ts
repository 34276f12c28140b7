import { and, eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { savedViews } from "../../db/schema.ts";
import { viewEventData } from "../../domain/saved-views.ts";
import { loadView, staleView } from "../../loaders/saved-views.ts";
import { emit } from "../../writes/emit.ts";

/** Deletes a saved view, if it is still the version the caller read. */
export async function deleteView(db: Db, actor: Actor, id: string, version: number) {
  const { row: before } = await loadView(db, actor, id, "view.manage");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), eq(savedViews.version, version)))
      .returning();
    if (!row) throw await staleView(tx, before);
    await emit(tx, {
      name: "view.deleted",
      actorId: actor.userId,
      workspaceId: row.workspaceId,
      subjectId: row.id,
      data: viewEventData(row),
    });
  });
}
