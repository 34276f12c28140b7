/**
 * What a chat channel reads (docs/notifications.md, Chat): one plain line or entry per event,
 * then the payload a Slack- or Teams-compatible incoming webhook accepts. Pure: no I/O.
 */

/**
 * "local" is Baton's own channel: the post is kept in the delivery log (Messages, channel "chat")
 * and nothing goes over the network, as mail does without an SMTP server. The demo uses it, so a
 * handover shows its channel entry without a Slack or Teams workspace.
 */
export const CHAT_FORMATS = ["slack", "teams", "local"] as const;
export type ChatFormat = (typeof CHAT_FORMATS)[number];
export const SUBSCRIPTION_FORMATS = ["baton", ...CHAT_FORMATS] as const;
export type SubscriptionFormat = (typeof SUBSCRIPTION_FORMATS)[number];

export const isChatFormat = (format: string): format is ChatFormat =>
  (CHAT_FORMATS as readonly string[]).includes(format);

/** What the text is made from, gathered when the event is written to the outbox. */
export interface ChatFacts {
  event: string;
  workspace: string;
  caseNumber: number | null;
  caseSubject: string | null;
  /** Null when Baton itself acted (an expired transfer). */
  actorName: string | null;
  /** For case.updated: each change in words, e.g. "Owner: Ann Lee → Bo Chen". */
  changed: readonly string[];
  transfer: {
    /** The region the case leaves, when it goes to another region. */
    fromRegion: string | null;
    /** The target region, else the target's label (an agent, a queue). */
    to: string | null;
    /** The kind's channel entry, rendered when the transfer was requested (S1.2, S1.3). */
    channelEntry: string | null;
  } | null;
}

const VERBS: Record<string, string> = {
  "transfer.requested": "requested",
  "transfer.approved": "approved",
  "transfer.rejected": "rejected",
  "transfer.accepted": "accepted",
  "transfer.declined": "declined",
  "transfer.withdrawn": "withdrawn",
  "transfer.expired": "expired",
  "transfer.completed": "completed",
};

/**
 * The text posted for an event. A completed transfer whose kind renders a channel entry posts
 * that entry word for word: that is the case-transfer channel's entry (S1.2). It is posted at
 * completion only, so a transfer that is then rejected or withdrawn never announced a handover,
 * and a channel that takes every event reads the entry once.
 */
export function chatText(f: ChatFacts): string {
  const caseLabel = f.caseNumber === null ? "A case" : `Case ${f.caseNumber}`;
  const by = f.actorName ? ` by ${f.actorName}` : "";
  if (f.event === "ping")
    return `Baton test post: this channel receives events of workspace ${f.workspace}.`;
  if (f.event === "transfer.completed" && f.transfer?.channelEntry) return f.transfer.channelEntry;
  const verb = VERBS[f.event];
  if (verb && f.transfer) {
    const { fromRegion, to } = f.transfer;
    const route = fromRegion && to ? `${fromRegion} → ${to}` : to ? `to ${to}` : "";
    return `${caseLabel} transfer ${verb}${by}${route ? `: ${route}` : ""}`;
  }
  if (f.event === "case.created")
    return `${caseLabel} created${by}${f.caseSubject ? `: ${f.caseSubject}` : ""}`;
  if (f.event === "case.updated")
    return `${caseLabel} updated${by}${f.changed.length ? `: ${f.changed.join("; ")}` : ""}`;
  return `${caseLabel}: ${f.event}${by}`;
}

export interface ChatLink {
  url: string;
  label: string;
}

/** The case page, when Baton knows its public address (BATON_PUBLIC_URL). */
export function caseLink(
  publicUrl: string | undefined,
  caseNumber: number | null,
): ChatLink | null {
  if (!publicUrl || caseNumber === null) return null;
  return {
    url: `${publicUrl.replace(/\/+$/, "")}/cases/${caseNumber}`,
    label: `Case ${caseNumber}`,
  };
}

/** Slack's mrkdwn reserves these three; everything else is shown as written. */
const slackEscape = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Slack (and Mattermost, Rocket.Chat, Discord's /slack endpoint): `{ "text": … }` in mrkdwn. */
export function slackPayload(text: string, link: ChatLink | null): Record<string, unknown> {
  const line = link ? `\n<${link.url}|${slackEscape(link.label)}>` : "";
  return { text: `${slackEscape(text)}${line}` };
}

/**
 * Teams: a message with one Adaptive Card attachment, the shape both a Workflows "When a Teams
 * webhook request is received" flow and a classic Incoming Webhook accept (MessageCard is refused by
 * Workflows). Version 1.2 renders on every Teams client.
 */
export function teamsPayload(text: string, link: ChatLink | null): Record<string, unknown> {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.2",
          body: [{ type: "TextBlock", text, wrap: true }],
          ...(link
            ? { actions: [{ type: "Action.OpenUrl", title: `Open ${link.label}`, url: link.url }] }
            : {}),
        },
      },
    ],
  };
}

export function chatPayload(
  format: Exclude<ChatFormat, "local">,
  text: string,
  link: ChatLink | null,
): Record<string, unknown> {
  return format === "slack" ? slackPayload(text, link) : teamsPayload(text, link);
}

/** A local channel's address: `local:` and a channel name, e.g. `local:case-transfer`. */
export const LOCAL_CHANNEL = /^local:[a-z0-9][a-z0-9._-]{0,79}$/;
