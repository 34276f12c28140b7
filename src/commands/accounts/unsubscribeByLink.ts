import { z } from "zod";
import { requireUnsubscribe, unsubscribeKey } from "../../auth/unsubscribe-tokens.ts";
import type { Db } from "../../db/client.ts";
import { DomainError } from "../../domain/errors.ts";
import { withTopicOff } from "../../domain/mail-preferences.ts";
import { mailChoicesOf } from "../../loaders/mail-preferences.ts";
import { saveMailChoice } from "../../writes/mail-preferences.ts";
import { readUnsubscribeLink } from "./readUnsubscribeLink.ts";

export const unsubscribeParams = z.strictObject({
  token: z.string().min(1).max(300).describe("The signed token of the message's link"),
});

/**
 * A team message's one-click unsubscribe (RFC 8058): the link's person no longer gets that topic's
 * mail in that workspace. No sign-in: the signed link is the authority, and only for what it
 * names. Doing it again changes nothing and answers the same.
 */
export async function unsubscribeByLink(db: Db, params: z.infer<typeof unsubscribeParams>) {
  const subject = requireUnsubscribe(await unsubscribeKey(db), params.token);
  // The same person at once from two clicks: the second sees the first's version and retries.
  for (let attempt = 0; ; attempt++) {
    const choice = (await mailChoicesOf(db, subject.userId, [subject.workspaceId])).get(
      subject.workspaceId,
    );
    const offTopics = withTopicOff(choice?.offTopics ?? [], subject.topic);
    if (!offTopics) break;
    try {
      await db.transaction((tx) =>
        saveMailChoice(tx, {
          userId: subject.userId,
          workspaceId: subject.workspaceId,
          offTopics,
          version: choice?.version ?? 0,
          via: "unsubscribe_link",
          actorId: subject.userId,
        }),
      );
      break;
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === "conflict") || attempt > 2) throw error;
    }
  }
  return readUnsubscribeLink(db, params);
}
