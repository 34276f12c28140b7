import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { memberWorkspace } from "./member-workspace.ts";
import { type WorkspaceWithPolicy, workspaceBySlug } from "./workspaces.ts";

/**
 * The workspace as a member reaches it (any other is not found), or, with no actor, as the
 * operator at the command line reaches it: they hold the database itself.
 */
export function workspaceFor(
  db: Db,
  actor: Actor | null,
  slug: string,
): Promise<WorkspaceWithPolicy> {
  return actor
    ? memberWorkspace(db, actor, { slug }, `Workspace ${slug}`)
    : workspaceBySlug(db, slug);
}
