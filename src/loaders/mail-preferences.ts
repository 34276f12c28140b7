import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { mailPreferences } from "../db/schema.ts";

/** A person's stored choice in a workspace; version 0 and nothing off when they never chose. */
export interface MailChoice {
  workspaceId: string;
  offTopics: string[];
  version: number;
}

/** The person's choices in these workspaces, one per workspace. */
export async function mailChoicesOf(
  db: Db,
  userId: string,
  workspaceIds: readonly string[],
): Promise<Map<string, MailChoice>> {
  const rows = workspaceIds.length
    ? await db
        .select({
          workspaceId: mailPreferences.workspaceId,
          offTopics: mailPreferences.offTopics,
          version: mailPreferences.version,
        })
        .from(mailPreferences)
        .where(
          and(
            eq(mailPreferences.userId, userId),
            inArray(mailPreferences.workspaceId, [...workspaceIds]),
          ),
        )
    : [];
  const byWorkspace = new Map(rows.map((r) => [r.workspaceId, r]));
  return new Map(
    workspaceIds.map((id) => [
      id,
      byWorkspace.get(id) ?? { workspaceId: id, offTopics: [], version: 0 },
    ]),
  );
}
