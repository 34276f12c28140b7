import type { Actor } from "../../auth/actor.ts";
import { authorize, can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { queueLoad } from "../../loaders/queue-load.ts";
import { presentQueue } from "../../presenters/queues.ts";

/** Each queue with its method, the cases waiting unowned in it and the members who work it. */
export async function listQueues(db: Db, actor: Actor, slug: string) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  const target = { workspaceId: ws.id };
  authorize(actor, "policy.read", target, ws.policy, `Workspace ${slug}`);
  const mayChange = can(actor, "policy.manage", target, ws.policy);
  const load = await queueLoad(db, ws.id, ws.policy.routing.roles);
  return {
    workspace: ws.slug,
    version: ws.policyVersion,
    items: ws.policy.queues.map((q) => ({
      ...presentQueue(q),
      waiting: load.waiting.get(q.code) ?? 0,
      members: load.memberQueues.filter((qs) => qs.length === 0 || qs.includes(q.code)).length,
      mayChange,
    })),
  };
}
