import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { activities, users } from "../db/schema.ts";

const STAGE_EVENTS = ["development.entered", "development.stage_changed"];

/**
 * The stages a case went through in development, oldest first, read from the timeline entries
 * its entry and each stage change wrote (writes/development.ts, reactions/development.ts): the
 * case page lists them so the owner sees how development's work went without reading the timeline.
 */
export async function developmentHistory(db: Db, caseId: string) {
  const rows = await db
    .select({
      at: activities.createdAt,
      data: activities.data,
      authorName: users.name,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.authorId))
    .where(
      and(
        eq(activities.caseId, caseId),
        inArray(sql<string>`${activities.data}->>'event'`, STAGE_EVENTS),
      ),
    )
    .orderBy(asc(activities.id));
  return rows.map((r) => {
    const data = isRecord(r.data) ? r.data : {};
    return {
      at: r.at,
      stage: typeof data.stage === "string" ? data.stage : "",
      fromTracker: data.source === "tracker",
      note: typeof data.note === "string" ? data.note : null,
      authorName: r.authorName,
    };
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
