import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { authorize } from "../auth/authorize.ts";
import type { Db } from "../db/client.ts";
import { messageTemplates } from "../db/schema.ts";
import { memberWorkspace } from "./member-workspace.ts";

export async function templateWorkspace(
  db: Db,
  actor: Actor,
  slug: string,
  action: "template.read" | "template.manage",
) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, action, { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  return ws;
}

export const templateRows = (db: Db, workspaceId: string, topic?: string) =>
  db
    .select()
    .from(messageTemplates)
    .where(
      topic
        ? and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.topic, topic))
        : eq(messageTemplates.workspaceId, workspaceId),
    )
    .orderBy(messageTemplates.topic, messageTemplates.language);
