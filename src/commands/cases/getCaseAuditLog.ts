import { and, asc, eq, gt } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { auditEvents } from "../../db/schema.ts";
import { loadCase } from "../../loaders/cases.ts";
import { presentAuditPage } from "../../presenters/audit.ts";

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
  return presentAuditPage(db, rows, page.limit, workspace.policy);
}
