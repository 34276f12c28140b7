import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { policySummaryField, policyVersionField } from "../../domain/policy/edit-input.ts";
import { parsePolicy } from "../../domain/policy/parse.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { policyVersionRow } from "../../loaders/policy-versions.ts";
import { lockedWorkspacePolicy, pickWorkspace } from "../../loaders/workspaces.ts";
import {
  checkPolicyVersion,
  invalidPolicy,
  publishPolicyVersion,
} from "../../writes/policy-version.ts";

export const rollbackPolicyInput = z.strictObject({
  version: policyVersionField,
  to: z
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .describe("The earlier version whose document becomes the next version"),
  summary: policySummaryField,
});

/**
 * An admin restores an earlier version. History is never rewritten: the old document becomes a
 * new version that says which one it restores. It must still be valid under today's rules, and
 * may not remove what open cases use, like any other new version.
 */
export async function rollbackPolicy(
  db: Db,
  actor: Actor,
  slug: string,
  input: z.infer<typeof rollbackPolicyInput>,
) {
  const seen = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "policy.manage", { workspaceId: seen.id }, seen.policy, `Workspace ${slug}`);
  const earlier = await policyVersionRow(db, seen.id, input.to);
  const parsed = parsePolicy(earlier.document);
  if (!parsed.ok)
    throw invalidPolicy(
      parsed.issues.map((i) => ({
        field: `policy.${i.field}`,
        message: `${i.message} (version ${input.to} no longer passes today's checks; edit it instead)`,
      })),
    );
  return db.transaction(async (tx) => {
    const ws = await lockedWorkspacePolicy(tx, pickWorkspace(seen));
    checkPolicyVersion(ws, input.version);
    return publishPolicyVersion(tx, ws, parsed.policy, {
      actorId: actor.userId,
      summary: input.summary?.trim() || `Restored version ${input.to}`,
      restoredFrom: input.to,
    });
  });
}
