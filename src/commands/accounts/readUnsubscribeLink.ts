import type { z } from "zod";
import { requireUnsubscribe, unsubscribeKey } from "../../auth/unsubscribe-tokens.ts";
import type { Db } from "../../db/client.ts";
import { mailChoicesOf } from "../../loaders/mail-preferences.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { TEAM_MAIL_TOPICS } from "../../notify/team-mail.ts";
import type { unsubscribeParams } from "./unsubscribeByLink.ts";

/**
 * What an unsubscribe link would turn off, and whether it already is, for the page a mail
 * scanner or a person opening the link sees: reading it changes nothing.
 */
export async function readUnsubscribeLink(db: Db, params: z.infer<typeof unsubscribeParams>) {
  const subject = requireUnsubscribe(await unsubscribeKey(db), params.token);
  // Only team topics are ever signed; one dropped from Baton since is shown by its name.
  const topic = TEAM_MAIL_TOPICS.find((t) => t.topic === subject.topic) ?? {
    topic: subject.topic,
    title: subject.topic,
  };
  const ws = await workspaceById(db, subject.workspaceId);
  const choice = (await mailChoicesOf(db, subject.userId, [ws.id])).get(ws.id);
  return {
    workspace: ws.slug,
    workspaceName: ws.name,
    topic: topic.topic,
    title: topic.title,
    unsubscribed: choice?.offTopics.includes(topic.topic) ?? false,
  };
}
