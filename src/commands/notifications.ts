import { and, count, desc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { notifications, users } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { NOTIFICATIONS_CHANNEL, type NotificationSignal } from "../notify/in-app.ts";

export const notificationsQuery = z.strictObject({
  unread: z.enum(["true", "false"]).optional().describe("true: only those not read yet"),
  /** Keyset: rows older than this id (the last id of the previous page). */
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type NotificationsQuery = z.infer<typeof notificationsQuery>;

type Row = typeof notifications.$inferSelect;

/** Where the web app shows what a notification is about. */
function linkOf(r: Pick<Row, "kind" | "caseNumber" | "sourceId">): string {
  if (r.kind === "approval_waiting") return "/transfers/approvals";
  return r.caseNumber ? `/cases/${r.caseNumber}` : "/";
}

/**
 * Only the caller's own notifications, and only from workspaces they still belong to: someone who
 * left a workspace no longer sees what it told them.
 */
function ownedBy(actor: Actor): SQL {
  const workspaces = actor.memberships.map((m) => m.workspaceId);
  return and(
    eq(notifications.userId, actor.userId),
    workspaces.length ? inArray(notifications.workspaceId, workspaces) : undefined,
  ) as SQL;
}

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
      link: linkOf(n),
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
    unread: unread?.n ?? 0,
    nextBefore: rows.length > q.limit ? (page.at(-1)?.n.id ?? null) : null,
  };
}

/** Marks one of mine read (again is fine); someone else's is reported as missing. */
export async function readNotification(db: Db, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: notifications.id, readAt: notifications.readAt })
      .from(notifications)
      .where(and(ownedBy(actor), eq(notifications.id, id)))
      .for("update");
    if (!row) throw notFound("Notification");
    if (row.readAt) return { id, readAt: row.readAt.toISOString() };
    const [updated] = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(eq(notifications.id, id))
      .returning({ readAt: notifications.readAt });
    await signal(tx, actor.userId, id);
    return { id, readAt: updated?.readAt?.toISOString() ?? null };
  });
}

export async function readAllNotifications(db: Db, actor: Actor) {
  return db.transaction(async (tx) => {
    const done = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(ownedBy(actor), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (done.length) await signal(tx, actor.userId, Math.max(...done.map((d) => d.id)));
    return { read: done.length };
  });
}

/** The reader's other tabs and devices update their bell too. */
async function signal(tx: Db, userId: string, id: number) {
  const payload: NotificationSignal = { userId, id, kind: "", caseNumber: null, change: "read" };
  await tx.execute(sql`SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, ${JSON.stringify(payload)})`);
}
