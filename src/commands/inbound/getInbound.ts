import { eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { attachments } from "../../db/schema.ts";
import { loadForReview } from "../../loaders/inbound-review.ts";
import { inboundView } from "../../presenters/inbound.ts";

export async function getInbound(db: Db, actor: Actor, messageId: number) {
  const { text, raw, ...row } = await loadForReview(db, actor, messageId);
  const files = await db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
    })
    .from(attachments)
    .where(eq(attachments.inboundMessageId, messageId))
    .orderBy(attachments.createdAt, attachments.filename);
  return { ...inboundView(row, text), text, raw, attachments: files };
}
