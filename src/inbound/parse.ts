import { createHash } from "node:crypto";
import type { AddressObject } from "mailparser";
import type { MessageFacts } from "../domain/inbound.ts";
import { withoutDisguise } from "../domain/text.ts";

export interface IncomingFile {
  filename: string;
  contentType: string;
  content: Buffer;
  size: number;
  sha256: string;
}

export interface ParsedInbound {
  facts: MessageFacts;
  /** The sender's Message-ID, or one made from the message's hash so a re-send still matches. */
  messageId: string;
  fromName: string | null;
  /** The first recipient, for the review list. */
  toAddress: string;
  text: string;
  files: IncomingFile[];
}

export interface Envelope {
  /** "" for MAIL FROM:<>; undefined when the message did not come over SMTP. */
  from: string | undefined;
  to: readonly string[];
}

const ADDRESS = /[^\s<>,;"()]+@[^\s<>,;"()]+/g;

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flat = (entries: AddressObject["value"]): string[] =>
    entries.flatMap((e) => [...(e.address ? [e.address] : []), ...flat(e.group ?? [])]);
  return list.flatMap((a) => flat(a.value));
}

// PostgreSQL text cannot hold NUL; other controls would reach headers and pages; direction
// overrides would let a sender disguise what lists and mails show (API input refuses them).
function clean(text: string): string {
  const s = withoutDisguise(text);
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c === 0) continue;
    out += (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f ? " " : ch;
  }
  return out;
}

/** Reads a raw RFC 5322 message into what the intake decides on and stores. */
export async function parseInbound(raw: Buffer, envelope: Envelope): Promise<ParsedInbound> {
  // Loaded at the first message, not at every start: mailparser brings some 80 files.
  const { simpleParser } = await import("mailparser");
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const headers = new Map<string, string[]>();
  for (const { key, line } of mail.headerLines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    headers.set(key.toLowerCase(), [...(headers.get(key.toLowerCase()) ?? []), value]);
  }
  const delivered = (headers.get("delivered-to") ?? []).flatMap((v) => v.match(ADDRESS) ?? []);
  const to = addresses(mail.to);
  const recipients = [...envelope.to, ...to, ...addresses(mail.cc), ...delivered];
  const from = mail.from?.value[0];
  const contentType = (headers.get("content-type")?.[0] ?? "text/plain")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  const files = mail.attachments
    // Inline images of a signature or a quoted message are not what the customer sent us.
    .filter((a) => !(a.related && a.contentDisposition === "inline"))
    .map((a, i) => ({
      filename: clean(a.filename ?? `attachment-${i + 1}`).slice(0, 255),
      contentType: (a.contentType || "application/octet-stream").toLowerCase(),
      content: a.content,
      size: a.content.length,
      sha256: createHash("sha256").update(a.content).digest("hex"),
    }));
  const messageId =
    mail.messageId?.trim() ||
    `<${createHash("sha256").update(raw).digest("hex")}@inbound.baton.invalid>`;
  return {
    facts: {
      envelopeFrom: envelope.from,
      recipients,
      fromAddress: (from?.address ?? envelope.from ?? "").toLowerCase(),
      subject: clean(mail.subject ?? ""),
      headers,
      contentType: contentType || "text/plain",
    },
    messageId: clean(messageId).slice(0, 998),
    fromName: from?.name ? clean(from.name).slice(0, 200) : null,
    toAddress: recipients[0] ?? "",
    text: clean(mail.text ?? ""),
    files,
  };
}
