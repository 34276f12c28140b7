import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { agentShift } from "../../domain/schedule/context.ts";
import { regionStatus } from "../../domain/schedule/index.ts";
import { scheduleAgents } from "../../loaders/schedule.ts";
import { scheduleWorkspace } from "../../loaders/schedule-workspace.ts";

export async function listRegionsOnDuty(db: Db, actor: Actor, q: { workspace?: string; at: Date }) {
  const ws = await scheduleWorkspace(db, actor, q.workspace, "agent.list");
  const agents = await scheduleAgents(db, ws.id);
  const onShift = agents.flatMap((a) => {
    const shift = agentShift(ws.policy, a, q.at);
    return shift?.onShift
      ? [{ id: a.id, name: a.name, role: a.role, region: a.region, until: shift.changeAt }]
      : [];
  });
  return { workspace: ws.slug, at: q.at, regions: regionStatus(ws.policy, q.at), agents: onShift };
}
