import { z } from "zod";
import { type Actor, membershipIn } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { mayApproveChildCases } from "../../domain/child-cases/requests.ts";
import { slug } from "../../domain/text.ts";
import { listChildCases } from "../../loaders/child-cases.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { presentChildCase } from "../../presenters/child-cases.ts";

export const listChildCaseRequestsInput = z.strictObject({ workspace: slug });

/**
 * Requests for new cases as the desk shows them: an approver sees everyone's (waiting first),
 * anyone else their own.
 */
export async function listChildCaseRequests(
  db: Db,
  actor: Actor,
  input: z.infer<typeof listChildCaseRequestsInput>,
) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const rules = ws.policy.childCases;
  const viewer = { userId: actor.userId, role: membershipIn(actor, ws.id)?.role ?? null };
  const approver = mayApproveChildCases(rules, viewer);
  const rows = await listChildCases(db, ws.id, {
    ...(approver ? {} : { requestedBy: actor.userId }),
    limit: 100,
  });
  return {
    items: rows.map((r) => presentChildCase(r, rules, viewer)),
    viewer: { approver },
  };
}
