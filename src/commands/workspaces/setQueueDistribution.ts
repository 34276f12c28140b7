import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { policies } from "../../db/schema.ts";
import { conflict, DomainError } from "../../domain/errors.ts";
import { rowVersion } from "../../domain/numbers.ts";
import { parsePolicy } from "../../domain/policy/parse.ts";
import {
  changeQueueDistribution,
  distributionNamed,
  queueNamed,
} from "../../domain/policy/queue-distribution.ts";
import { DISTRIBUTIONS } from "../../domain/routing/methods.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { lockedWorkspacePolicy, pickWorkspace } from "../../loaders/workspaces.ts";
import { presentQueue } from "../../presenters/queues.ts";
import { emit } from "../../writes/emit.ts";

// The method is any string here and checked by the use case, so that an unknown one is refused
// with 422 naming `distribution` like an unknown queue or severity, not as malformed input.
export const queueDistributionInput = z.strictObject({
  version: rowVersion.describe("The policy version you read; a newer one answers 409"),
  distribution: z
    .string()
    .max(64)
    .describe(`How the queue hands out cases: one of ${DISTRIBUTIONS.join(", ")}`),
});

export type QueueDistributionInput = z.infer<typeof queueDistributionInput>;

/**
 * An admin changes how one queue hands out cases. The policy is versioned, so the change is a new
 * version of the whole policy; routing reads the newest, so the next case goes by the new method.
 */
export async function setQueueDistribution(
  db: Db,
  actor: Actor,
  slug: string,
  queueCode: string,
  input: QueueDistributionInput,
) {
  const seen = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "policy.manage", { workspaceId: seen.id }, seen.policy, `Workspace ${slug}`);
  const to = distributionNamed(input.distribution);
  queueNamed(seen.policy, queueCode);
  return db.transaction(async (tx) => {
    const ws = await lockedWorkspacePolicy(tx, pickWorkspace(seen));
    if (ws.policyVersion !== input.version)
      throw conflict(
        `The policy changed meanwhile (version ${ws.policyVersion}, you sent ${input.version}); reload and try again`,
        { currentVersion: ws.policyVersion },
      );
    const decision = changeQueueDistribution(ws.policy, queueCode, to);
    if (!decision.changed)
      return {
        workspace: ws.slug,
        version: ws.policyVersion,
        changed: false,
        queue: presentQueue(decision.queue),
      };
    const parsed = parsePolicy(decision.policy);
    if (!parsed.ok)
      throw new DomainError("rule", "invalid_policy", "The policy would not be valid", {
        issues: parsed.issues.map((i) => ({ field: `policy.${i.field}`, message: i.message })),
      });
    const version = ws.policyVersion + 1;
    const [row] = await tx
      .insert(policies)
      .values({ workspaceId: ws.id, version, document: parsed.policy, createdBy: actor.userId })
      .returning({ id: policies.id });
    if (!row) throw new Error("policy insert returned nothing");
    await emit(tx, {
      name: "policy.published",
      actorId: actor.userId,
      workspaceId: ws.id,
      subjectId: row.id,
      data: {
        version,
        previousVersion: ws.policyVersion,
        changes: {
          [`queues.${queueCode}.distribution`]: { from: decision.from, to: decision.to },
        },
      },
    });
    return { workspace: ws.slug, version, changed: true, queue: presentQueue(decision.queue) };
  });
}
