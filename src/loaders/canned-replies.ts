import { and, asc, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { membershipIn } from "../auth/actor.ts";
import { type Action, authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { cannedReplies, cases, contacts, customers, users } from "../db/schema.ts";
import { conflict, type DomainError, notFound } from "../domain/errors.ts";
import { memberWorkspace } from "./member-workspace.ts";
import { type WorkspaceWithPolicy, workspaceById } from "./workspaces.ts";

export type CannedReplyRow = typeof cannedReplies.$inferSelect;

/** A workspace the actor belongs to and may use canned replies in; any other is a 404. */
export async function cannedWorkspace(
  db: Db,
  actor: Actor,
  slug: string,
): Promise<WorkspaceWithPolicy> {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "canned_reply.read", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return ws;
}

/** The workspace's replies and the person's own, by title (the workspace's first on a tie). */
export const visibleReplies = (db: Db, workspaceId: string, userId: string) =>
  db
    .select()
    .from(cannedReplies)
    .where(
      and(
        eq(cannedReplies.workspaceId, workspaceId),
        or(isNull(cannedReplies.ownerId), eq(cannedReplies.ownerId, userId)),
      ),
    )
    .orderBy(
      asc(sql`lower(${cannedReplies.title})`),
      sql`${cannedReplies.ownerId} nulls first`,
      asc(cannedReplies.id),
    );

/**
 * A reply the actor may `action`, with its workspace. One in a workspace the actor is not in, or
 * a colleague's own, is reported exactly like one that does not exist.
 */
export async function loadReply(
  db: Db,
  actor: Actor,
  id: string,
  action: Action,
): Promise<{ row: CannedReplyRow; workspace: WorkspaceWithPolicy }> {
  const [row] = await db.select().from(cannedReplies).where(eq(cannedReplies.id, id)).limit(1);
  if (!row || !membershipIn(actor, row.workspaceId)) throw notFound("Canned reply");
  const workspace = await workspaceById(db, row.workspaceId);
  authorize(
    actor,
    action,
    { workspaceId: row.workspaceId, replyOwner: row.ownerId },
    workspace.policy,
    "Canned reply",
  );
  return { row, workspace };
}

/** The 409 for a reply changed or deleted since `before` was read, with its version now. */
export async function staleReply(db: Db, before: CannedReplyRow): Promise<DomainError> {
  const [now] = await db
    .select({ version: cannedReplies.version })
    .from(cannedReplies)
    .where(eq(cannedReplies.id, before.id));
  return conflict(
    `The canned reply "${before.title}" was changed or deleted meanwhile; reload it`,
    {
      currentVersion: now?.version ?? null,
    },
  );
}

/** Whether another reply in the same scope has this title, whatever its case. */
export async function titleInUse(
  db: Db,
  reply: { workspaceId: string; ownerId: string | null; title: string; id?: string },
): Promise<boolean> {
  const [hit] = await db
    .select({ id: cannedReplies.id })
    .from(cannedReplies)
    .where(
      and(
        eq(cannedReplies.workspaceId, reply.workspaceId),
        reply.ownerId === null
          ? isNull(cannedReplies.ownerId)
          : eq(cannedReplies.ownerId, reply.ownerId),
        eq(sql`lower(${cannedReplies.title})`, reply.title.toLowerCase()),
        reply.id ? ne(cannedReplies.id, reply.id) : undefined,
      ),
    )
    .limit(1);
  return hit !== undefined;
}

/** The names a case's canned replies are filled with; null where the case has none. */
export async function caseReplyFacts(db: Db, caseId: string) {
  const [facts] = await db
    .select({
      number: cases.number,
      subject: cases.subject,
      customerName: customers.name,
      contactName: contacts.name,
      ownerName: users.name,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .leftJoin(users, eq(users.id, cases.ownerId))
    .where(eq(cases.id, caseId));
  if (!facts) throw notFound("Case");
  return facts;
}
