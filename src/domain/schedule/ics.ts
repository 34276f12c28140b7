import { DateTime } from "luxon";
import type { MeetingOccurrence } from "./meetings.ts";

// RFC 5545 iCalendar for handover meetings. Times are written in UTC ("Z" form), which every
// calendar reads correctly without a VTIMEZONE; each client shows them in its own zone.

export interface IcsOptions {
  /** The calendar's name (X-WR-CALNAME), e.g. "Handover meetings — APAC". */
  calendarName: string;
  /** The right-hand side of every UID, e.g. "acme.baton.example"; keep it stable. */
  uidDomain: string;
  /** DTSTAMP: when this calendar was generated. */
  generatedAt: Date;
  /** SUMMARY per meeting; defaults to the meeting's title. */
  summary?: (m: MeetingOccurrence) => string;
  /** DESCRIPTION per meeting (the agenda, the cases to align); defaults to the policy agenda. */
  description?: (m: MeetingOccurrence) => string;
  /** PRODID; defaults to "-//Baton//Handover meetings//EN". */
  productId?: string;
  /** Further events after the meetings (an agent's scheduled customer calls). */
  events?: readonly IcsEvent[];
  /**
   * SEQUENCE and LAST-MODIFIED of every meeting: a meeting is what the policy makes it, so its
   * revision is the policy version's. Calendar clients replace an event whose SEQUENCE grew.
   */
  meetingRevision?: IcsRevision;
  /** How often clients should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshMinutes?: number;
}

export interface IcsRevision {
  sequence: number;
  modifiedAt: Date;
}

/** An event that is not a handover meeting, already worded. */
export interface IcsEvent {
  /** Stable per event, without the domain, e.g. "call:<id>". */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string | null;
  cancelled?: boolean;
  revision?: IcsRevision;
}

const CRLF = "\r\n";
const encoder = new TextEncoder();

/** TEXT value escaping (RFC 5545 §3.3.11); other control characters are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .split("")
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return c === 0x09 || (c >= 0x20 && c !== 0x7f);
    })
    .join("");
}

/**
 * Folds a content line to at most 75 octets per line (RFC 5545 §3.1): continuation lines start
 * with one space; a UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** A UTC date-time in iCalendar form: 20261123T083000Z. */
export function icsUtc(at: Date): string {
  return DateTime.fromJSDate(at).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");
}

/** The meeting's UID: stable per pair and date, e.g. handover:APAC>IST+EMEA/2026-11-23@host. */
export function meetingUid(m: MeetingOccurrence, uidDomain: string): string {
  return `handover:${m.key}@${uidDomain}`;
}

function defaultDescription(m: MeetingOccurrence): string {
  const times = m.localTimes.map(
    (t) => `${t.region}: ${t.date} ${t.start}–${t.end} (${t.timeZone})`,
  );
  return [m.agenda, times.join("\n")].filter((s) => s.trim()).join("\n\n");
}

/**
 * DTSTAMP is the revision's time when there is one, not the time of the request: then the feed's
 * bytes change only when what it says changed, and its ETag lets clients skip an unchanged one.
 */
function revisionLines(revision: IcsRevision | undefined, generatedAt: Date): string[] {
  if (!revision) return [`DTSTAMP:${icsUtc(generatedAt)}`];
  const at = icsUtc(revision.modifiedAt);
  return [`DTSTAMP:${at}`, `LAST-MODIFIED:${at}`, `SEQUENCE:${revision.sequence}`];
}

/** The meetings as an iCalendar (VCALENDAR with one VEVENT each), CRLF line endings. */
export function renderIcs(meetings: readonly MeetingOccurrence[], options: IcsOptions): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(options.productId ?? "-//Baton//Handover meetings//EN")}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
  ];
  if (options.refreshMinutes) {
    // RFC 7986's property and the one Outlook and Google read.
    const every = `PT${options.refreshMinutes}M`;
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${every}`, `X-PUBLISHED-TTL:${every}`);
  }
  for (const m of meetings) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(meetingUid(m, options.uidDomain))}`,
      ...revisionLines(options.meetingRevision, options.generatedAt),
      `DTSTART:${icsUtc(m.start)}`,
      `DTEND:${icsUtc(m.end)}`,
      `SUMMARY:${escapeText(options.summary?.(m) ?? m.title)}`,
      `DESCRIPTION:${escapeText(options.description?.(m) ?? defaultDescription(m))}`,
    );
    if (m.location) lines.push(`LOCATION:${escapeText(m.location)}`);
    lines.push("TRANSP:OPAQUE", "STATUS:CONFIRMED", "END:VEVENT");
  }
  for (const e of options.events ?? []) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(`${e.uid}@${options.uidDomain}`)}`,
      ...revisionLines(e.revision, options.generatedAt),
      `DTSTART:${icsUtc(e.start)}`,
      `DTEND:${icsUtc(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    lines.push("TRANSP:OPAQUE", `STATUS:${e.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
