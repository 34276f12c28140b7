import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { activities } from "../db/schema.ts";

// A hand-off sheet entry, a training move or a transfer to another workspace writes its line with
// this; the usual transfer's note and line ride in its own statements (transferActivityInsert).
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

/**
 * A transfer's handover note or system line as an insert whose values are the placeholders
 * `caseId` (or the name given) and noteBody, noteAuthorId, noteData for the note, lineBody,
 * lineAuthorId, lineData for the line: it rides as a CTE in the statement that inserts the
 * transfer or reassigns the case, one round trip fewer each (docs/performance.md, "Two
 * statements fewer per transfer").
 */
export const transferActivityInsert = (db: Db, kind: "note" | "system", caseId = "caseId") => {
  const prefix = kind === "note" ? "note" : "line";
  return db.insert(activities).values({
    caseId: sql.placeholder(caseId),
    kind,
    visibility: "private",
    body: sql.placeholder(`${prefix}Body`),
    authorId: sql.placeholder(`${prefix}AuthorId`),
    data: sql.placeholder(`${prefix}Data`),
  });
};

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
