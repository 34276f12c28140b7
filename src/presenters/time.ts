/**
 * An instant as the API writes it (ISO 8601, UTC, milliseconds), from a Date or from
 * PostgreSQL's text of a timestamptz ("2026-12-05 19:46:18.123456+00" when the session's time
 * zone is UTC, "2026-12-05T19:46:18.123456+00:00" inside JSON). That text is rewritten in place, as `new Date(text).toISOString()` would write
 * it (fraction cut to milliseconds); any other form (another offset, a year before 1000) goes
 * through Date.
 */
export function isoOf<T extends Date | string | null>(value: T): T extends null ? null : string;
export function isoOf(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value !== "string") return value.toISOString();
  const n = value.length;
  if (
    n >= 22 &&
    value.charCodeAt(n - 3) === 43 && // "+"
    value.charCodeAt(n - 2) === 48 &&
    value.charCodeAt(n - 1) === 48 &&
    value.charCodeAt(10) === 32 && // " "
    value.charCodeAt(4) === 45 && // "-"
    (n === 22 || value.charCodeAt(19) === 46) // "."
  ) {
    const fraction = n === 22 ? "000" : `${value.slice(20, n - 3)}00`.slice(0, 3);
    return `${value.slice(0, 10)}T${value.slice(11, 19)}.${fraction}Z`;
  }
  // The same instant inside JSON ("2026-12-05T19:46:18.123456+00:00"), as lists read their rows.
  if (
    n >= 25 &&
    value.endsWith("+00:00") &&
    value.charCodeAt(10) === 84 && // "T"
    value.charCodeAt(4) === 45 &&
    (n === 25 || value.charCodeAt(19) === 46)
  ) {
    const fraction = n === 25 ? "000" : `${value.slice(20, n - 6)}00`.slice(0, 3);
    return `${value.slice(0, 19)}.${fraction}Z`;
  }
  return new Date(value).toISOString();
}
