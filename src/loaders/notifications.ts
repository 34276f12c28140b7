import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { notifications } from "../db/schema.ts";

/**
 * Only the caller's own notifications, and only from workspaces they still belong to: someone who
 * left a workspace no longer sees what it told them.
 */
export function ownedBy(actor: Actor): SQL {
  const workspaces = actor.memberships.map((m) => m.workspaceId);
  return and(
    eq(notifications.userId, actor.userId),
    workspaces.length ? inArray(notifications.workspaceId, workspaces) : undefined,
  ) as SQL;
}
