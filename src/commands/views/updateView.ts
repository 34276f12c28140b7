import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { savedViews } from "../../db/schema.ts";
import { caseFilters } from "../../domain/case-filters.ts";
import { invalidFields } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import {
  readDefinition,
  VIEW_NAME_MAX,
  VIEW_SHARES,
  viewEventData,
  viewIssues,
  viewSort,
} from "../../domain/saved-views.ts";
import { code, lineText } from "../../domain/text.ts";
import { loadView, staleView } from "../../loaders/saved-views.ts";
import { presentView } from "../../presenters/saved-views.ts";
import { emit } from "../../writes/emit.ts";

export const updateViewInput = z.strictObject({
  version: rowVersion.describe("The version you read; a stale one is refused with 409"),
  name: lineText(VIEW_NAME_MAX).optional(),
  filters: caseFilters.optional().describe("Replaces the view's filters as a whole"),
  sort: viewSort.optional(),
  share: z.enum(VIEW_SHARES, `must be one of ${VIEW_SHARES.join(", ")}`).optional(),
  queue: code.nullable().optional().describe("The queue whose members see it, when share is queue"),
});

/** Renames a view, changes its filters or order, or whom it is shared with; version checked. */
export async function updateView(
  db: Db,
  actor: Actor,
  id: string,
  input: z.infer<typeof updateViewInput>,
) {
  const { row: before, workspace } = await loadView(db, actor, id, "view.manage");
  const share = input.share ?? before.share;
  const queue = share !== "queue" ? null : input.queue !== undefined ? input.queue : before.queue;
  // Sharing a view, or taking a shared one back as one's own, is the sharer's right.
  if (share !== before.share)
    authorize(
      actor,
      "view.manage",
      { workspaceId: before.workspaceId, viewOwner: null },
      workspace.policy,
      "Saved view",
    );
  // The audience is checked only when it changes: a view shared with a queue the policy has since
  // dropped may still be renamed.
  const audienceChanged = input.share !== undefined || input.queue !== undefined;
  const issues = viewIssues(
    {
      name: input.name,
      ...(audienceChanged ? { share, queue: share === "queue" ? queue : input.queue } : {}),
    },
    workspace.policy,
  );
  if (issues.length > 0) throw invalidFields(issues);
  const current = readDefinition(before.definition).definition;
  const definition = {
    filters: input.filters ?? current.filters,
    sort: input.sort ?? current.sort,
  };
  const name = input.name?.trim() ?? before.name;
  const changed = [
    ...(name !== before.name ? (["name"] as const) : []),
    ...(input.filters !== undefined || input.sort !== undefined ? (["definition"] as const) : []),
    ...(share !== before.share || queue !== before.queue ? (["share"] as const) : []),
  ];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(savedViews)
      .set({
        name,
        definition,
        share,
        queue,
        ownerId: share === "personal" ? (before.ownerId ?? actor.userId) : null,
        version: sql`${savedViews.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(savedViews.id, id), eq(savedViews.version, input.version)))
      .returning();
    if (!row) throw await staleView(tx, before);
    await emit(tx, {
      name: "view.updated",
      actorId: actor.userId,
      workspaceId: row.workspaceId,
      subjectId: row.id,
      data: { ...viewEventData(row), changed },
    });
    return presentView(row, actor, workspace.policy);
  });
}
