import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { notFound } from "../domain/errors.ts";
import { type WorkspaceWithPolicy, workspaceById } from "./workspaces.ts";

/**
 * A workspace the actor belongs to, by slug or id; any other is reported as `what` not found, so
 * nobody learns that a workspace they are not in exists.
 */
export async function memberWorkspace(
  db: Db,
  actor: Actor,
  by: { slug: string } | { id: string },
  what: string,
): Promise<WorkspaceWithPolicy> {
  const known = actor.memberships.find((m) =>
    "slug" in by ? m.workspaceSlug === by.slug : m.workspaceId === by.id,
  );
  if (!known) throw notFound(what);
  return workspaceById(db, known.workspaceId);
}
