import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { memberWorkspace } from "./member-workspace.ts";

/** A workspace whose people the actor manages (`user.manage`); any other is not found. */
export async function peopleWorkspace(db: Db, actor: Actor, slug: string) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "user.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return ws;
}
