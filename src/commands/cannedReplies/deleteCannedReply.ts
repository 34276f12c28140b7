import { and, eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { cannedReplies } from "../../db/schema.ts";
import { replyEventData } from "../../domain/canned-replies.ts";
import { loadReply, staleReply } from "../../loaders/canned-replies.ts";
import { emit } from "../../writes/emit.ts";

/** Deletes a canned reply, if it is still the version the caller read. */
export async function deleteCannedReply(db: Db, actor: Actor, id: string, version: number) {
  const { row: before } = await loadReply(db, actor, id, "canned_reply.manage");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(cannedReplies)
      .where(and(eq(cannedReplies.id, id), eq(cannedReplies.version, version)))
      .returning();
    if (!row) throw await staleReply(tx, before);
    await emit(tx, {
      name: "canned_reply.deleted",
      actorId: actor.userId,
      workspaceId: row.workspaceId,
      subjectId: row.id,
      data: replyEventData(row),
    });
  });
}
