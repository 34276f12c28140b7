import { eq, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { authorize, can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { cases, deliveries, mailboxMessages } from "../db/schema.ts";
import { forbidden, notFound } from "../domain/errors.ts";
import { memberWorkspace } from "./member-workspace.ts";
import type { WorkspaceWithPolicy } from "./workspaces.ts";

/**
 * Who sees a workspace's whole delivery log and may retry a message: those who may change any case
 * (leads, supervisors, dispatch/triage) or manage the policy (admins). Anyone else who reads cases
 * sees the log of the cases they own.
 */
export function seesAll(actor: Actor, ws: WorkspaceWithPolicy): boolean {
  const target = { workspaceId: ws.id };
  // "case.update" on no particular case's owners needs case.update.any.
  return (
    can(actor, "policy.manage", target, ws.policy) || can(actor, "case.update", target, ws.policy)
  );
}

export const ownDeliveries = (actor: Actor): SQL =>
  or(eq(cases.ownerId, actor.userId), eq(cases.secondaryOwnerId, actor.userId)) ?? sql`false`;

export const DELIVERY_SUMMARY = {
  id: deliveries.id,
  key: deliveries.key,
  caseNumber: deliveries.caseNumber,
  channel: deliveries.channel,
  topic: deliveries.topic,
  event: deliveries.event,
  recipient: deliveries.recipient,
  recipientName: deliveries.recipientName,
  subject: deliveries.subject,
  state: deliveries.state,
  attempts: deliveries.attempts,
  nextAttemptAt: deliveries.nextAttemptAt,
  lastAttemptAt: deliveries.lastAttemptAt,
  lastError: deliveries.lastError,
  response: deliveries.response,
  sentAt: deliveries.sentAt,
  failedAt: deliveries.failedAt,
  retriedAt: deliveries.retriedAt,
  createdAt: deliveries.createdAt,
};

/** One delivery with the text that was (or will be) sent. */
export async function loadDelivery(db: Db, actor: Actor, id: number) {
  const [row] = await db
    .select({
      summary: DELIVERY_SUMMARY,
      body: deliveries.body,
      workspaceId: deliveries.workspaceId,
      ownerId: cases.ownerId,
      secondaryOwnerId: cases.secondaryOwnerId,
    })
    .from(deliveries)
    .leftJoin(cases, eq(cases.id, deliveries.caseId))
    .where(eq(deliveries.id, id));
  if (!row) throw notFound("Delivery");
  const ws = await memberWorkspace(db, actor, { id: row.workspaceId }, "Delivery");
  authorize(actor, "case.read", { workspaceId: ws.id }, ws.policy, "Delivery");
  const all = seesAll(actor, ws);
  const own = row.ownerId === actor.userId || row.secondaryOwnerId === actor.userId;
  if (!all && !own) throw forbidden("Your role sees the deliveries of your own cases only");
  return { row, ws, all };
}

export const MAILBOX_COLUMNS = {
  id: mailboxMessages.id,
  deliveryId: mailboxMessages.deliveryId,
  caseNumber: cases.number,
  messageId: mailboxMessages.messageId,
  from: mailboxMessages.fromAddress,
  to: mailboxMessages.toAddress,
  replyTo: mailboxMessages.replyTo,
  subject: mailboxMessages.subject,
  text: mailboxMessages.text,
  createdAt: mailboxMessages.createdAt,
};
