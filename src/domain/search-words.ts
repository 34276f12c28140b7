// What a person typed into the search box, as words PostgreSQL's text search can take. Only
// letters and digits are kept, so nothing typed can be read as a query operator (&, |, !, :*,
// parentheses) or break out of a quoted lexeme; every word is a prefix, as the box is typed into.

/** More words than this narrow nothing a person means; the rest are left out. */
const MAX_WORDS = 8;
const MAX_WORD = 60;

/** The distinct words of `q`, lower case; empty when it holds only punctuation or operators. */
export function searchWords(q: string): string[] {
  const words = (
    q
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).map((w) => w.slice(0, MAX_WORD));
  return [...new Set(words)].slice(0, MAX_WORDS);
}

const spellOutUmlauts = (w: string) =>
  w.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");

// The same folding as nameVector in src/db/search.ts.
const ACCENTED = "äöüàáâèéêëìíîïòóôùúûñç";
const PLAIN = "aouaaaeeeeiiiiooouuunc";
const dropAccents = (w: string) =>
  [...w].map((c) => (ACCENTED.includes(c) ? PLAIN[ACCENTED.indexOf(c)] : c)).join("");

/** The spellings of a word a name may be indexed under ("müller": mueller, muller). */
export const nameSpellings = (word: string) => [
  ...new Set([spellOutUmlauts(word), dropAccents(word)]),
];

/** to_tsquery text for prose: every word, as a prefix, stemmed by the configuration. */
export const proseTerms = (words: readonly string[]) => words.map((w) => `'${w}':*`).join(" & ");

/** to_tsquery text for names and addresses: every word, in any of its spellings, as a prefix. */
export const nameTerms = (words: readonly string[]) =>
  words
    .map(
      (w) =>
        `(${nameSpellings(w)
          .map((s) => `'${s}':*`)
          .join(" | ")})`,
    )
    .join(" & ");

export interface Segment {
  text: string;
  mark: boolean;
}

/** Where ts_headline's marks start and stop: control characters no stored text contains. */
export const MARK_START = "\u0001";
export const MARK_STOP = "\u0002";

/** A headline with MARK_START/MARK_STOP around its matches, as plain and marked pieces. */
export function headlineSegments(headline: string): Segment[] {
  const segments: Segment[] = [];
  for (const [i, part] of headline.split(MARK_START).entries()) {
    const [marked, rest] = i === 0 ? [null, part] : splitOnce(part);
    if (marked) segments.push({ text: marked, mark: true });
    if (rest) segments.push({ text: rest, mark: false });
  }
  return segments;
}

function splitOnce(part: string): [string, string] {
  const at = part.indexOf(MARK_STOP);
  return at < 0 ? [part, ""] : [part.slice(0, at), part.slice(at + 1).replaceAll(MARK_STOP, "")];
}

/**
 * A name or address with the words marked that the search matched: a word of it whose spelling
 * starts with one of the searched words' spellings.
 */
export function markedName(text: string, words: readonly string[]): Segment[] {
  const wanted = words.flatMap(nameSpellings);
  const segments: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const spellings = nameSpellings(m[0].toLowerCase());
    if (!spellings.some((s) => wanted.some((w) => s.startsWith(w)))) continue;
    if (m.index > last) segments.push({ text: text.slice(last, m.index), mark: false });
    segments.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), mark: false });
  return segments;
}
