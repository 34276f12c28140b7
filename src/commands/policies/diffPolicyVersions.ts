import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { policyDiff } from "../../domain/policy/diff.ts";
import { parsePolicy } from "../../domain/policy/parse.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { policyVersionRow } from "../../loaders/policy-versions.ts";

// Documents are compared as today's rules read them (defaults added since filled in), so that a
// default Baton gained later does not show as a change someone made; one that no longer passes
// is compared as stored.
const readable = (document: unknown) => {
  const parsed = parsePolicy(document);
  return parsed.ok ? parsed.policy : document;
};

/** What changed from one version to another (to: the current one when left out). */
export async function diffPolicyVersions(
  db: Db,
  actor: Actor,
  slug: string,
  query: { from: number; to?: number | undefined },
) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "policy.history", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const to = query.to ?? ws.policyVersion;
  const [a, b] = await Promise.all([
    policyVersionRow(db, ws.id, query.from),
    policyVersionRow(db, ws.id, to),
  ]);
  return {
    workspace: ws.slug,
    from: query.from,
    to,
    changes: policyDiff(readable(a.document), readable(b.document)),
  };
}
