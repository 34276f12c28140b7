import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { loadForReview } from "../../loaders/inbound-review.ts";
import { emit } from "../../writes/emit.ts";
import { claimForReview } from "../../writes/inbound-claim.ts";
import { version } from "./attachInbound.ts";
import { getInbound } from "./getInbound.ts";

export const discardInput = z.strictObject({ version });

/** An admin decides a held message is not for any case; it stays readable as `discarded`. */
export async function discardInbound(
  db: Db,
  actor: Actor,
  messageId: number,
  input: z.infer<typeof discardInput>,
) {
  const message = await loadForReview(db, actor, messageId);
  await db.transaction(async (tx) => {
    await claimForReview(tx, actor, messageId, input.version, "discarded");
    await emit(tx, {
      name: "inbound.discarded",
      actorId: actor.userId,
      workspaceId: message.workspaceId,
      subjectId: String(messageId),
      data: { from: message.from, subject: message.subject },
    });
  });
  return getInbound(db, actor, messageId);
}
