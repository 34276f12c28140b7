import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import {
  policyDocumentField,
  policySummaryField,
  policyVersionField,
} from "../../domain/policy/edit-input.ts";
import { workspaceFor } from "../../loaders/workspace-for.ts";
import { lockedWorkspacePolicy, pickWorkspace } from "../../loaders/workspaces.ts";
import {
  checkPolicyVersion,
  policyFrom,
  publishPolicyVersion,
} from "../../writes/policy-version.ts";

export const replacePolicyInput = z.strictObject({
  version: policyVersionField,
  summary: policySummaryField,
  policy: policyDocumentField,
});

export type ReplacePolicyInput = Omit<z.infer<typeof replacePolicyInput>, "version"> & {
  /** Left out only at the command line, where the operator replaces whatever is there. */
  version?: number | undefined;
};

/**
 * An admin replaces the whole policy (an edit in the web app, or an import): validated with each
 * problem named by its field, checked against the version they read, and written as the next
 * version; the same document again writes nothing. No actor: the operator's `baton policy import`.
 */
export async function replacePolicy(
  db: Db,
  actor: Actor | null,
  slug: string,
  input: ReplacePolicyInput,
) {
  const seen = await workspaceFor(db, actor, slug);
  if (actor)
    authorize(actor, "policy.manage", { workspaceId: seen.id }, seen.policy, `Workspace ${slug}`);
  const next = policyFrom(input.policy);
  return db.transaction(async (tx) => {
    const ws = await lockedWorkspacePolicy(tx, pickWorkspace(seen));
    checkPolicyVersion(ws, input.version);
    return publishPolicyVersion(tx, ws, next, {
      actorId: actor?.userId ?? null,
      summary: input.summary?.trim() || null,
    });
  });
}
