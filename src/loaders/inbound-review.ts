import { eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { authorize, can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { cases, inboundMessages } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { memberWorkspace } from "./member-workspace.ts";
import { workspaceById } from "./workspaces.ts";

/**
 * The workspaces whose held mail this person reviews. Mail Baton could not place (no or an
 * unknown case number) is shown to the admins of every workspace: the inbound address is the
 * installation's, not one workspace's, and Baton has no site-wide admin.
 */
export async function reviewable(db: Db, actor: Actor): Promise<string[]> {
  const ids: string[] = [];
  for (const m of actor.memberships) {
    const ws = await workspaceById(db, m.workspaceId);
    if (can(actor, "inbound.review", { workspaceId: ws.id }, ws.policy)) ids.push(ws.id);
  }
  return ids;
}

export const INBOUND_COLUMNS = {
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

/** One message for review: 404 to anyone who does not review its workspace's mail. */
export async function loadForReview(db: Db, actor: Actor, messageId: number) {
  const [row] = await db
    .select({ ...INBOUND_COLUMNS, text: inboundMessages.text, raw: inboundMessages.raw })
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
