import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { attachments, cases, users } from "../db/schema.ts";
import { DomainError } from "../domain/errors.ts";

/** What a case's file list shows of each file (never its bytes). */
export const attachmentListColumns = {
  id: attachments.id,
  filename: attachments.filename,
  contentType: attachments.contentType,
  size: attachments.size,
  activityId: attachments.activityId,
  inboundMessageId: attachments.inboundMessageId,
  uploadedBy: attachments.uploadedBy,
  uploaderName: users.name,
  createdAt: attachments.createdAt,
};

export interface AttachmentListRow {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  activityId: number | null;
  inboundMessageId: number | null;
  uploadedBy: string | null;
  uploaderName: string | null;
  createdAt: Date;
}

/** A case's files, oldest first: uploads and the files of emails attached to it. */
export async function caseAttachments(db: Db, caseId: string): Promise<AttachmentListRow[]> {
  return db
    .select(attachmentListColumns)
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.createdAt), asc(attachments.filename))
    .limit(500);
}

/** One file with where its bytes are and the case it is on (null: a held email's file). */
export async function attachmentWithCase(db: Db, id: string) {
  const [row] = await db
    .select({
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      sha256: attachments.sha256,
      storage: attachments.storage,
      storageKey: attachments.storageKey,
      content: attachments.content,
      caseNumber: cases.number,
      inboundMessageId: attachments.inboundMessageId,
    })
    .from(attachments)
    .leftJoin(cases, eq(cases.id, attachments.caseId))
    .where(eq(attachments.id, id));
  return row;
}

export interface NoteFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/**
 * The uploads a note takes, locked: each must be the author's own, on this case, and on no note
 * yet. The first that is not is named (`attachmentIds.N`).
 */
export async function uploadsForNote(
  tx: Db,
  input: { caseId: string; userId: string; ids: readonly string[] },
): Promise<NoteFile[]> {
  if (input.ids.length === 0) return [];
  const rows = await tx
    .select({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
    })
    .from(attachments)
    .where(
      and(
        inArray(attachments.id, [...input.ids]),
        eq(attachments.caseId, input.caseId),
        eq(attachments.uploadedBy, input.userId),
        isNull(attachments.activityId),
      ),
    )
    .for("update");
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = input.ids.findIndex((id) => !byId.has(id));
  if (missing >= 0) {
    const field = `attachmentIds.${missing}`;
    const message = "is not a file you uploaded to this case, or it is already on a note";
    throw new DomainError("rule", "attachment_not_yours", `${field}: ${message}`, {
      issues: [{ field, message }],
    });
  }
  return input.ids.map((id) => byId.get(id)).filter((f): f is NoteFile => f !== undefined);
}
