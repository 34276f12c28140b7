// Header values built from user input (a case subject, a contact's name) must stay on one line:
// a CR or LF would let that input start a header of its own (Bcc:, a second body). Validation
// keeps new subjects single-line, but old rows, imported data and other fields are not checked.

// C0 and C1 controls (CR, LF, NEL among them), DEL, and the Unicode line and paragraph separators.
const BREAKS = /[\p{Cc}\p{Zl}\p{Zp}]+/gu;

/** One line of at most `max` characters, every control character turned into a space. */
export function headerText(value: string, max = 200): string {
  const line = value.replace(BREAKS, " ").replace(/\s+/g, " ").trim();
  // No more UTF-16 units than `max` means no more characters: most lines need no counting.
  if (line.length <= max) return line;
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join("")}…`;
}

// Deliberately narrower than RFC 5322: no display name, comments, quoting, or list separators, so
// a stored address can never carry a second recipient or a header into the envelope.
const MAILBOX =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** A plain address (`someone@example.com`), the only form Baton sends to. */
export function isPlainAddress(value: string): boolean {
  return value.length <= 254 && MAILBOX.test(value);
}
