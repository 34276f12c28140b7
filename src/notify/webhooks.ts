import { createHmac, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { deliveries, webhookSubscriptions, workspaces } from "../db/schema.ts";
import type { WebhookTarget } from "../events/emit.ts";
import { type ChannelSender, DeliveryFailure, type DeliveryRow } from "./channel.ts";
import { enqueueChatPosts } from "./chat.ts";
import { isChatFormat } from "./chat-format.ts";
import { postJson } from "./http-post.ts";
import { DELIVERIES_CHANNEL } from "./outbox.ts";

/** What a subscription may ask for (docs/notifications.md, Webhooks); "*" is all of them. */
export const WEBHOOK_EVENTS = [
  "case.created",
  "case.updated",
  "case.auto_assigned",
  "case.sla_warning",
  "case.sla_breached",
  "transfer.requested",
  "transfer.approved",
  "transfer.rejected",
  "transfer.accepted",
  "transfer.declined",
  "transfer.withdrawn",
  "transfer.expired",
  "transfer.completed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by `POST /webhooks/{id}/ping`, to the one subscription, whatever it asked for. */
export const PING_EVENT = "ping";

const known: ReadonlySet<string> = new Set(WEBHOOK_EVENTS);
export const isWebhookEvent = (action: string): action is WebhookEvent => known.has(action);

/**
 * The active subscriptions that want `event`, for events whose audit statement did not read them
 * (batches, events of no case): src/events/emit.ts reads the same with a case event's audit row.
 */
const webhookTargetsStatement = (db: Db) =>
  db
    .select({
      id: webhookSubscriptions.id,
      url: webhookSubscriptions.url,
      format: webhookSubscriptions.format,
      workspace: workspaces.slug,
    })
    .from(webhookSubscriptions)
    .innerJoin(workspaces, eq(workspaces.id, webhookSubscriptions.workspaceId))
    .where(
      and(
        eq(webhookSubscriptions.workspaceId, sql.placeholder("workspaceId")),
        eq(webhookSubscriptions.active, true),
        sql`(${sql.placeholder("event")}::text = any(${webhookSubscriptions.events}) or '*' = any(${webhookSubscriptions.events}))`,
      ),
    );

// Every audited case and transfer event asks, so it is one prepared statement; a workspace without
// subscriptions costs only this index lookup.
const webhookTargets = prepared("baton_webhook_targets", webhookTargetsStatement);

export interface WebhookOccurrence {
  workspaceId: string;
  event: string;
  caseId: string | null;
  caseNumber: number | null;
  data: Record<string, unknown>;
}

type Target = WebhookTarget;

/** Baton's signed JSON to "baton" subscriptions; a readable post to chat ones (notify/chat.ts). */
async function write(tx: Db, o: WebhookOccurrence, all: readonly Target[]): Promise<number[]> {
  const chat = all.filter((t) => isChatFormat(t.format));
  const targets = all.filter((t) => !isChatFormat(t.format));
  const posts = await enqueueChatPosts(tx, o, chat);
  if (targets.length === 0) return posts;
  const occurrence = randomUUID();
  const occurredAt = new Date().toISOString();
  const rows = targets.map((t) => ({
    workspaceId: o.workspaceId,
    caseId: o.caseId,
    caseNumber: o.caseNumber,
    channel: "webhook",
    topic: "webhook_event",
    event: o.event,
    sourceId: occurrence,
    recipient: t.url,
    recipientName: null,
    subject: o.event,
    // Without its id: that is the row's key, added when it is sent (webhookBody).
    body: JSON.stringify({ type: o.event, occurredAt, workspace: t.workspace, data: o.data }),
    dedupeKey: `${o.event}:${occurrence}:webhook_event:webhook:${t.id}`,
    webhookId: t.id,
  }));
  const written = await tx.insert(deliveries).values(rows).returning({ id: deliveries.id });
  await tx.execute(sql`SELECT pg_notify(${DELIVERIES_CHANNEL}, '')`);
  return [...posts, ...written.map((r) => r.id)];
}

/**
 * Writes one delivery per subscription that wants the event. Call inside the change's
 * transaction; `known` are the subscriptions when the event's audit row already read them.
 */
export async function enqueueWebhookEvent(
  tx: Db,
  o: WebhookOccurrence,
  known?: readonly Target[],
): Promise<number> {
  const targets =
    known ?? (await webhookTargets(tx, { workspaceId: o.workspaceId, event: o.event }));
  return (await write(tx, o, targets)).length;
}

/** The same for a batch of occurrences: one lookup of the subscriptions per workspace and event. */
export async function enqueueWebhookEvents(
  tx: Db,
  occurrences: readonly WebhookOccurrence[],
): Promise<number> {
  const targets = new Map<string, readonly Target[]>();
  let written = 0;
  for (const o of occurrences) {
    const key = `${o.workspaceId} ${o.event}`;
    let found = targets.get(key);
    if (!found) {
      found = await webhookTargets(tx, { workspaceId: o.workspaceId, event: o.event });
      targets.set(key, found);
    }
    if (found.length) written += (await write(tx, o, found)).length;
  }
  return written;
}

/** The ping: one delivery to one subscription; answers its id. */
export async function enqueuePing(
  tx: Db,
  subscription: Target & { workspaceId: string },
  actorId: string,
): Promise<number> {
  const [id] = await write(
    tx,
    {
      workspaceId: subscription.workspaceId,
      event: PING_EVENT,
      caseId: null,
      caseNumber: null,
      data: { subscriptionId: subscription.id, actorId },
    },
    [subscription],
  );
  if (id === undefined) throw new Error("ping not written");
  return id;
}

/** The body as sent: `{ id, type, occurredAt, workspace, data }`, in that order. */
export function webhookBody(d: Pick<DeliveryRow, "key" | "body">): string {
  const stored = JSON.parse(d.body) as Record<string, unknown>;
  return JSON.stringify({
    id: d.key,
    type: stored.type,
    occurredAt: stored.occurredAt,
    workspace: stored.workspace,
    data: stored.data,
  });
}

/** `sha256=<hex>` of HMAC-SHA256 over `${timestamp}.${body}`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * The Standard Webhooks signature (standardwebhooks.com): `v1,<base64>` of HMAC-SHA256 over
 * `${id}.${timestamp}.${body}`, keyed with the bytes the secret's base64 after `whsec_` encodes,
 * so that the spec's verifier libraries accept Baton's deliveries with the secret as shown.
 */
export function standardWebhookSignature(
  secret: string,
  id: string,
  timestamp: string,
  body: string,
): string {
  // Buffer's base64 decoder reads both alphabets: the first subscriptions' secrets were base64url.
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** Posts to the subscription's URL, signed with its secret (looked up now, not stored with the row). */
export function webhookSender(db: Db, timeoutMs = 15_000): ChannelSender {
  return {
    send: async (d) => {
      if (!d.webhookId) throw new DeliveryFailure("No webhook subscription", true);
      const [sub] = await db
        .select({ secret: webhookSubscriptions.secret, active: webhookSubscriptions.active })
        .from(webhookSubscriptions)
        .where(eq(webhookSubscriptions.id, d.webhookId));
      if (!sub?.active)
        throw new DeliveryFailure("The webhook subscription was deleted; nothing was sent", true);
      const body = webhookBody(d);
      const timestamp = String(Math.floor(Date.now() / 1000));
      return postJson(
        d.recipient,
        {
          "user-agent": "Baton-Webhooks/1",
          "x-baton-timestamp": timestamp,
          "x-baton-signature": webhookSignature(sub.secret, timestamp, body),
          "x-baton-delivery": d.key,
          "x-baton-event": d.event,
          "webhook-id": d.key,
          "webhook-timestamp": timestamp,
          "webhook-signature": standardWebhookSignature(sub.secret, d.key, timestamp, body),
        },
        body,
        timeoutMs,
      );
    },
    close: () => {},
  };
}
