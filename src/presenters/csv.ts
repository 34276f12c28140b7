// RFC 4180 text: CRLF between records, a field in double quotes when it holds a comma, a quote,
// CR or LF, its quotes doubled. Package.json has no CSV writer and this is all the sheet needs.

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula; text
 * people typed must not become one in whoever opens the export (OWASP "CSV injection"), so such a
 * cell is kept as text with a leading apostrophe.
 */
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row and the records, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly (string | number | null)[][]) {
  return [header, ...rows].map((r) => `${r.map(csvField).join(",")}\r\n`).join("");
}
