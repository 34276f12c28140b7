import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { deliveries } from "../db/schema.ts";
import { headerText, isPlainAddress } from "../domain/mail-text.ts";
import { DELIVERIES_CHANNEL, type EmitScope, type OutboxRow } from "../events/emit.ts";
import { forTeamMailReaders } from "./team-mail.ts";

export const DELIVERY_STATES = ["queued", "sending", "retrying", "sent", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * Channels come one by one (issue 6): email, webhooks (notify/webhooks.ts), and chat posts to
 * Slack/Teams incoming webhooks (notify/chat.ts).
 */
export const CHANNELS = ["email", "webhook", "chat"] as const;
export type Channel = (typeof CHANNELS)[number];

export const TOPICS = [
  "customer_notice",
  "owner_briefing",
  "dispatch_request",
  "webhook_event",
  "chat_post",
  "mention",
  "approval_request",
  "team_handoff",
  "handover_escalation",
  "clock_alert",
  "call_alert",
  "development_update",
  "development_owner_update",
  "follow_up_due",
  "invitation",
] as const;
export type Topic = (typeof TOPICS)[number];

export { DELIVERIES_CHANNEL };

/** A message as a subscriber drafts it: the outbox row before its key and state are made. */
export interface DeliveryDraft
  extends Omit<
    OutboxRow,
    "channel" | "topic" | "dedupeKey" | "unsubscribeToken" | "state" | "lastError"
  > {
  channel: Channel;
  topic: Topic;
}

/**
 * Writes messages to the outbox. Call inside the transaction that makes the change they announce:
 * they are sent only if it commits, and a worker in any Baton process sends them. A draft whose
 * event, source, topic and recipient were written before is skipped. An address Baton will not
 * send to is written as failed at once, so the log shows it and the other messages go on.
 */
const place = (name: string) => sql.placeholder(name);

/**
 * One queued message, and the relay woken in the same round trip (PostgreSQL sends one
 * notification for the same payload however often a transaction asks).
 */
const insertDeliveryStatement = (db: Db) => {
  const row = db.$with("queued").as(insertDelivery(db));
  return db
    .with(row)
    .select({ id: row.id, woken: sql`pg_notify(${DELIVERIES_CHANNEL}, '')` })
    .from(row);
};

const insertDelivery = (db: Db) =>
  db
    .insert(deliveries)
    .values({
      workspaceId: place("workspaceId"),
      caseId: place("caseId"),
      caseNumber: place("caseNumber"),
      channel: place("channel"),
      topic: place("topic"),
      event: place("event"),
      sourceId: place("sourceId"),
      recipient: place("recipient"),
      recipientName: place("recipientName"),
      subject: place("subject"),
      body: place("body"),
      dedupeKey: place("dedupeKey"),
      unsubscribeToken: place("unsubscribeToken"),
    })
    .onConflictDoNothing({ target: deliveries.dedupeKey })
    .returning({ id: deliveries.id });

// Every completed transfer writes one or more, so a message is written by a prepared statement.
const insertQueued = prepared("baton_insert_delivery", insertDeliveryStatement);

export async function enqueueDeliveries(
  tx: Db,
  drafts: readonly DeliveryDraft[],
  scope?: Pick<EmitScope, "deferOutbox">,
): Promise<number> {
  if (drafts.length === 0) return 0;
  const wanted = await forTeamMailReaders(tx, drafts);
  const rows = wanted.map((d): OutboxRow => {
    const recipient = d.recipient.trim();
    return {
      workspaceId: d.workspaceId,
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      channel: d.channel,
      topic: d.topic,
      event: d.event,
      sourceId: d.sourceId,
      unsubscribeToken: d.unsubscribeToken ?? null,
      recipient,
      recipientName: d.recipientName === null ? null : headerText(d.recipientName, 120),
      subject: headerText(d.subject, 250),
      body: d.body,
      dedupeKey: `${d.event}:${d.sourceId}:${d.topic}:${d.channel}:${recipient.toLowerCase()}`,
      ...(isPlainAddress(recipient)
        ? {}
        : {
            state: "failed",
            lastError: "The recipient is not a plain email address; nothing was sent",
          }),
    };
  });
  // A transaction that writes its audit rows at the end writes these with them (one statement).
  if (scope?.deferOutbox(rows)) return rows.length;
  let written = 0;
  let woken = false;
  for (const row of rows) {
    const inserted = row.state
      ? await tx
          .insert(deliveries)
          .values({ ...row, failedAt: sql`now()` })
          .onConflictDoNothing({ target: deliveries.dedupeKey })
          .returning({ id: deliveries.id })
      : await insertQueued(tx, { ...row });
    written += inserted.length;
    // A failed row is not for the relay; one that skipped the prepared insert has no notify.
    if (row.state) continue;
    woken ||= inserted.length > 0;
  }
  if (written && !woken) await tx.execute(sql`SELECT pg_notify(${DELIVERIES_CHANNEL}, '')`);
  return written;
}
