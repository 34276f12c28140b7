import { isPreviewable } from "../domain/attachments.ts";
import type { AttachmentListRow } from "../loaders/attachments.ts";

// Types a browser shows as inert content. Anything else (HTML, SVG, scripts) is served as bytes.
const SAFE_TYPES = new Set([
  "application/pdf",
  "application/zip",
  "application/gzip",
  "application/json",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/bmp",
  "text/plain",
  "text/csv",
]);

export const servedType = (stored: string): string =>
  SAFE_TYPES.has(stored.toLowerCase()) ? stored.toLowerCase() : "application/octet-stream";

/**
 * RFC 6266 with RFC 5987's filename*: an ASCII fallback for old clients, the exact name in
 * UTF-8. `inline` only for a raster image shown as a preview.
 */
export function contentDisposition(filename: string, inline = false): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/**
 * A served file may not run anything, even when opened on its own: no scripts, no plugins, no
 * requests; an image may still be drawn.
 */
export const FILE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;

/** A file in a case's list: who added it, when, on which note, and a preview for an image. */
export function presentAttachment(row: AttachmentListRow) {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: row.size,
    source: row.inboundMessageId !== null && row.uploadedBy === null ? "email" : "upload",
    uploadedBy:
      row.uploadedBy !== null
        ? { id: row.uploadedBy, name: row.uploaderName ?? "(unknown)" }
        : null,
    noteId: row.activityId,
    createdAt: row.createdAt.toISOString(),
    url: attachmentUrl(row.id),
    previewUrl: isPreviewable(row.contentType) ? `${attachmentUrl(row.id)}/preview` : null,
  } as const;
}
