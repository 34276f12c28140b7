import type { Actor } from "../auth/actor.ts";
import { can } from "../auth/authorize.ts";
import { scopeOf } from "../domain/canned-replies.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { CannedReplyRow } from "../loaders/canned-replies.ts";

/**
 * A canned reply as the API shows it, with whether the caller may change or delete it: decided
 * here, once, so the web app never works out rights of its own.
 */
export function presentReply(r: CannedReplyRow, actor: Actor, policy: Policy) {
  return {
    id: r.id,
    scope: scopeOf(r.ownerId),
    title: r.title,
    body: r.body,
    version: r.version,
    mayEdit: can(
      actor,
      "canned_reply.manage",
      { workspaceId: r.workspaceId, replyOwner: r.ownerId },
      policy,
    ),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
