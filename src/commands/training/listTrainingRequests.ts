import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { slug } from "../../domain/text.ts";
import { mayApproveTraining } from "../../domain/training/requests.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { listTraining } from "../../loaders/training.ts";
import { presentTraining, trainingViewer } from "../../presenters/training.ts";

export const listTrainingRequestsInput = z.strictObject({ workspace: slug });

/**
 * The session requests of a workspace as the desk shows them (S4.12), waiting first, with the
 * factors the shift lead weighs: an approver sees them all, anyone else those they recorded or
 * run.
 */
export async function listTrainingRequests(
  db: Db,
  actor: Actor,
  input: z.infer<typeof listTrainingRequestsInput>,
) {
  const ws = await memberWorkspace(
    db,
    actor,
    { slug: input.workspace },
    `Workspace ${input.workspace}`,
  );
  const rules = ws.policy.training;
  const viewer = trainingViewer(actor, ws);
  const approver = mayApproveTraining(rules, viewer);
  const rows = await listTraining(db, {
    workspaceId: ws.id,
    ...(approver ? {} : { personId: actor.userId }),
    limit: 100,
  });
  return {
    items: rows.map((r) => presentTraining(r, rules, viewer)),
    viewer: { approver, agentMayAcceptUpToMinutes: rules.agentMayAcceptUpToMinutes },
  };
}
