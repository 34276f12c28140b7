import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { mailChoicesOf } from "../../loaders/mail-preferences.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { teamMailTopicsFor } from "../../notify/team-mail.ts";

/** My team mail in each of my workspaces: every topic I may turn off, on or off. */
export async function listMyMailPreferences(db: Db, actor: Actor) {
  const ids = actor.memberships.map((m) => m.workspaceId);
  const choices = await mailChoicesOf(db, actor.userId, ids);
  const items = [];
  for (const id of ids) {
    const ws = await workspaceById(db, id);
    const choice = choices.get(id);
    items.push({
      workspace: ws.slug,
      name: ws.name,
      version: choice?.version ?? 0,
      topics: teamMailTopicsFor(choice?.offTopics ?? []),
    });
  }
  return { items };
}
