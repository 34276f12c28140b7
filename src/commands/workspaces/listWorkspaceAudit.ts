import { and, desc, eq, isNull, lt } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { auditEvents } from "../../db/schema.ts";
import { auditPeople, auditSummary } from "../../domain/audit-text.ts";
import { type Changes, changesIn, changeTexts } from "../../domain/case-changes.ts";
import { policyValueText } from "../../domain/policy/diff.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { namesOf } from "../../presenters/cases.ts";

// A policy change is keyed by the path in the document, not by a case field.
const policyChangeTexts = (changes: Changes) =>
  Object.entries(changes).map(([field, { from, to }]) => ({
    field,
    label: field,
    from: { value: from ?? null, text: policyValueText(from) },
    to: { value: to ?? null, text: policyValueText(to) },
    long: false,
  }));

/**
 * The workspace's audit trail, newest first: policy versions, members and the like; with
 * `cases: "include"` every case's events too.
 */
export async function listWorkspaceAudit(
  db: Db,
  actor: Actor,
  slug: string,
  page: { before?: number | undefined; limit: number; cases?: "include" | "exclude" | undefined },
) {
  const ws = await memberWorkspace(db, actor, { slug }, `Workspace ${slug}`);
  authorize(actor, "workspace.audit.read", { workspaceId: ws.id }, ws.policy, `Workspace ${slug}`);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, ws.id),
        page.cases === "include" ? undefined : isNull(auditEvents.caseId),
        page.before === undefined ? undefined : lt(auditEvents.id, page.before),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const people = await namesOf(db, [
    ...items.map((e) => e.actorId),
    ...items.flatMap((e) => auditPeople(e.data as Record<string, unknown>)),
  ]);
  const names = { policy: ws.policy, people };
  return {
    items: items.map((e) => {
      const data = e.data as Record<string, unknown>;
      const changes = changesIn(data);
      return {
        id: e.id,
        action: e.action,
        actor: e.actorId ? (people.get(e.actorId) ?? null) : null,
        summary: auditSummary(e.action, data, names),
        changes: changes
          ? e.action === "policy.published"
            ? policyChangeTexts(changes)
            : changeTexts(changes, names)
          : null,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        data,
        at: e.at.toISOString(),
      };
    }),
    nextCursor: rows.length > page.limit ? String(items.at(-1)?.id) : null,
  };
}
