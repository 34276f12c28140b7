import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { loadCase } from "../../loaders/cases.ts";
import { presentCase } from "../../presenters/cases.ts";

export async function getCase(db: Db, actor: Actor, number: number) {
  return presentCase(db, actor, await loadCase(db, actor, number, "case.read"));
}
