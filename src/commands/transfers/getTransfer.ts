import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { loadTransfer } from "../../loaders/transfer.ts";
import { presentTransfer } from "../../presenters/transfer.ts";

export async function getTransfer(db: Db, actor: Actor, id: string) {
  const t = await loadTransfer(db, actor, id);
  return presentTransfer(db, actor, t.transfer, t.loaded.row);
}
