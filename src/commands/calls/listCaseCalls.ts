import type { Actor } from "../../auth/actor.ts";
import { can } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { callsOfCase, callViewer } from "../../loaders/calls.ts";
import { loadCase, targetOf } from "../../loaders/cases.ts";
import { presentCall } from "../../presenters/calls.ts";

/** A case's scheduled calls, soonest first, with whether the viewer may schedule another. */
export async function listCaseCalls(db: Db, actor: Actor, number: number) {
  const { row, workspace } = await loadCase(db, actor, number, "case.read");
  const viewer = callViewer(actor, workspace);
  const calls = await callsOfCase(db, row.id);
  return {
    items: calls.map((c) => presentCall(c, viewer)),
    maySchedule:
      row.status !== "closed" && can(actor, "case.note", targetOf(row), workspace.policy),
  };
}
