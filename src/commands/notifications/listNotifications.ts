import { and, count, desc, eq, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { notifications, users } from "../../db/schema.ts";
import { ownedBy } from "../../loaders/notifications.ts";
import { linkOf } from "../../presenters/notifications.ts";

export const notificationsQuery = z.strictObject({
  unread: z.enum(["true", "false"]).optional().describe("true: only those not read yet"),
  /** Keyset: rows older than this id (the last id of the previous page). */
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export type NotificationsQuery = z.infer<typeof notificationsQuery>;

export async function listNotifications(db: Db, actor: Actor, q: NotificationsQuery) {
  const slugs = new Map(actor.memberships.map((m) => [m.workspaceId, m.workspaceSlug]));
  if (slugs.size === 0) return { items: [], unread: 0, nextBefore: null };
  const rows = await db
    .select({ n: notifications, actorName: users.name })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(
      and(
        ownedBy(actor),
        q.unread === "true" ? isNull(notifications.readAt) : undefined,
        q.before ? lt(notifications.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(q.limit + 1);
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(ownedBy(actor), isNull(notifications.readAt)));
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(({ n, actorName }) => ({
      id: n.id,
      kind: n.kind,
      workspace: slugs.get(n.workspaceId) ?? "",
      caseNumber: n.caseNumber,
      title: n.title,
      body: n.body,
      actor: n.actorId ? { id: n.actorId, name: actorName ?? "" } : null,
      link: linkOf(n, slugs.get(n.workspaceId) ?? ""),
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
    unread: unread?.n ?? 0,
    nextBefore: rows.length > q.limit ? (page.at(-1)?.n.id ?? null) : null,
  };
}
