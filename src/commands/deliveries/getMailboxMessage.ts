import { eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cases, mailboxMessages, workspaces } from "../../db/schema.ts";
import { notFound } from "../../domain/errors.ts";
import { MAILBOX_COLUMNS } from "../../loaders/deliveries.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";

/** One mailbox message with its full source. */
export async function getMailboxMessage(db: Db, actor: Actor, id: number) {
  const [row] = await db
    .select({ ...MAILBOX_COLUMNS, raw: mailboxMessages.raw, workspaceId: workspaces.id })
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
