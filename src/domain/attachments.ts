// Which files engineers may attach to a case, what they are called, and how they are served
// (docs/attachments.md). The bytes decide the type, never the name or what the browser claims.

/** Raster images a browser shows as a picture and nothing else: the only types shown inline. */
export const PREVIEW_TYPES: readonly string[] = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
];

export const DEFAULT_ALLOWED_TYPES: readonly string[] = [
  ...PREVIEW_TYPES,
  "image/bmp",
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/json",
  "application/zip",
  "application/gzip",
];

/**
 * Types a browser may run or render as a page. No setting allows them: a page served from
 * Baton's origin could act as the person who opened it.
 */
export const NEVER_ALLOWED =
  /^(text\/html|application\/xhtml|image\/svg|[a-z]+\/[a-z.+-]*xml\b|text\/(javascript|ecmascript)|application\/(javascript|ecmascript|x-javascript))/i;

/** Names that a browser or desktop treats as a page or a script, whatever the content. */
const RISKY_EXTENSION = /\.(html?|xhtml|shtml|svgz?|xml|xsl|js|mjs|cjs|hta|htc|php\d?|jsp|aspx?)$/i;

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|bmp|avif|ico|tiff?)$/i;

/** What a text file is, from its name or declared type; null: plain text. */
const TEXT_TYPES: readonly { ext: RegExp; mime: string }[] = [
  { ext: /\.csv$/i, mime: "text/csv" },
  { ext: /\.json$/i, mime: "application/json" },
];

export const MAX_FILENAME = 200;

export interface AttachmentLimits {
  maxBytes: number;
  allowedTypes: readonly string[];
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxBytes: 10 * 1024 * 1024,
  allowedTypes: DEFAULT_ALLOWED_TYPES,
};

/**
 * A name safe to store and to show: no folders, no control or direction-changing characters,
 * at most MAX_FILENAME characters with the extension kept.
 */
export function cleanFilename(raw: string): string {
  const base = raw.normalize("NFC").split(/[/\\]/).at(-1) ?? "";
  const clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!clean) return "file";
  const chars = [...clean];
  if (chars.length <= MAX_FILENAME) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 ? [...clean.slice(dot)] : [];
  const keep = ext.length > 0 && ext.length <= 16 ? ext : [];
  return [...chars.slice(0, MAX_FILENAME - keep.length), ...keep].join("").trim();
}

/** UTF-8 without NUL bytes: a log, a CSV, JSON or plain text. */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface FileFacts {
  filename: string;
  /** What the uploader's browser or client said; trusted for nothing but refusing. */
  declaredType: string;
  /** What the bytes are, by their signature; undefined when they carry none (text). */
  detectedType: string | undefined;
  isText: boolean;
}

export type TypeDecision =
  | { ok: true; contentType: string }
  | { ok: false; code: "file_type_not_allowed" | "file_type_mismatch"; message: string };

const baseType = (t: string) => (t.split(";")[0] ?? "").trim().toLowerCase();

/**
 * The type a file is stored and served as, or why it is refused: a type not allowed here, a
 * page or script under any name, or content that is not what its name or declared type says in
 * a way that matters (text, HTML or SVG posing as an image).
 */
export function decideFileType(facts: FileFacts, allowed: readonly string[]): TypeDecision {
  const declared = baseType(facts.declaredType);
  const allowedSet = new Set(allowed.map(baseType));
  const claimsImage = declared.startsWith("image/") || IMAGE_EXTENSION.test(facts.filename);
  if (NEVER_ALLOWED.test(declared) || RISKY_EXTENSION.test(facts.filename))
    return {
      ok: false,
      code: "file_type_not_allowed",
      message: "web pages, SVG, XML and scripts cannot be attached; zip them or paste the text",
    };
  const detected = facts.detectedType ? baseType(facts.detectedType) : undefined;
  if (claimsImage && !detected?.startsWith("image/"))
    return {
      ok: false,
      code: "file_type_mismatch",
      message: `is named as an image but its content is ${detected ?? (facts.isText ? "text" : "not an image")}`,
    };
  let type: string;
  if (detected) type = detected;
  else if (facts.isText)
    type =
      TEXT_TYPES.find((t) => t.ext.test(facts.filename) || t.mime === declared)?.mime ??
      (declared === "text/csv" ? "text/csv" : "text/plain");
  else
    return {
      ok: false,
      code: "file_type_not_allowed",
      message: "Baton cannot tell what kind of file this is, so it does not take it",
    };
  if (NEVER_ALLOWED.test(type) || !allowedSet.has(type))
    return {
      ok: false,
      code: "file_type_not_allowed",
      message: `files of type ${type} are not accepted here (allowed: ${[...allowedSet].join(", ")})`,
    };
  return { ok: true, contentType: type };
}

/** Whether a stored type may be shown inline as a preview (`<img src>`); never markup. */
export const isPreviewable = (type: string): boolean => PREVIEW_TYPES.includes(baseType(type));
