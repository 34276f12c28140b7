import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { handoffBoard } from "../../domain/schedule/index.ts";
import { caseCards } from "../../loaders/case-cards.ts";
import { scheduleAgents, scheduleCases } from "../../loaders/schedule.ts";
import {
  knownRegion,
  requireFollowTheSun,
  scheduleWorkspace,
} from "../../loaders/schedule-workspace.ts";

export async function getHandoffBoard(
  db: Db,
  actor: Actor,
  q: { workspace?: string; region: string; at: Date },
) {
  const ws = await scheduleWorkspace(db, actor, q.workspace, "case.read");
  requireFollowTheSun(ws.policy, ws.slug);
  const region = knownRegion(ws, q.region);
  const [open, agents] = await Promise.all([scheduleCases(db, ws.id), scheduleAgents(db, ws.id)]);
  const board = handoffBoard(ws.policy, region, open, agents, q.at);
  const numbers = [
    ...board.endingSoon,
    ...board.waiting,
    ...board.notServed,
    ...board.escalations,
  ].map((i) => i.caseNumber);
  const cards = await caseCards(db, ws.id, [...new Set(numbers)]);
  const card = <T extends { caseNumber: number }>(item: T) => ({
    ...item,
    case: cards.get(item.caseNumber) ?? null,
  });
  return {
    workspace: ws.slug,
    ...board,
    endingSoon: board.endingSoon.map(card),
    waiting: board.waiting.map(card),
    notServed: board.notServed.map(card),
    escalations: board.escalations.map(card),
  };
}
