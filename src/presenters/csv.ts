// RFC 4180 text through csv-stringify: CRLF between records, a field quoted when it holds a comma,
// a quote, CR or LF, its quotes doubled; whole files for small exports, a stream for large ones.
import { type Stringifier, stringify } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";

export type CsvCell = string | number | null;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula; text
 * people typed must not become one in whoever opens the export (OWASP "CSV injection"), so such a
 * cell is kept as text with a leading apostrophe.
 */
const FORMULA = /^[=+\-@\t\r]/;
const guarded = (value: string) => (FORMULA.test(value) ? `'${value}` : value);

const OPTIONS = { record_delimiter: "\r\n", cast: { string: guarded } } as const;

/** A header row and the records, each line ending in CRLF. */
export function toCsv(header: readonly string[], rows: readonly CsvCell[][]): string {
  return stringifySync([header, ...rows] as CsvCell[][], OPTIONS);
}

/** The same as a stream: write records as they are read; the header row comes first. */
export function csvStream(header: readonly string[]): Stringifier {
  const out = stringify(OPTIONS);
  out.write([...header]);
  return out;
}
