import { eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { attachments, cases } from "../../db/schema.ts";
import { DomainError, notFound } from "../../domain/errors.ts";
import { loadCase } from "../../loaders/cases.ts";
import { servedType } from "../../presenters/attachments.ts";
import { getInbound } from "./getInbound.ts";

/**
 * A file that came with an email: to anyone who may read its case, or, while its message is
 * held, to those who review that message.
 */
export async function readAttachment(db: Db, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("Attachment");
  const [row] = await db
    .select({
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      sha256: attachments.sha256,
      content: attachments.content,
      caseNumber: cases.number,
      inboundMessageId: attachments.inboundMessageId,
    })
    .from(attachments)
    .leftJoin(cases, eq(cases.id, attachments.caseId))
    .where(eq(attachments.id, id));
  if (!row) throw notFound("Attachment");
  try {
    if (row.caseNumber !== null) await loadCase(db, actor, row.caseNumber, "case.read");
    else if (row.inboundMessageId !== null) await getInbound(db, actor, row.inboundMessageId);
    else throw notFound("Attachment");
  } catch (error) {
    // A stranger learns nothing, not even which case the file belongs to.
    if (error instanceof DomainError && error.kind === "not_found") throw notFound("Attachment");
    throw error;
  }
  return {
    filename: row.filename,
    contentType: servedType(row.contentType),
    size: row.size,
    sha256: row.sha256,
    content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength),
  };
}
