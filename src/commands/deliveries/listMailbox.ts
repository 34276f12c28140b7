import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cases, mailboxMessages } from "../../db/schema.ts";
import { slug } from "../../domain/text.ts";
import { MAILBOX_COLUMNS } from "../../loaders/deliveries.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { page } from "./listDeliveries.ts";

export const mailboxQuery = z.strictObject({ workspace: slug, ...page });

export type MailboxQuery = z.infer<typeof mailboxQuery>;

/** The local mailbox (no SMTP server configured): what would have been sent, for admins. */
export async function listMailbox(db: Db, actor: Actor, q: MailboxQuery) {
  const ws = await memberWorkspace(db, actor, { slug: q.workspace }, `Workspace ${q.workspace}`);
  authorize(actor, "policy.manage", { workspaceId: ws.id }, ws.policy, "Workspace");
  const rows = await db
    .select(MAILBOX_COLUMNS)
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
