import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { policyVersionRows } from "../../loaders/policy-versions.ts";
import { workspaceFor } from "../../loaders/workspace-for.ts";
import { presentPolicyVersion } from "../../presenters/policy-versions.ts";

/** The policy's versions, newest first; no actor: the operator's `baton policy history`. */
export async function listPolicyVersions(
  db: Db,
  actor: Actor | null,
  slug: string,
  page: { before?: number | undefined; limit: number },
) {
  const ws = await workspaceFor(db, actor, slug);
  if (actor)
    authorize(actor, "policy.history", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const rows = await policyVersionRows(db, ws.id, { before: page.before, limit: page.limit + 1 });
  const items = rows.slice(0, page.limit);
  return {
    workspace: ws.slug,
    current: ws.policyVersion,
    items: items.map((r) => presentPolicyVersion(r, ws.policyVersion)),
    nextCursor: rows.length > page.limit ? String(items.at(-1)?.version) : null,
  };
}
