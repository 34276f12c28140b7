import { and, desc, eq, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { authorize, can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { cases, deliveries, mailboxMessages, workspaces } from "../db/schema.ts";
import { forbidden, invalid, notFound, ruleBroken } from "../domain/errors.ts";
import { slug } from "../domain/text.ts";
import { memberWorkspace } from "../loaders/member-workspace.ts";
import { type WorkspaceWithPolicy, workspaceById } from "../loaders/workspaces.ts";
import { CHANNELS, DELIVERY_STATES } from "../notify/outbox.ts";
import { emit } from "../writes/emit.ts";

const caseNumber = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const page = {
  /** Keyset: rows older than this id (the last id of the previous page). */
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const deliveriesQuery = z.strictObject({
  workspace: slug.optional().describe("Required unless `case` is given"),
  case: caseNumber.optional(),
  channel: z.enum(CHANNELS).optional(),
  state: z
    .enum([...DELIVERY_STATES, "waiting"])
    .optional()
    .describe('One state, or "waiting": not yet sent nor failed (queued, sending, retrying)'),
  ...page,
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;

export const mailboxQuery = z.strictObject({ workspace: slug, ...page });
export type MailboxQuery = z.infer<typeof mailboxQuery>;

/**
 * Who sees a workspace's whole delivery log and may retry a message: those who may change any case
 * (leads, supervisors, dispatch/triage) or manage the policy (admins). Anyone else who reads cases
 * sees the log of the cases they own.
 */
function seesAll(actor: Actor, ws: WorkspaceWithPolicy): boolean {
  const target = { workspaceId: ws.id };
  // "case.update" on no particular case's owners needs case.update.any.
  return (
    can(actor, "policy.manage", target, ws.policy) || can(actor, "case.update", target, ws.policy)
  );
}

const mine = (actor: Actor): SQL =>
  or(eq(cases.ownerId, actor.userId), eq(cases.secondaryOwnerId, actor.userId)) ?? sql`false`;

const summary = {
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

type SummaryRow = Pick<typeof deliveries.$inferSelect, keyof typeof summary>;

function view(r: SummaryRow & { workspace: string }) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const waiting = r.state === "queued" || r.state === "retrying";
  return {
    ...r,
    nextAttemptAt: waiting ? iso(r.nextAttemptAt) : null,
    lastAttemptAt: iso(r.lastAttemptAt),
    sentAt: iso(r.sentAt),
    failedAt: iso(r.failedAt),
    retriedAt: iso(r.retriedAt),
    createdAt: iso(r.createdAt) ?? "",
  };
}

/** The delivery log, per workspace or per case, newest first, filtered by channel and state. */
export async function listDeliveries(db: Db, actor: Actor, q: DeliveriesQuery) {
  let ws: WorkspaceWithPolicy;
  const where: (SQL | undefined)[] = [];
  if (q.case !== undefined) {
    const [found] = await db
      .select({ id: cases.id, workspaceId: cases.workspaceId })
      .from(cases)
      .where(eq(cases.number, q.case));
    if (!found || !actor.memberships.some((m) => m.workspaceId === found.workspaceId))
      throw notFound(`Case ${q.case}`);
    ws = await workspaceById(db, found.workspaceId);
    if (q.workspace && q.workspace !== ws.slug) throw notFound(`Case ${q.case}`);
    authorize(actor, "case.read", { workspaceId: ws.id }, ws.policy, `Case ${q.case}`);
    where.push(eq(deliveries.caseId, found.id));
  } else if (q.workspace) {
    ws = await memberWorkspace(db, actor, { slug: q.workspace }, `Workspace ${q.workspace}`);
    authorize(actor, "case.read", { workspaceId: ws.id }, ws.policy, "Workspace");
  } else {
    throw invalid("workspace", "name a workspace or a case");
  }
  where.push(eq(deliveries.workspaceId, ws.id));
  if (!seesAll(actor, ws)) where.push(mine(actor));
  if (q.channel) where.push(eq(deliveries.channel, q.channel));
  if (q.state === "waiting") where.push(inArray(deliveries.state, WAITING));
  else if (q.state) where.push(eq(deliveries.state, q.state));
  if (q.before) where.push(lt(deliveries.id, q.before));
  const rows = await db
    .select(summary)
    .from(deliveries)
    .leftJoin(cases, eq(cases.id, deliveries.caseId))
    .where(and(...where))
    .orderBy(desc(deliveries.id))
    .limit(q.limit);
  return { items: rows.map((r) => view({ ...r, workspace: ws.slug })) };
}

/** One delivery with the text that was (or will be) sent. */
async function loadDelivery(db: Db, actor: Actor, id: number) {
  const [row] = await db
    .select({
      summary,
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

export async function getDelivery(db: Db, actor: Actor, id: number) {
  const { row, ws } = await loadDelivery(db, actor, id);
  return { ...view({ ...row.summary, workspace: ws.slug }), body: row.body };
}

/**
 * Sends a failed message again, or a waiting one now. The retry schedule starts over; the relay
 * gives it a new job when this commits.
 */
export async function retryDelivery(db: Db, actor: Actor, id: number) {
  const { all, ws } = await loadDelivery(db, actor, id);
  if (!all) throw forbidden("Your role may not retry deliveries");
  const done = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(deliveries)
      .set({
        state: "queued",
        jobId: null,
        attempts: 0,
        nextAttemptAt: sql`now()`,
        failedAt: null,
        retriedBy: actor.userId,
        retriedAt: sql`now()`,
      })
      .where(and(eq(deliveries.id, id), inArray(deliveries.state, ["failed", "retrying"])))
      .returning({ id: deliveries.id });
    if (!row) return row;
    await emit(tx, {
      name: "delivery.retried",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: String(id),
      data: {},
    });
    return row;
  });
  if (!done)
    throw ruleBroken("not_retriable", "Only a failed or waiting message can be retried", "state");
  return getDelivery(db, actor, id);
}

/** Messages still on their way; the Messages page's "waiting" filter. */
const WAITING = ["queued", "sending", "retrying"];

const mailboxColumns = {
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

/** The local mailbox (no SMTP server configured): what would have been sent, for admins. */
export async function listMailbox(db: Db, actor: Actor, q: MailboxQuery) {
  const ws = await memberWorkspace(db, actor, { slug: q.workspace }, `Workspace ${q.workspace}`);
  authorize(actor, "policy.manage", { workspaceId: ws.id }, ws.policy, "Workspace");
  const rows = await db
    .select(mailboxColumns)
    .from(mailboxMessages)
    .leftJoin(cases, eq(cases.id, mailboxMessages.caseId))
    .where(
      and(
        eq(mailboxMessages.workspaceId, ws.id),
        q.before ? lt(mailboxMessages.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(mailboxMessages.id))
    .limit(q.limit);
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

/** One mailbox message with its full source. */
export async function getMailboxMessage(db: Db, actor: Actor, id: number) {
  const [row] = await db
    .select({ ...mailboxColumns, raw: mailboxMessages.raw, workspaceId: workspaces.id })
    .from(mailboxMessages)
    .innerJoin(workspaces, eq(workspaces.id, mailboxMessages.workspaceId))
    .leftJoin(cases, eq(cases.id, mailboxMessages.caseId))
    .where(eq(mailboxMessages.id, id));
  if (!row) throw notFound("Message");
  const ws = await memberWorkspace(db, actor, { id: row.workspaceId }, "Message");
  authorize(actor, "policy.manage", { workspaceId: ws.id }, ws.policy, "Message");
  const { workspaceId: _, ...message } = row;
  return { ...message, createdAt: row.createdAt.toISOString() };
}
