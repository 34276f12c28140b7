import { and, desc, eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { webhookSubscriptions } from "../../db/schema.ts";
import { managedWorkspace } from "../../loaders/webhooks.ts";
import { webhookView } from "../../presenters/webhooks.ts";

export async function listWebhooks(db: Db, actor: Actor, slug: string) {
  const ws = await managedWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.workspaceId, ws.id), eq(webhookSubscriptions.active, true)))
    .orderBy(desc(webhookSubscriptions.createdAt));
  return { items: rows.map((r) => webhookView(r, ws.slug)) };
}
