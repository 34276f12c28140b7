import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { tokensOfWorkspace } from "../../loaders/api-tokens.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { presentToken } from "../../presenters/tokens.ts";

/** The API tokens of the workspace's members, for its admins to review and revoke. */
export async function listWorkspaceTokens(
  db: Db,
  actor: Actor,
  slug: string,
  now: Date = new Date(),
) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "user.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const rows = await tokensOfWorkspace(db, ws.id);
  return { items: rows.map((row) => presentToken(row, now, actor.tokenId)) };
}
