import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cases, inboundMessages } from "../../db/schema.ts";
import { INBOUND_STATES } from "../../domain/inbound.ts";
import { slug } from "../../domain/text.ts";
import { INBOUND_COLUMNS } from "../../loaders/inbound-review.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { inboundView } from "../../presenters/inbound.ts";

export const id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const inboundQuery = z.strictObject({
  workspace: slug.describe("Its messages, and those Baton could not place in any workspace"),
  state: z.enum(INBOUND_STATES).optional(),
  before: id.optional().describe("Keyset: messages older than this id"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type InboundQuery = z.infer<typeof inboundQuery>;

/** Held, ignored and attached mail of a workspace, newest first, for its admins. */
export async function listInbound(db: Db, actor: Actor, q: InboundQuery) {
  const ws = await memberWorkspace(db, actor, { slug: q.workspace }, `Workspace ${q.workspace}`);
  authorize(actor, "inbound.review", { workspaceId: ws.id }, ws.policy, "Workspace");
  const rows = await db
    .select({ ...INBOUND_COLUMNS, text: inboundMessages.text })
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
  return { items: rows.map(({ text, ...r }) => inboundView(r, text)) };
}
