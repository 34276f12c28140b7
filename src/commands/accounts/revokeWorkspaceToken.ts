import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../domain/errors.ts";
import { isUuid } from "../../domain/text.ts";
import { tokenInWorkspace } from "../../loaders/api-tokens.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { revokeToken } from "./revokeToken.ts";

/** An admin ends the token of one of the workspace's members; anyone else's is not found. */
export async function revokeWorkspaceToken(
  db: Db,
  actor: Actor,
  slug: string,
  tokenId: string,
  now: Date = new Date(),
): Promise<void> {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "user.manage", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const found = isUuid(tokenId) ? await tokenInWorkspace(db, ws.id, tokenId) : undefined;
  if (!found || found.revokedAt) throw notFound(`Token ${tokenId}`);
  const by = found.userId === actor.userId ? "owner" : "admin";
  const revoked = await revokeToken(db, {
    tokenId,
    actorId: actor.userId,
    by,
    now,
    workspaceId: ws.id,
  });
  if (!revoked) throw notFound(`Token ${tokenId}`);
}
