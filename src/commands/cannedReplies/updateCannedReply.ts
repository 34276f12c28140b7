import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { cannedReplies } from "../../db/schema.ts";
import { isUniqueViolation } from "../../db/unique.ts";
import {
  assertCannedReply,
  cannedBody,
  cannedTitle,
  replyEventData,
  scopeOf,
  titleTaken,
} from "../../domain/canned-replies.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { loadReply, staleReply, titleInUse } from "../../loaders/canned-replies.ts";
import { presentReply } from "../../presenters/canned-replies.ts";
import { emit } from "../../writes/emit.ts";

export const updateCannedReplyInput = z.strictObject({
  version: rowVersion.describe("The version you read; a stale one is refused with 409"),
  title: cannedTitle.optional(),
  body: cannedBody.optional(),
});

/** Renames or rewords a canned reply, if it is still the version the caller read. */
export async function updateCannedReply(
  db: Db,
  actor: Actor,
  id: string,
  input: z.infer<typeof updateCannedReplyInput>,
) {
  const { row: before, workspace } = await loadReply(db, actor, id, "canned_reply.manage");
  assertCannedReply(input);
  const title = input.title?.trim() ?? before.title;
  const body = input.body ?? before.body;
  const changed = [
    ...(title !== before.title ? (["title"] as const) : []),
    ...(body !== before.body ? (["body"] as const) : []),
  ];
  const scope = scopeOf(before.ownerId);
  return db.transaction(async (tx) => {
    if (
      input.title !== undefined &&
      (await titleInUse(tx, {
        workspaceId: before.workspaceId,
        ownerId: before.ownerId,
        title,
        id,
      }))
    )
      throw titleTaken(title, scope);
    const [row] = await tx
      .update(cannedReplies)
      .set({ title, body, version: sql`${cannedReplies.version} + 1`, updatedAt: new Date() })
      .where(and(eq(cannedReplies.id, id), eq(cannedReplies.version, input.version)))
      .returning()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? titleTaken(title, scope) : error;
      });
    if (!row) throw await staleReply(tx, before);
    await emit(tx, {
      name: "canned_reply.updated",
      actorId: actor.userId,
      workspaceId: row.workspaceId,
      subjectId: row.id,
      data: { ...replyEventData(row), changed },
    });
    return presentReply(row, actor, workspace.policy);
  });
}
