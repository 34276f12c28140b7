import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { parsePolicy } from "../../domain/policy/parse.ts";
import { policyVersionRow } from "../../loaders/policy-versions.ts";
import { workspaceFor } from "../../loaders/workspace-for.ts";
import { presentPolicyVersion } from "../../presenters/policy-versions.ts";

/**
 * One version's document exactly as stored (the export: `baton policy validate` and an import
 * take it as it is), and whether today's rules still accept it, so it may be restored.
 * No version: the current one. No actor: the operator's `baton policy export`.
 */
export async function getPolicyVersion(
  db: Db,
  actor: Actor | null,
  slug: string,
  version?: number,
) {
  const ws = await workspaceFor(db, actor, slug);
  if (actor)
    authorize(actor, "policy.history", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const row = await policyVersionRow(db, ws.id, version ?? ws.policyVersion);
  const parsed = parsePolicy(row.document);
  return {
    workspace: ws.slug,
    ...presentPolicyVersion(row, ws.policyVersion),
    document: row.document as Record<string, unknown>,
    restorable: parsed.ok,
    issues: parsed.ok ? [] : parsed.issues,
  };
}
