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
  "text/plain",
  "text/csv",
]);

export const servedType = (stored: string): string =>
  SAFE_TYPES.has(stored.toLowerCase()) ? stored.toLowerCase() : "application/octet-stream";

/** RFC 6266: an ASCII fallback for old clients, the exact name in filename*. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
