import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { CANNED_PLACEHOLDERS } from "../../domain/canned-replies.ts";
import { cannedWorkspace, visibleReplies } from "../../loaders/canned-replies.ts";
import { presentReply } from "../../presenters/canned-replies.ts";

/** The workspace's canned replies and the caller's own, by title, with the placeholders known. */
export async function listCannedReplies(db: Db, actor: Actor, slug: string) {
  const ws = await cannedWorkspace(db, actor, slug);
  const rows = await visibleReplies(db, ws.id, actor.userId);
  return {
    placeholders: Object.entries(CANNED_PLACEHOLDERS).map(([name, description]) => ({
      name,
      description,
    })),
    items: rows.map((r) => presentReply(r, actor, ws.policy)),
  };
}
