import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { FilePlace } from "../db/file-store.ts";
import { attachments } from "../db/schema.ts";
import { conflict } from "../domain/errors.ts";
import { emit } from "./emit.ts";

export interface NewUpload {
  id: string;
  kase: { id: string; number: number; workspaceId: string };
  uploadedBy: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  place: FilePlace;
}

/** An uploaded file on its case, waiting for a note, and its event (audit, live pages). */
export async function insertUpload(tx: Db, upload: NewUpload): Promise<{ createdAt: Date }> {
  const [row] = await tx
    .insert(attachments)
    .values({
      id: upload.id,
      caseId: upload.kase.id,
      uploadedBy: upload.uploadedBy,
      filename: upload.filename,
      contentType: upload.contentType,
      size: upload.size,
      sha256: upload.sha256,
      storage: upload.place.storage,
      storageKey: upload.place.storageKey,
      content: upload.place.content ? Buffer.from(upload.place.content) : null,
    })
    .returning({ createdAt: attachments.createdAt });
  if (!row) throw new Error("attachment insert returned nothing");
  await emit(tx, {
    name: "case.attachment_added",
    actorId: upload.uploadedBy,
    workspaceId: upload.kase.workspaceId,
    caseId: upload.kase.id,
    caseNumber: upload.kase.number,
    subjectId: upload.id,
    data: {
      number: upload.kase.number,
      filename: upload.filename,
      contentType: upload.contentType,
      size: upload.size,
      sha256: upload.sha256,
      storage: upload.place.storage,
    },
  });
  return row;
}

/** Puts uploads (locked by `uploadsForNote`) on the note; one taken meanwhile is a conflict. */
export async function linkToNote(tx: Db, activityId: number, ids: readonly string[]) {
  if (ids.length === 0) return;
  const linked = await tx
    .update(attachments)
    .set({ activityId, version: sql`${attachments.version} + 1` })
    .where(and(inArray(attachments.id, [...ids]), isNull(attachments.activityId)))
    .returning({ id: attachments.id });
  if (linked.length !== ids.length)
    throw conflict("A file was put on another note meanwhile; reload and try again");
}
