// Email in (issue 6, S2.3): what an arriving message is, decided without I/O. The intake
// (src/commands/inbound/receiveMessage.ts) gathers the facts, asks these functions, and stores
// the outcome.

/** Where an arrived message stands: kept for review, let go, made a note, or thrown away. */
export const INBOUND_STATES = ["held", "ignored", "attached", "discarded"] as const;
export type InboundState = (typeof INBOUND_STATES)[number];

/** What Baton reads from one arriving message before deciding. */
export interface MessageFacts {
  /** SMTP MAIL FROM: "" for the null reverse-path `<>`; undefined when not known (HTTP intake). */
  envelopeFrom: string | undefined;
  /** Envelope RCPT TO, then To, Cc and Delivered-To, as plain addresses. */
  recipients: readonly string[];
  fromAddress: string;
  subject: string;
  /** Header name (lower case) → its values, as they came. */
  headers: ReadonlyMap<string, readonly string[]>;
  /** The top-level content type, lower case, without parameters (e.g. "multipart/report"). */
  contentType: string;
}

/** Baton's own addresses, to recognise replies to it and mail from it. */
export interface OwnAddresses {
  /** The From of every outgoing message. */
  from: string;
  /** The base of per-case reply addresses: `local+<case number>@domain`. */
  replyTo: string;
}

export interface Limits {
  /** Any single attachment larger than this holds the message. */
  maxFileBytes: number;
  /** All attachments together larger than this hold the message. */
  maxMessageBytes: number;
  /** More messages than this from one sender to one case within an hour are held. */
  floodPerHour: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxMessageBytes: 25 * 1024 * 1024,
  floodPerHour: 20,
};

const lower = (s: string) => s.trim().toLowerCase();

function splitAddress(address: string): { local: string; domain: string } | undefined {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return undefined;
  return { local: lower(address.slice(0, at)), domain: lower(address.slice(at + 1)) };
}

const AUTO_SUBJECT =
  /^\s*(auto:|automatic reply|auto[- ]?reply|autoreply|out of (the )?office|abwesenheitsnotiz|r[ée]ponse automatique|undeliverable:|undelivered mail|delivery status notification|mail delivery failed)/i;

const header = (m: MessageFacts, name: string): readonly string[] => m.headers.get(name) ?? [];

/**
 * Why a message was written by a machine and must never be answered or turned into a note, or
 * null for a message a person wrote. RFC 3834 and the headers auto-responders actually send.
 */
export function automaticReason(m: MessageFacts, own: OwnAddresses): string | null {
  if (header(m, "x-baton-delivery").length > 0)
    return "Loop: carries Baton's own X-Baton-Delivery header";
  const from = lower(m.fromAddress);
  const ownFrom = splitAddress(own.from);
  const ownReply = splitAddress(own.replyTo);
  const sender = splitAddress(from);
  if (from === lower(own.from)) return "Loop: sent from Baton's own address";
  if (
    sender &&
    ownReply &&
    sender.domain === ownReply.domain &&
    (sender.local === ownReply.local || sender.local.startsWith(`${ownReply.local}+`))
  )
    return "Loop: sent from Baton's reply address";
  if (ownFrom && sender && sender.local === ownFrom.local && sender.domain === ownFrom.domain)
    return "Loop: sent from Baton's own address";
  if (m.envelopeFrom === "") return "Bounce: null reverse-path (MAIL FROM:<>)";
  if (header(m, "return-path").some((v) => /^\s*<\s*>\s*$/.test(v)))
    return "Bounce: null reverse-path (Return-Path: <>)";
  if (m.contentType === "multipart/report")
    return "Delivery status notification (multipart/report)";
  const auto = header(m, "auto-submitted").find((v) => lower(v.split(";")[0] ?? "") !== "no");
  if (auto !== undefined) return `Automatic: Auto-Submitted: ${auto.trim()}`;
  const precedence = header(m, "precedence").find((v) =>
    ["bulk", "junk", "list", "auto_reply"].includes(lower(v)),
  );
  if (precedence !== undefined) return `Automatic: Precedence: ${precedence.trim()}`;
  if (header(m, "list-id").length > 0) return "Mailing list (List-Id)";
  if (header(m, "list-unsubscribe").length > 0) return "Mailing list (List-Unsubscribe)";
  if (header(m, "x-autoreply").length > 0) return "Automatic: X-Autoreply";
  if (header(m, "x-autorespond").length > 0) return "Automatic: X-Autorespond";
  if (header(m, "x-auto-response-suppress").some((v) => /\b(oof|all)\b/i.test(v)))
    return "Automatic: X-Auto-Response-Suppress (out of office)";
  if (AUTO_SUBJECT.test(m.subject)) return `Automatic reply (subject "${m.subject.trim()}")`;
  return null;
}

/**
 * The case a message answers: `<local>+<number>@<domain>` of the reply address in any recipient,
 * else `[Case <number>]` in the subject. Null when it names none.
 */
