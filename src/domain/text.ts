import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
// Zod speaks Baton's wording wherever a schema is built from these helpers.
import "./issue-wording.ts";

// PostgreSQL cannot store NUL, and other C0 controls silently corrupt exports and mail headers;
// tab, LF and CR are ordinary text.
const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0d]);

function hasForbiddenControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && !ALLOWED_CONTROLS.has(c)) || c === 0x7f) return true;
  }
  return false;
}

// Embeddings, overrides and isolates reorder how text is shown: "txt.exe" can be made to read
// "exe.txt" in a list or a mail. The byte-order mark is an invisible character mid-text. The
// plain marks (U+200E, U+200F, U+061C) stay: right-to-left writers need them, and they cannot
// reorder characters around them.
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const BYTE_ORDER_MARK = "\uFEFF";

// One pass over the text finds anything the checks below could object to; almost all text has
// none, and is then done with in one regex scan.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFEFF]/;

export function textProblem(value: string): string | undefined {
  if (!SUSPECT.test(value) && value.isWellFormed()) return undefined;
  if (!value.isWellFormed()) return "contains broken Unicode (a lone surrogate)";
  if (hasForbiddenControl(value)) return "contains control characters";
  if (DIRECTION_CONTROLS.test(value))
    return "contains hidden direction controls (U+202A to U+202E, U+2066 to U+2069) that can disguise text";
  if (value.includes(BYTE_ORDER_MARK)) return "contains a hidden byte-order mark (U+FEFF)";
  return undefined;
}

/**
 * Text from outside (mail from customers) cannot be refused like API input: the characters that
 * could disguise it are taken out instead, so lists and mails show it as written.
 */
export function withoutDisguise(value: string): string {
  return value.replace(/[\u202A-\u202E\u2066-\u2069\uFEFF]/g, "");
}

/**
 * A single line from outside that is stored rather than refused (a name an identity provider
 * sends): without disguise, controls or broken Unicode, white space runs made one space, and cut
 * to `max` UTF-16 units without splitting a character. Empty when nothing is left.
 */
export function lineFromOutside(value: string, max: number): string {
  const plain = withoutDisguise(value.toWellFormed())
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is its purpose
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  let kept = "";
  for (const char of plain) {
    if (kept.length + char.length > max) break;
    kept += char;
  }
  return kept.trimEnd();
}

/** Text that is stored byte for byte: any well-formed Unicode except control characters. */
export const safeText = (max: number, min = 0) =>
  z
    .string()
    .min(min, min > 0 ? `must not be empty` : undefined)
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** Single-line text: no line breaks either (titles, names, subjects). */
export const lineText = (max: number, min = 1) =>
  safeText(max, min).refine((v) => !/[\r\n\t]/.test(v), "must be a single line");

/** A required single line that is not only white space. */
export const requiredLine = (max: number) =>
  lineText(max, 1).refine((v) => v.trim().length > 0, "must not be blank");

// Intl.supportedValuesOf misses valid aliases (Asia/Kolkata), so ask luxon's IANA lookup, and
// refuse offsets ("+05:30", "UTC+1") that are not region names.
export function isIanaZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  if (/^(UTC|GMT|Etc\/GMT|Etc\/UTC)[+-]/i.test(name)) return false;
  return IANAZone.isValidZone(name);
}

export const ianaZone = z
  .string()
  .max(64)
  .refine(isIanaZone, "must be an IANA time zone name such as Europe/Berlin");

// PostgreSQL has no year 0 and cannot read expanded years (+275760-…): keep to four digits.
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** ISO 8601 date-time with an offset; impossible dates (Feb 30) are refused. */
export const isoDateTime = z
  .string()
  .max(40)
  .refine((v) => {
    if (!/^\d{4}-/.test(v) || !/[zZ]|[+-]\d\d:?\d\d$/.test(v)) return false;
    const parsed = DateTime.fromISO(v, { setZone: true });
    return parsed.isValid && parsed.toMillis() >= EARLIEST && parsed.toMillis() <= LATEST;
  }, "must be an ISO 8601 date-time with a time zone offset, e.g. 2026-11-23T09:00:00Z");

export const toDate = (iso: string): Date => DateTime.fromISO(iso, { setZone: true }).toJSDate();

const uuid = z.uuid();
/** Whether a path's id can name a row at all (PostgreSQL raises on a malformed uuid). */
export const isUuid = (id: string): boolean => uuid.safeParse(id).success;

export const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes");

export const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be letters, digits, '_', '.' or '-'");

/** An address in a team's tracker: any http or https URL (a link, never a script). */
export const trackerUrl = z
  .string()
  .max(2_000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an http or https address, e.g. https://tracker.example.com/issues/123");
