import type { Actor } from "../../auth/actor.ts";
import { membershipIn } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { assignersText, reassignRights } from "../../domain/assignment.ts";
import { nextCustomerContact, nextHolder, regionStatus } from "../../domain/schedule/index.ts";
import { loadCase } from "../../loaders/cases.ts";
import { scheduleAgents, scheduleCases } from "../../loaders/schedule.ts";
import { requireFollowTheSun } from "../../loaders/schedule-workspace.ts";

export async function getNextHolder(
  db: Db,
  actor: Actor,
  number: number,
  q: { at: Date; viewerZone: string | undefined },
) {
  const { row, workspace } = await loadCase(db, actor, number, "case.read");
  requireFollowTheSun(workspace.policy, workspace.slug);
  const [kase] = await scheduleCases(db, row.workspaceId, { numbers: [number] });
  if (!kase) throw new Error(`case ${number} vanished while being read`);
  const agents = await scheduleAgents(db, row.workspaceId);
  const answer = nextHolder(workspace.policy, kase, agents, q.at);
  const viewer = agents.find((a) => a.id === actor.userId);
  const viewerZone = q.viewerZone ?? viewer?.timeZone ?? "UTC";
  const customerZone = kase.contact?.timeZone ?? kase.customer?.timeZone;
  // Suggestions offer assignment only to someone who may assign the case (S4.7: the shift lead).
  const role = membershipIn(actor, row.workspaceId)?.role;
  const mayAssign =
    role !== undefined &&
    can(actor, "case.assign", { workspaceId: row.workspaceId }, workspace.policy) &&
    reassignRights(workspace.policy, role, row).direct;
  return {
    ...answer,
    at: q.at,
    onDuty: regionStatus(workspace.policy, q.at),
    agents: answer.agents,
    nextContact:
      row.nextContactAt && customerZone
        ? nextCustomerContact({ at: row.nextContactAt, customerZone, viewerZone })
        : null,
    customerNow: customerZone ? nextCustomerContact({ at: q.at, customerZone, viewerZone }) : null,
    mayAssign,
    assignNote: mayAssign ? null : assignersText(workspace.policy),
  };
}