export function caseReference(m: MessageFacts, replyTo: string): number | null {
  const base = splitAddress(replyTo);
  if (base) {
    const local = base.local.replace(/\+.*$/, "");
    for (const r of m.recipients) {
      const a = splitAddress(r);
      if (!a || a.domain !== base.domain || !a.local.startsWith(`${local}+`)) continue;
      const n = a.local.slice(local.length + 1);
      if (/^[1-9][0-9]{0,15}$/.test(n) && Number.isSafeInteger(Number(n))) return Number(n);
    }
  }
  const tag = /\[Case ([1-9][0-9]{0,15})\]/i.exec(m.subject);
  if (tag?.[1] && Number.isSafeInteger(Number(tag[1]))) return Number(tag[1]);
  return null;
}

/** Who the sender is to the case: its customer's contact, a workspace member, or neither. */
export type SenderRole = "contact" | "member" | "stranger";

export interface Circumstances {
  automatic: string | null;
  reference: number | null;
  /** The referenced case, if it exists. */
  found: { number: number; closed: boolean } | null;
  sender: SenderRole;
  /** Messages from this sender to this case in the last hour, this one not counted. */
  recentFromSender: number;
  attachmentSizes: readonly number[];
  limits: Limits;
}

export type Outcome =
  | { state: "attached"; caseNumber: number }
  | { state: "held"; reason: string; caseNumber: number | null }
  | { state: "ignored"; reason: string; caseNumber: number | null };

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Why the attachments are over the limits, or null when they are within them. */
export function oversize(sizes: readonly number[], limits: Limits): string | null {
  const big = sizes.find((s) => s > limits.maxFileBytes);
  if (big !== undefined)
    return `Too large: an attachment of ${mb(big)} (limit ${mb(limits.maxFileBytes)})`;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > limits.maxMessageBytes)
    return `Too large: attachments of ${mb(total)} (limit ${mb(limits.maxMessageBytes)})`;
  return null;
}

/** What becomes of a message: attached to its case, held for an admin, or ignored as automatic. */
export function decideInbound(c: Circumstances): Outcome {
  const caseNumber = c.found?.number ?? null;
  if (c.automatic) return { state: "ignored", reason: c.automatic, caseNumber };
  if (c.reference === null)
    return {
      state: "held",
      reason: "No case reference (no +number address, no [Case n] subject)",
      caseNumber,
    };
  if (!c.found) return { state: "held", reason: `Unknown case number ${c.reference}`, caseNumber };
  const tooLarge = oversize(c.attachmentSizes, c.limits);
  if (tooLarge) return { state: "held", reason: tooLarge, caseNumber };
  if (c.sender === "stranger")
    return {
      state: "held",
      reason: `Sender is not a contact of case ${c.found.number}'s customer nor a member of its workspace`,
      caseNumber,
    };
  if (c.found.closed)
    return { state: "held", reason: `Case ${c.found.number} is closed`, caseNumber };
  if (c.recentFromSender >= c.limits.floodPerHour)
    return {
      state: "held",
      reason: `Flood: more than ${c.limits.floodPerHour} messages from this sender to case ${c.found.number} within an hour`,
      caseNumber,
    };
  return { state: "attached", caseNumber: c.found.number };
}

const ATTRIBUTION =
  /^\s*(On\b.{0,300}\bwrote:|Am\b.{0,300}\bschrieb\b.{0,200}:|Le\b.{0,300}\ba écrit\s*:)\s*$/i;
const ORIGINAL =
  /^\s*-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht)\s*-{2,}/i;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const OUTLOOK_FROM = /^\s*(From|Von|De):\s/i;

/** Where the quoted history starts, or the line count when there is none. */
function historyStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (ATTRIBUTION.test(line) || ORIGINAL.test(line)) return i;
    // Mail clients wrap a long attribution: "On Mon, 23 Nov 2026 at 10:00, Lena Fischer" / "<…> wrote:".
    const next = lines[i + 1];
    if (next !== undefined && /^\s*On\b/i.test(line) && ATTRIBUTION.test(`${line} ${next}`))
      return i;
    if (OUTLOOK_RULE.test(line) && OUTLOOK_FROM.test(lines[i + 1] ?? "")) return i;
  }
  return lines.length;
}

const tidy = (lines: readonly string[]) =>
  lines
    .join("\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

/**
 * The new text of a reply: everything before the quoted history ("On … wrote:" and what
 * follows, an Outlook header block) with `>` lines dropped. Never longer than its input; when
 * stripping leaves nothing, the text without `>` lines, else the input trimmed.
 */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const unquoted = (ls: readonly string[]) => ls.filter((l) => !/^\s*>/.test(l));
  const fresh = tidy(unquoted(lines.slice(0, historyStart(lines))));
  if (fresh) return fresh;
  const withoutQuotes = tidy(unquoted(lines));
  if (withoutQuotes) return withoutQuotes;
  return text.trim();
}
