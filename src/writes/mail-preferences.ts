import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { mailPreferences } from "../db/schema.ts";
import { conflict } from "../domain/errors.ts";
import { emit } from "./emit.ts";

/**
 * Stores a person's team mail choice in a workspace if it is still at `version` (0: never chosen),
 * with its audit event, in the caller's transaction. Another change meanwhile is a conflict.
 */
export async function saveMailChoice(
  tx: Db,
  input: {
    userId: string;
    workspaceId: string;
    offTopics: string[];
    version: number;
    via: "account" | "unsubscribe_link";
    actorId: string | null;
  },
): Promise<number> {
  const now = new Date();
  const written =
    input.version === 0
      ? await tx
          .insert(mailPreferences)
          .values({
            userId: input.userId,
            workspaceId: input.workspaceId,
            offTopics: input.offTopics,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning({ version: mailPreferences.version })
      : await tx
          .update(mailPreferences)
          .set({
            offTopics: input.offTopics,
            version: sql`${mailPreferences.version} + 1`,
            updatedAt: now,
          })
          .where(
            and(
              eq(mailPreferences.userId, input.userId),
              eq(mailPreferences.workspaceId, input.workspaceId),
              eq(mailPreferences.version, input.version),
            ),
          )
          .returning({ version: mailPreferences.version });
  const version = written[0]?.version;
  if (version === undefined) {
    const [current] = await tx
      .select({ version: mailPreferences.version })
      .from(mailPreferences)
      .where(
        and(
          eq(mailPreferences.userId, input.userId),
          eq(mailPreferences.workspaceId, input.workspaceId),
        ),
      );
    throw conflict("Your mail settings were changed elsewhere since you read them; reload them", {
      currentVersion: current?.version ?? 0,
    });
  }
  await emit(tx, {
    name: "mail_preferences.changed",
    actorId: input.actorId,
    workspaceId: input.workspaceId,
    subjectId: input.userId,
    data: { offTopics: input.offTopics, via: input.via, version },
  });
  return version;
}
