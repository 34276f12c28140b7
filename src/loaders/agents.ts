import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import type { Db } from "../db/client.ts";
import { memberships, users } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { memberWorkspace } from "./member-workspace.ts";

/**
 * An agent of a workspace the actor belongs to, with that workspace. Another workspace, or
 * someone not in it, is reported as missing.
 */
export async function agentIn(db: Db, actor: Actor, workspaceSlug: string, userId: string) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: workspaceSlug },
    `Workspace ${workspaceSlug}`,
  );
  const [subject] = await db
    .select({ user: users, m: memberships })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.id, userId), eq(memberships.workspaceId, ws.id)));
  if (!subject) throw notFound("Agent");
  return { ws, subject };
}
