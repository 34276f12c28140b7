import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { webhookSubscriptions, workspaces } from "../db/schema.ts";
import { notFound } from "../domain/errors.ts";
import { memberWorkspace } from "./member-workspace.ts";

/** The workspace, for someone who may manage its policy (admins); others are refused. */
export async function managedWorkspace(
  db: Db,
  actor: Actor,
  by: { slug: string } | { id: string },
  what: string,
) {
  const ws = await memberWorkspace(db, actor, by, what);
  authorize(actor, "policy.manage", { workspaceId: ws.id }, ws.policy, what);
  return ws;
}

export async function managedSubscription(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ sub: webhookSubscriptions, workspace: workspaces.slug })
    .from(webhookSubscriptions)
    .innerJoin(workspaces, eq(workspaces.id, webhookSubscriptions.workspaceId))
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.active, true)));
  if (!row) throw notFound("Webhook");
  await managedWorkspace(db, actor, { id: row.sub.workspaceId }, "Webhook");
  return row;
}
