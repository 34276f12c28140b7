import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { loadDelivery } from "../../loaders/deliveries.ts";
import { deliveryView } from "../../presenters/deliveries.ts";

export async function getDelivery(db: Db, actor: Actor, id: number) {
  const { row, ws } = await loadDelivery(db, actor, id);
  return { ...deliveryView({ ...row.summary, workspace: ws.slug }), body: row.body };
}
