import { eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { trackerSecrets } from "../../db/schema.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";

/** Whether the workspace's tracker webhook has a secret, and where the tracker posts. */
export async function getTrackerHook(db: Db, actor: Actor, slug: string) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "policy.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const [row] = await db
    .select({ createdAt: trackerSecrets.createdAt })
    .from(trackerSecrets)
    .where(eq(trackerSecrets.workspaceId, ws.id));
  return {
    configured: Boolean(row),
    path: `/api/v1/hooks/tracker/${ws.slug}`,
    createdAt: row ? row.createdAt.toISOString() : null,
    stages: ws.policy.development.stages.map((s) => ({ code: s.code, name: s.name })),
  };
}
