import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { activities } from "../db/schema.ts";

// Every transfer writes two of these (the handover note, then the system line), so the insert
// is a prepared statement rather than built each time.
const insertActivity = prepared("baton_transfer_activity", (db) =>
  db
    .insert(activities)
    .values({
      caseId: sql.placeholder("caseId"),
      kind: sql.placeholder("kind"),
      visibility: sql.placeholder("visibility"),
      body: sql.placeholder("body"),
      authorId: sql.placeholder("authorId"),
      data: sql.placeholder("data"),
    })
    .returning({ id: activities.id }),
);

export interface NewActivity {
  caseId: string;
  kind: "note" | "system";
  visibility: "private";
  body: string;
  authorId: string;
  data: Record<string, unknown>;
}

/** The new activity's id. */
export async function addActivity(tx: Db, activity: NewActivity): Promise<number> {
  const [row] = await insertActivity(tx, { ...activity });
  if (!row) throw new Error("activity insert returned nothing");
  return row.id;
}
