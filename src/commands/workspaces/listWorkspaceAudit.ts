import { and, desc, eq, isNull, lt } from "drizzle-orm";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { auditEvents } from "../../db/schema.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { presentAuditPage } from "../../presenters/audit.ts";

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
  return presentAuditPage(db, rows, page.limit, ws.policy);
}
