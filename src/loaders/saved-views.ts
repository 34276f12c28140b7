import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { type Actor, membershipIn } from "../auth/actor.ts";
import { authorize, can } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { savedViews } from "../db/schema.ts";
import { conflict, type DomainError, notFound } from "../domain/errors.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { memberWorkspace } from "./member-workspace.ts";
import { type WorkspaceWithPolicy, workspaceById } from "./workspaces.ts";

export type SavedViewRow = typeof savedViews.$inferSelect;

/** A workspace the actor belongs to and may keep views in; any other is a 404. */
export async function viewsWorkspace(
  db: Db,
  actor: Actor,
  slug: string,
): Promise<WorkspaceWithPolicy> {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "view.read", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return ws;
}

/**
 * Whether the actor sees a view: their own, the workspace's, one shared with a queue they work
 * in; and every shared one for those who manage shared views (they must find what they shared).
 */
export function seesView(actor: Actor, row: SavedViewRow, policy: Policy): boolean {
  const member = membershipIn(actor, row.workspaceId);
  if (!member) return false;
  if (row.share === "personal") return row.ownerId === actor.userId;
  if (row.share === "workspace") return true;
  return (
    (member.groups ?? []).includes(row.queue ?? "") ||
    can(actor, "view.manage", { workspaceId: row.workspaceId, viewOwner: null }, policy)
  );
}

/** The views the actor sees in a workspace: their own first, then the shared; each by position. */
export async function visibleViews(db: Db, actor: Actor, ws: WorkspaceWithPolicy) {
  const rows = await db
    .select()
    .from(savedViews)
    .where(
      and(
        eq(savedViews.workspaceId, ws.id),
        or(eq(savedViews.ownerId, actor.userId), sql`${savedViews.share} <> 'personal'`),
      ),
    )
    .orderBy(
      sql`${savedViews.share} <> 'personal'`,
      asc(savedViews.position),
      asc(sql`lower(${savedViews.name})`),
      asc(savedViews.id),
    );
  return rows.filter((r) => seesView(actor, r, ws.policy));
}

/**
 * A view the actor may see (and, for "view.manage", change), with its workspace. One in a
 * workspace the actor is not in, a colleague's own, or one shared with a queue the actor is not
 * in is reported exactly like one that does not exist.
 */
export async function loadView(
  db: Db,
  actor: Actor,
  id: string,
  action: "view.read" | "view.manage",
): Promise<{ row: SavedViewRow; workspace: WorkspaceWithPolicy }> {
  const [row] = await db.select().from(savedViews).where(eq(savedViews.id, id)).limit(1);
  if (!row || !membershipIn(actor, row.workspaceId)) throw notFound("Saved view");
  const workspace = await workspaceById(db, row.workspaceId);
  if (!seesView(actor, row, workspace.policy)) throw notFound("Saved view");
  authorize(
    actor,
    action,
    { workspaceId: row.workspaceId, viewOwner: row.ownerId },
    workspace.policy,
    "Saved view",
  );
  return { row, workspace };
}

/** Several views of one workspace by id, in the order asked; a missing one is a 404. */
export async function viewsById(db: Db, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.workspaceId, workspaceId), inArray(savedViews.id, [...ids])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id));
}

/** The 409 for a view changed or deleted since `before` was read, with its version now. */
export async function staleView(db: Db, before: SavedViewRow): Promise<DomainError> {
  const [now] = await db
    .select({ version: savedViews.version })
    .from(savedViews)
    .where(eq(savedViews.id, before.id));
  return conflict(`The view "${before.name}" was changed or deleted meanwhile; reload it`, {
    currentVersion: now?.version ?? null,
  });
}
