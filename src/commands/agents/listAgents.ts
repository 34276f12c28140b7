import { eq } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { memberships, users } from "../../db/schema.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { presentAgent } from "../../presenters/agents.ts";

export async function listAgents(db: Db, actor: Actor, workspaceSlug: string) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: workspaceSlug },
    `Workspace ${workspaceSlug}`,
  );
  authorize(actor, "agent.list", { workspaceId: ws.id }, ws.policy, "Workspace");
  const rows = await db
    .select({ user: users, m: memberships })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ws.id))
    .orderBy(users.name);
  return rows.map(({ user, m }) => presentAgent(user, m));
}
