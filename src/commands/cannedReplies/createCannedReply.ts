import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cannedReplies } from "../../db/schema.ts";
import {
  assertCannedReply,
  CANNED_SCOPES,
  cannedBody,
  cannedTitle,
  replyEventData,
  titleTaken,
} from "../../domain/canned-replies.ts";
import { cannedWorkspace, titleInUse } from "../../loaders/canned-replies.ts";
import { presentReply } from "../../presenters/canned-replies.ts";
import { emit } from "../../writes/emit.ts";

export const createCannedReplyInput = z.strictObject({
  scope: z
    .enum(CANNED_SCOPES, `must be one of ${CANNED_SCOPES.join(", ")}`)
    .describe("workspace: everyone's (admins manage them); personal: your own"),
  title: cannedTitle,
  body: cannedBody,
});

/** A canned reply for the workspace (its admins) or for the caller alone. */
export async function createCannedReply(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof createCannedReplyInput>,
) {
  const ws = await cannedWorkspace(db, actor, slug);
  const ownerId = input.scope === "personal" ? actor.userId : null;
  authorize(
    actor,
    "canned_reply.manage",
    { workspaceId: ws.id, replyOwner: ownerId },
    ws.policy,
    `Workspace ${slug}`,
  );
  assertCannedReply(input);
  const title = input.title.trim();
  return db.transaction(async (tx) => {
    if (await titleInUse(tx, { workspaceId: ws.id, ownerId, title }))
      throw titleTaken(title, input.scope);
    // A colleague saving the same title at this moment passes the check too: the unique index
    // decides, and the loser hears the same 409.
    const [row] = await tx
      .insert(cannedReplies)
      .values({ workspaceId: ws.id, ownerId, title, body: input.body, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw titleTaken(title, input.scope);
    await emit(tx, {
      name: "canned_reply.created",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: replyEventData(row),
    });
    return presentReply(row, actor, ws.policy);
  });
}
