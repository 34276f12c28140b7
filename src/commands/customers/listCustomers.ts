import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { customerWorkspace, readCustomers } from "../../loaders/customers.ts";

export async function listCustomers(
  db: Db,
  actor: Actor,
  slug: string,
  query: { q?: string | undefined; limit: number },
) {
  const ws = await customerWorkspace(db, actor, slug);
  authorize(actor, "case.read", { workspaceId: ws.id }, ws.policy, "Workspace");
  return readCustomers(db, ws.id, query);
}
