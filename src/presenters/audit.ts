import type { Db } from "../db/client.ts";
import type { auditEvents } from "../db/schema.ts";
import { auditPeople, auditWords } from "../domain/audit-text.ts";
import { type Changes, changesIn, changeTexts } from "../domain/case-changes.ts";
import { policyValueText } from "../domain/policy/diff.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { namesOf } from "./cases.ts";

type AuditRow = typeof auditEvents.$inferSelect;

// A policy change is keyed by the path in the document, not by a case field.
const policyChangeTexts = (changes: Changes) =>
  Object.entries(changes).map(([field, { from, to }]) => ({
    field,
    label: field,
    from: { value: from ?? null, text: policyValueText(from) },
    to: { value: to ?? null, text: policyValueText(to) },
    long: false,
  }));

/** A page of audit rows (one more than `limit` read, to know there is a next page) in words. */
export async function presentAuditPage(db: Db, rows: AuditRow[], limit: number, policy: Policy) {
  const items = rows.slice(0, limit);
  const people = await namesOf(db, [
    ...items.map((e) => e.actorId),
    ...items.flatMap((e) => auditPeople(e.data as Record<string, unknown>)),
    ...items.flatMap((e) => (e.subjectType === "user" ? [e.subjectId] : [])),
  ]);
  const names = { policy, people };
  return {
    items: items.map((e) => {
      const data = e.data as Record<string, unknown>;
      const changes = changesIn(data);
      const words = auditWords(
        e.action,
        data,
        names,
        e.subjectType === "user" ? e.subjectId : null,
      );
      return {
        id: e.id,
        action: e.action,
        actor: e.actorId ? (people.get(e.actorId) ?? null) : null,
        summary: words.summary,
        because: words.because,
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
    nextCursor: rows.length > limit ? String(items.at(-1)?.id) : null,
  };
}
