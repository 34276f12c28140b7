import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import type { FileStore } from "../../db/file-store.ts";
import { isPreviewable } from "../../domain/attachments.ts";
import { DomainError, notFound } from "../../domain/errors.ts";
import { attachmentWithCase } from "../../loaders/attachments.ts";
import { loadCase } from "../../loaders/cases.ts";
import { servedType } from "../../presenters/attachments.ts";
import { getInbound } from "../inbound/getInbound.ts";

/**
 * A file on a case, to anyone who may read the case; a held email's file to those who review
 * that message. As a preview only when it is a raster image: anything else has none.
 */
export async function readAttachment(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: string,
  as: "download" | "preview" = "download",
) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("Attachment");
  const row = await attachmentWithCase(db, id);
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
  const contentType = servedType(row.contentType);
  if (as === "preview" && !isPreviewable(contentType)) throw notFound("Preview");
  return {
    filename: row.filename,
    contentType,
    inline: as === "preview",
    size: row.size,
    sha256: row.sha256,
    content: await store.read(row),
  };
}
