import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { authorize, can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { attachments, cases, inboundMessages } from "../db/schema.ts";
import { conflict, forbidden, notFound, ruleBroken } from "../domain/errors.ts";
import { INBOUND_STATES, type InboundState } from "../domain/inbound.ts";
import { slug } from "../domain/text.ts";
import type { InboundSettings } from "../inbound/smtp-listener.ts";
import { caseByNumber, senderOf } from "../loaders/inbound.ts";
import { memberWorkspace } from "../loaders/member-workspace.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { emit } from "../writes/emit.ts";
import { attachAsNote } from "../writes/inbound-note.ts";
import { receiveMessage } from "./inbound/receiveMessage.ts";

const REVIEWABLE: InboundState[] = ["held", "ignored"];

const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const version = z.number().int().min(1).describe("The message's version, as last read");

export const inboundQuery = z.strictObject({
  workspace: slug.describe("Its messages, and those Baton could not place in any workspace"),
  state: z.enum(INBOUND_STATES).optional(),
  before: id.optional().describe("Keyset: messages older than this id"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboundQuery = z.infer<typeof inboundQuery>;

export const attachInput = z.strictObject({
  caseNumber: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  version,
});
export const discardInput = z.strictObject({ version });

/**
 * The workspaces whose held mail this person reviews. Mail Baton could not place (no or an
 * unknown case number) is shown to the admins of every workspace: the inbound address is the
 * installation's, not one workspace's, and Baton has no site-wide admin.
 */
async function reviewable(db: Db, actor: Actor): Promise<string[]> {
  const ids: string[] = [];
  for (const m of actor.memberships) {
    const ws = await workspaceById(db, m.workspaceId);
    if (can(actor, "inbound.review", { workspaceId: ws.id }, ws.policy)) ids.push(ws.id);
  }
  return ids;
}

const columns = {
  id: inboundMessages.id,
  workspaceId: inboundMessages.workspaceId,
  caseNumber: cases.number,
  messageId: inboundMessages.messageId,
  from: inboundMessages.fromAddress,
  fromName: inboundMessages.fromName,
  to: inboundMessages.toAddress,
  subject: inboundMessages.subject,
  state: inboundMessages.state,
  reason: inboundMessages.reason,
  activityId: inboundMessages.activityId,
  version: inboundMessages.version,
  reviewedAt: inboundMessages.reviewedAt,
  receivedAt: inboundMessages.receivedAt,
};

const view = <R extends { workspaceId: string | null; reviewedAt: Date | null; receivedAt: Date }>(
  r: R,
  text: string,
) => {
  const { workspaceId: _, ...rest } = r;
  return {
    ...rest,
    preview: text.slice(0, 300),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    receivedAt: r.receivedAt.toISOString(),
  };
};

/** Held, ignored and attached mail of a workspace, newest first, for its admins. */
export async function listInbound(db: Db, actor: Actor, q: InboundQuery) {
  const ws = await memberWorkspace(db, actor, { slug: q.workspace }, `Workspace ${q.workspace}`);
  authorize(actor, "inbound.review", { workspaceId: ws.id }, ws.policy, "Workspace");
  const rows = await db
    .select({ ...columns, text: inboundMessages.text })
    .from(inboundMessages)
    .leftJoin(cases, eq(cases.id, inboundMessages.caseId))
    .where(
      and(
        or(eq(inboundMessages.workspaceId, ws.id), isNull(inboundMessages.workspaceId)),
        q.state ? eq(inboundMessages.state, q.state) : undefined,
        q.before ? lt(inboundMessages.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(inboundMessages.id))
    .limit(q.limit);
  return { items: rows.map(({ text, ...r }) => view(r, text)) };
}

/** One message for review: 404 to anyone who does not review its workspace's mail. */
async function loadForReview(db: Db, actor: Actor, messageId: number) {
  const [row] = await db
    .select({ ...columns, text: inboundMessages.text, raw: inboundMessages.raw })
    .from(inboundMessages)
    .leftJoin(cases, eq(cases.id, inboundMessages.caseId))
    .where(eq(inboundMessages.id, messageId));
  if (!row) throw notFound("Message");
  if (row.workspaceId) {
    const ws = await memberWorkspace(db, actor, { id: row.workspaceId }, "Message");
    authorize(actor, "inbound.review", { workspaceId: ws.id }, ws.policy, "Message");
  } else if ((await reviewable(db, actor)).length === 0) {
    throw notFound("Message");
  }
  return row;
}

export async function getInbound(db: Db, actor: Actor, messageId: number) {
  const { text, raw, ...row } = await loadForReview(db, actor, messageId);
  const files = await db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
    })
    .from(attachments)
    .where(eq(attachments.inboundMessageId, messageId))
    .orderBy(attachments.createdAt, attachments.filename);
  return { ...view(row, text), text, raw, attachments: files };
}

/** Claims a held or ignored message for a review decision, or says why it cannot. */
async function claim(
  tx: Db,
  actor: Actor,
  messageId: number,
  expected: number,
  state: InboundState,
) {
  const [done] = await tx
    .update(inboundMessages)
    .set({
      state,
      reviewedBy: actor.userId,
      reviewedAt: sql`now()`,
      version: sql`${inboundMessages.version} + 1`,
    })
    .where(
      and(
        eq(inboundMessages.id, messageId),
        eq(inboundMessages.version, expected),
        inArray(inboundMessages.state, REVIEWABLE),
      ),
    )
    .returning({ id: inboundMessages.id });
  if (done) return;
  const [now] = await tx
    .select({ version: inboundMessages.version, state: inboundMessages.state })
    .from(inboundMessages)
    .where(eq(inboundMessages.id, messageId));
  if (now && now.version !== expected)
    throw conflict("The message changed since you read it", { currentVersion: now.version });
  throw ruleBroken("not_reviewable", `The message is already ${now?.state ?? "gone"}`, "state");
}

/** An admin makes a held (or wrongly ignored) message a note on a case of their workspace. */
export async function attachInbound(
  db: Db,
  actor: Actor,
  messageId: number,
  input: z.infer<typeof attachInput>,
) {
  const message = await loadForReview(db, actor, messageId);
  const kase = await caseByNumber(db, input.caseNumber);
  const ws =
    kase && actor.memberships.some((m) => m.workspaceId === kase.workspaceId)
      ? await workspaceById(db, kase.workspaceId)
      : undefined;
  if (!kase || !ws || !can(actor, "inbound.review", { workspaceId: ws.id }, ws.policy))
    throw ruleBroken(
      "case_not_reviewable",
      `Case ${input.caseNumber} is not in a workspace whose mail you review`,
      "caseNumber",
    );
  if (kase.status === "closed")
    throw ruleBroken("case_closed", `Case ${kase.number} is closed`, "caseNumber");
  await db.transaction(async (tx) => {
    await claim(tx, actor, messageId, input.version, "attached");
    await attachAsNote(tx, {
      inboundId: messageId,
      target: { caseId: kase.id, caseNumber: kase.number, workspaceId: kase.workspaceId },
      sender: await senderOf(tx, kase, message.from, message.fromName),
      text: message.text,
      subject: message.subject,
      reviewerId: actor.userId,
    });
  });
  return getInbound(db, actor, messageId);
}

/** An admin decides a held message is not for any case; it stays readable as `discarded`. */
export async function discardInbound(
  db: Db,
  actor: Actor,
  messageId: number,
  input: z.infer<typeof discardInput>,
) {
  const message = await loadForReview(db, actor, messageId);
  await db.transaction(async (tx) => {
    await claim(tx, actor, messageId, input.version, "discarded");
    await emit(tx, {
      name: "inbound.discarded",
      actorId: actor.userId,
      workspaceId: message.workspaceId,
      subjectId: String(messageId),
      data: { from: message.from, subject: message.subject },
    });
  });
  return getInbound(db, actor, messageId);
}

/** A mail gateway hands in one raw message (POST /inbound/messages): admins and their tokens. */
export async function handInMessage(db: Db, actor: Actor, raw: Buffer, settings: InboundSettings) {
  if ((await reviewable(db, actor)).length === 0)
    throw forbidden("Only a workspace admin (or their API token) may hand in mail");
  return receiveMessage(db, raw, { from: undefined, to: [] }, settings);
}
