import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { policyDiff } from "../../domain/policy/diff.ts";
import { policyDocumentField } from "../../domain/policy/edit-input.ts";
import { inUseIssues, lockoutIssues, removedCodes } from "../../domain/policy/versions.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { openUse } from "../../loaders/policy-usage.ts";
import { invalidPolicy, policyFrom } from "../../writes/policy-version.ts";

export const previewPolicyInput = z.strictObject({ policy: policyDocumentField });

/**
 * What saving a document would change, without saving it: the same checks as a save (422 naming
 * each field), then the changes against the current version, for the admin to review.
 */
export async function previewPolicy(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof previewPolicyInput>,
) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "policy.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const next = policyFrom(input.policy);
  const changes = policyDiff(ws.policy, next);
  if (changes.length) {
    const issues = [
      ...lockoutIssues(next),
      ...inUseIssues(await openUse(db, ws.id, removedCodes(ws.policy, next))),
    ];
    if (issues.length) throw invalidPolicy(issues);
  }
  return { workspace: ws.slug, version: ws.policyVersion, changed: changes.length > 0, changes };
}
