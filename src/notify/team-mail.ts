import { and, eq, inArray, sql } from "drizzle-orm";
import { signUnsubscribe, unsubscribeKeyColumn } from "../auth/unsubscribe-tokens.ts";
import type { Db } from "../db/client.ts";
import { mailPreferences, users } from "../db/schema.ts";
import type { DeliveryDraft } from "./outbox.ts";
import { TEMPLATE_TOPICS } from "./templates/registry.ts";

/**
 * The topics a person may turn off: mail to the support team. Customer mail and mail to one person
 * about their own account (an invitation) always go.
 */
export const TEAM_MAIL_TOPICS = TEMPLATE_TOPICS.filter((t) => t.audience === "team").map((t) => ({
  topic: t.topic,
  title: t.title,
}));

const TEAM_TOPICS = new Set(TEAM_MAIL_TOPICS.map((t) => t.topic));

export const isTeamMailTopic = (topic: string): boolean => TEAM_TOPICS.has(topic);

/**
 * The outbox's team mail for those who still want it, each with its one-click unsubscribe token:
 * a message of a topic its recipient turned off in that workspace is not written at all. Runs in
 * the transaction of the event the mail is about, so a later change of mind does not recall mail
 * already chosen. Recipients are Baton's people, found by their address (unique, any case).
 */
export async function forTeamMailReaders(
  tx: Db,
  drafts: readonly DeliveryDraft[],
): Promise<(DeliveryDraft & { unsubscribeToken?: string })[]> {
  const team = drafts.filter((d) => d.channel === "email" && isTeamMailTopic(d.topic));
  if (team.length === 0) return [...drafts];
  const addresses = [...new Set(team.map((d) => d.recipient.trim().toLowerCase()))];
  const workspaceIds = [...new Set(team.map((d) => d.workspaceId))];
  const people = await tx
    .select({
      id: users.id,
      address: sql<string>`lower(${users.email})`,
      workspaceId: mailPreferences.workspaceId,
      offTopics: mailPreferences.offTopics,
      key: unsubscribeKeyColumn,
    })
    .from(users)
    .leftJoin(
      mailPreferences,
      and(eq(mailPreferences.userId, users.id), inArray(mailPreferences.workspaceId, workspaceIds)),
    )
    .where(inArray(sql`lower(${users.email})`, addresses));
  const idOf = new Map(people.map((p) => [p.address, p.id]));
  const off = new Set(
    people.flatMap((p) => (p.offTopics ?? []).map((t) => `${p.address}:${p.workspaceId}:${t}`)),
  );
  const key = people[0]?.key;
  return drafts.flatMap((d) => {
    if (!team.includes(d)) return [d];
    const address = d.recipient.trim().toLowerCase();
    if (off.has(`${address}:${d.workspaceId}:${d.topic}`)) return [];
    const userId = idOf.get(address);
    if (!userId || !key) return [d];
    const subject = { userId, workspaceId: d.workspaceId, topic: d.topic };
    return [{ ...d, unsubscribeToken: signUnsubscribe(key, subject) }];
  });
}

/** Each team topic with whether the person gets its mail, for the account page and the link. */
export const teamMailTopicsFor = (offTopics: readonly string[]) =>
  TEAM_MAIL_TOPICS.map((t) => ({ ...t, on: !offTopics.includes(t.topic) }));
