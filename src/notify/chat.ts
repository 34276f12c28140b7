import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { cases, deliveries, transfers, users, webhookSubscriptions } from "../db/schema.ts";
import { changesIn, changeTexts, peopleIn } from "../domain/case-changes.ts";
import { headerText } from "../domain/mail-text.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { type ChannelSender, DeliveryFailure } from "./channel.ts";
import { type ChatFacts, caseLink, chatPayload, chatText, isChatFormat } from "./chat-format.ts";
import { postJson } from "./http-post.ts";
import { DELIVERIES_CHANNEL } from "./outbox.ts";

/** A chat subscription that wants the event. */
export interface ChatTarget {
  id: string;
  url: string;
  workspace: string;
}

export interface ChatOccurrence {
  workspaceId: string;
  event: string;
  caseId: string | null;
  caseNumber: number | null;
  /** The webhook event's `data`: actorId, transferId, details. */
  data: Record<string, unknown>;
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/** Reads what the line needs; only events that go to a chat subscription pay for it. */
async function facts(tx: Db, o: ChatOccurrence, workspace: string): Promise<ChatFacts> {
  const actorId = text(o.data.actorId);
  const transferId = text(o.data.transferId);
  const details = record(o.data.details);
  const [actor] = actorId
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actorId))
    : [];
  const [kase] = o.caseId
    ? await tx
        .select({ subject: cases.subject, region: cases.region })
        .from(cases)
        .where(eq(cases.id, o.caseId))
    : [];
  const [t] = transferId
    ? await tx
        .select({
          targetRegion: transfers.targetRegion,
          targetQueue: transfers.targetQueue,
          artifacts: transfers.artifacts,
        })
        .from(transfers)
        .where(eq(transfers.id, transferId))
    : [];
  const artifacts = record(t?.artifacts);
  // Where the case was: a transfer's request says (one completed at once has already moved the
  // case when its request is told); other events read the case as it stands.
  const fromRegion = "fromRegion" in details ? text(details.fromRegion) : (kase?.region ?? null);
  const changes = changesIn(details);
  return {
    event: o.event,
    workspace,
    caseNumber: o.caseNumber,
    caseSubject: kase?.subject ?? text(details.subject),
    actorName: actor?.name ?? null,
    changed: changes ? await changeLines(tx, o.workspaceId, changes) : [],
    transfer: t
      ? {
          // Once completed the case is already in the target region; then only "to" is told.
          fromRegion: t.targetRegion && fromRegion !== t.targetRegion ? fromRegion : null,
          to: t.targetRegion ?? text(artifacts.targetLabel) ?? t.targetQueue,
          channelEntry: text(artifacts.channelEntry),
        }
      : null,
  };
}

/** "Owner: Ann Lee → Bo Chen": people and the policy's labels, never ids or codes. */
async function changeLines(
  tx: Db,
  workspaceId: string,
  changes: NonNullable<ReturnType<typeof changesIn>>,
): Promise<string[]> {
  const ids = peopleIn(changes);
  const people = ids.length
    ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
    : [];
  const { policy } = await workspaceById(tx, workspaceId);
  return changeTexts(changes, { policy, people: new Map(people.map((p) => [p.id, p])) }).map((c) =>
    c.long ? `${c.label} changed` : `${c.label}: ${c.from.text} → ${c.to.text}`,
  );
}

/**
 * Writes one chat post per chat subscription that wants the event, its text rendered now (the log
 * shows what the channel reads); the format and the case link are applied when it is sent.
 * Call inside the change's transaction.
 */
export async function enqueueChatPosts(
  tx: Db,
  o: ChatOccurrence,
  targets: readonly ChatTarget[],
): Promise<number[]> {
  const first = targets[0];
  if (!first) return [];
  const body = chatText(await facts(tx, o, first.workspace));
  const occurrence = randomUUID();
  const written = await tx
    .insert(deliveries)
    .values(
      targets.map((t) => ({
        workspaceId: o.workspaceId,
        caseId: o.caseId,
        caseNumber: o.caseNumber,
        channel: "chat",
        topic: "chat_post",
        event: o.event,
        sourceId: occurrence,
        recipient: t.url,
        recipientName: null,
        subject: headerText(body.split("\n")[0] ?? body, 250),
        body,
        dedupeKey: `${o.event}:${occurrence}:chat_post:chat:${t.id}`,
        webhookId: t.id,
      })),
    )
    .returning({ id: deliveries.id });
  await tx.execute(sql`SELECT pg_notify(${DELIVERIES_CHANNEL}, '')`);
  return written.map((r) => r.id);
}

/**
 * Posts to a chat incoming webhook in its subscription's format. No signature: chat services do
 * not verify one; the URL itself is the secret. The subscription is looked up at send time, so a
 * deactivated one posts nothing more.
 */
export function chatSender(
  db: Db,
  options: { publicUrl?: string | undefined; timeoutMs?: number } = {},
): ChannelSender {
  return {
    send: async (d) => {
      if (!d.webhookId) throw new DeliveryFailure("No chat subscription", true);
      const [sub] = await db
        .select({ format: webhookSubscriptions.format, active: webhookSubscriptions.active })
        .from(webhookSubscriptions)
        .where(eq(webhookSubscriptions.id, d.webhookId));
      if (!sub?.active)
        throw new DeliveryFailure("The chat subscription was deleted; nothing was posted", true);
      if (!isChatFormat(sub.format))
        throw new DeliveryFailure(`Not a chat subscription (${sub.format})`, true);
      if (sub.format === "local")
        return { response: `Kept in Baton's own channel ${d.recipient.slice("local:".length)}` };
      const payload = chatPayload(sub.format, d.body, caseLink(options.publicUrl, d.caseNumber));
      return postJson(
        d.recipient,
        {
          "user-agent": "Baton-Chat/1",
          // Chat services ignore these; a relay or a test receiver can tell repeats apart.
          "x-baton-delivery": d.key,
          "x-baton-event": d.event,
        },
        JSON.stringify(payload),
        options.timeoutMs ?? 15_000,
      );
    },
    close: () => {},
  };
}
