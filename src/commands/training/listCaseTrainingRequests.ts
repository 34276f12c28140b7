import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { mayApproveTraining } from "../../domain/training/requests.ts";
import { loadCase } from "../../loaders/cases.ts";
import { listTraining } from "../../loaders/training.ts";
import { presentTraining, trainingViewer } from "../../presenters/training.ts";

/**
 * A case's session requests (S4.12), waiting first, and whether the viewer may record one: what
 * the case page's panel shows.
 */
export async function listCaseTrainingRequests(db: Db, actor: Actor, number: number) {
  const { row: kase, workspace } = await loadCase(db, actor, number, "case.read");
  const rules = workspace.policy.training;
  const viewer = trainingViewer(actor, workspace);
  const rows = await listTraining(db, {
    workspaceId: kase.workspaceId,
    caseId: kase.id,
    limit: 50,
  });
  return {
    items: rows.map((r) => presentTraining(r, rules, viewer)),
    viewer: {
      mayRecord: viewer.worksCases && kase.status !== "closed",
      approver: mayApproveTraining(rules, viewer),
      agentMayAcceptUpToMinutes: rules.agentMayAcceptUpToMinutes,
    },
  };
}
