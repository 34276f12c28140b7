import type { Db } from "../../db/client.ts";
import { workspaces } from "../../db/schema.ts";
import { pickWorkspace, type Workspace } from "../../loaders/workspaces.ts";

export async function listWorkspaces(db: Db): Promise<Workspace[]> {
  const rows = await db.select().from(workspaces).orderBy(workspaces.slug);
  return rows.map(pickWorkspace);
}
