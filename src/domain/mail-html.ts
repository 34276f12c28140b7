// The HTML part beside a message's text: the same words, nothing more. Mail clients that prefer
// HTML show paragraphs and working links; the text stays the message of record (templates are
// plain text), so the HTML is derived from it and never the other way round.

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

// http(s) URLs up to whitespace; a trailing full stop, comma or bracket belongs to the sentence.
const URL_PATTERN = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

function linked(line: string): string {
  let out = "";
  let at = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    out += escapeHtml(line.slice(at, start));
    const url = escapeHtml(match[0]);
    out += `<a href="${url}">${url}</a>`;
    at = start + match[0].length;
  }
  return out + escapeHtml(line.slice(at));
}

/** Paragraphs at blank lines, line breaks kept, URLs as links, everything else escaped. */
export function mailHtml(text: string, language: string | null = null): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split("\n").map(linked).join("<br>\n")}</p>`);
  const lang = language ? ` lang="${escapeHtml(language)}"` : "";
  return (
    `<!doctype html>\n<html${lang}><head><meta charset="utf-8"></head>\n` +
    `<body style="font-family: sans-serif; line-height: 1.4">\n${paragraphs.join("\n")}\n</body></html>\n`
  );
}
