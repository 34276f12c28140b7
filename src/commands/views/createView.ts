import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { savedViews } from "../../db/schema.ts";
import { invalidFields } from "../../domain/errors.ts";
import {
  VIEW_NAME_MAX,
  VIEW_SHARES,
  viewDefinition,
  viewEventData,
  viewIssues,
} from "../../domain/saved-views.ts";
import { code, lineText } from "../../domain/text.ts";
import { viewsWorkspace } from "../../loaders/saved-views.ts";
import { presentView } from "../../presenters/saved-views.ts";
import { emit } from "../../writes/emit.ts";

export const createViewInput = z.strictObject({
  name: lineText(VIEW_NAME_MAX).describe("Its name in the side navigation, one line"),
  share: z
    .enum(VIEW_SHARES, `must be one of ${VIEW_SHARES.join(", ")}`)
    .default("personal")
    .describe("personal: yours alone; queue: that queue's members; workspace: everyone here"),
  queue: code.optional().describe("The queue whose members see it, when share is queue"),
  ...viewDefinition.shape,
});

/** Saves a list's filters and order as a view: the caller's own, or shared (leads and admins). */
export async function createView(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof createViewInput>,
) {
  const ws = await viewsWorkspace(db, actor, slug);
  const ownerId = input.share === "personal" ? actor.userId : null;
  authorize(
    actor,
    "view.manage",
    { workspaceId: ws.id, viewOwner: ownerId },
    ws.policy,
    `Workspace ${slug}`,
  );
  const issues = viewIssues(input, ws.policy);
  if (issues.length > 0) throw invalidFields(issues);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(savedViews)
      .values({
        workspaceId: ws.id,
        name: input.name.trim(),
        definition: { filters: input.filters, sort: input.sort },
        share: input.share,
        ownerId,
        queue: input.share === "queue" ? (input.queue ?? null) : null,
        // Last in the navigation; two saved at once may share a place, and then go by name.
        position: sql`(select coalesce(max(${savedViews.position}), 0) + 1 from ${savedViews} where ${eq(savedViews.workspaceId, ws.id)})`,
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("the insert returned no row");
    await emit(tx, {
      name: "view.created",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: viewEventData(row),
    });
    return presentView(row, actor, ws.policy);
  });
}
