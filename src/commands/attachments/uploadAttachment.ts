import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import type { FileStore } from "../../db/file-store.ts";
import {
  type AttachmentLimits,
  cleanFilename,
  decideFileType,
  looksLikeText,
} from "../../domain/attachments.ts";
import { invalid, ruleBroken, tooLarge, unsupportedType } from "../../domain/errors.ts";
import { loadCase } from "../../loaders/cases.ts";
import { presentAttachment } from "../../presenters/attachments.ts";
import { insertUpload } from "../../writes/attachments.ts";

export interface UploadedFile {
  /** The name the client sent; cleaned before it is stored. */
  filename: string;
  /** The type the client declared; the bytes decide. */
  declaredType: string;
  bytes: Buffer;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Stores a file an engineer uploads to a case, waiting for the note that will carry it. Whoever
 * may add notes may upload. The type comes from the bytes; a refused file leaves nothing behind.
 */
export async function uploadAttachment(
  db: Db,
  store: FileStore,
  actor: Actor,
  number: number,
  file: UploadedFile,
  limits: AttachmentLimits,
) {
  const { row: kase } = await loadCase(db, actor, number, "case.note");
  if (kase.status === "closed")
    throw ruleBroken(
      "case_closed",
      "A closed case takes no more files; a new issue gets a new case",
    );
  if (file.bytes.length === 0) throw invalid("file", "is empty");
  if (file.bytes.length > limits.maxBytes)
    throw tooLarge("file", `is larger than the ${mb(limits.maxBytes)} a file may be`);
  const filename = cleanFilename(file.filename);
  // file-type (with its tokenizers) is loaded at the first upload, not at every start.
  const { fileTypeFromBuffer } = await import("file-type");
  const detected = await fileTypeFromBuffer(file.bytes);
  const decision = decideFileType(
    {
      filename,
      declaredType: file.declaredType,
      detectedType: detected?.mime,
      isText: detected ? false : looksLikeText(file.bytes),
    },
    limits.allowedTypes,
  );
  if (!decision.ok) throw unsupportedType("file", decision.code, decision.message);
  const id = randomUUID();
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const place = await store.put(
    `attachments/${kase.workspaceId}/${id}`,
    file.bytes,
    decision.contentType,
  );
  try {
    const { createdAt } = await db.transaction((tx) =>
      insertUpload(tx, {
        id,
        kase: { id: kase.id, number, workspaceId: kase.workspaceId },
        uploadedBy: actor.userId,
        filename,
        contentType: decision.contentType,
        size: file.bytes.length,
        sha256,
        place,
      }),
    );
    return presentAttachment({
      id,
      filename,
      contentType: decision.contentType,
      size: file.bytes.length,
      activityId: null,
      inboundMessageId: null,
      uploadedBy: actor.userId,
      uploaderName: actor.name,
      createdAt,
    });
  } catch (error) {
    // The row never committed: bytes kept elsewhere would be nobody's.
    await store.discard(place).catch(() => {});
    throw error;
  }
}
