import { and, asc, eq, gt } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { auditEvents } from "../../db/schema.ts";
import { auditPeople, auditSummary } from "../../domain/audit-text.ts";
import { changesIn, changeTexts } from "../../domain/case-changes.ts";
import { loadCase } from "../../loaders/cases.ts";
import { namesOf } from "../../presenters/cases.ts";

export async function getCaseAuditLog(
  db: Db,
  actor: Actor,
  number: number,
  page: { after?: number | undefined; limit: number },
) {
  const { row, workspace } = await loadCase(db, actor, number, "case.audit.read");
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.caseId, row.id),
        page.after === undefined ? undefined : gt(auditEvents.id, page.after),
      ),
    )
    .orderBy(asc(auditEvents.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const people = await namesOf(db, [
    ...items.map((e) => e.actorId),
    ...items.flatMap((e) => auditPeople(e.data as Record<string, unknown>)),
  ]);
  const names = { policy: workspace.policy, people };
  return {
    items: items.map((e) => {
      const data = e.data as Record<string, unknown>;
      const changes = changesIn(data);
      return {
        id: e.id,
        action: e.action,
        actor: e.actorId ? (people.get(e.actorId) ?? null) : null,
        summary: auditSummary(e.action, data, names),
        changes: changes ? changeTexts(changes, names) : null,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        data,
        at: e.at.toISOString(),
      };
    }),
    nextCursor: rows.length > page.limit ? String(items.at(-1)?.id) : null,
  };
}
