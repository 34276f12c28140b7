import { and, asc, eq, gt } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { activities } from "../../db/schema.ts";
import { changesIn, changeTexts, describeChanges, peopleIn } from "../../domain/case-changes.ts";
import { saidIn } from "../../domain/said.ts";
import { loadCase } from "../../loaders/cases.ts";
import { namesOf } from "../../presenters/cases.ts";

/** Notes, calls and system events, oldest first, paged by activity id. */
export async function getCaseTimeline(
  db: Db,
  actor: Actor,
  number: number,
  page: { after?: number | undefined; limit: number },
) {
  const { row, workspace } = await loadCase(db, actor, number, "case.read");
  const rows = await db
    .select()
    .from(activities)
    .where(
      and(
        eq(activities.caseId, row.id),
        page.after === undefined ? undefined : gt(activities.id, page.after),
      ),
    )
    .orderBy(asc(activities.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const people = await namesOf(db, [
    ...items.map((a) => a.authorId),
    ...items.flatMap((a) => a.mentions),
    ...items.flatMap((a) => (a.kind === "system" ? peopleIn(changesIn(a.data) ?? {}) : [])),
  ]);
  const names = { policy: workspace.policy, people };
  return {
    items: items.map((a) => {
      // A system line that changed fields is told from its stored changes, with today's names.
      const changes = a.kind === "system" ? changesIn(a.data) : null;
      const { line, ...data } = (a.data ?? {}) as Record<string, unknown>;
      return {
        id: a.id,
        kind: a.kind,
        visibility: a.visibility,
        body: changes ? describeChanges(changes, names) : a.body,
        changes: changes ? changeTexts(changes, names) : null,
        line: a.kind === "system" ? saidIn({ line }) : null,
        author: a.authorId ? (people.get(a.authorId) ?? null) : null,
        mentions: a.mentions.map((id) => people.get(id) ?? { id, name: "(unknown)" }),
        data: a.data === null ? null : data,
        createdAt: a.createdAt.toISOString(),
      };
    }),
    nextCursor: rows.length > page.limit ? String(items.at(-1)?.id) : null,
  };
}
