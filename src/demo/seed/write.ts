import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  activities,
  auditEvents,
  cases,
  contacts,
  customers,
  memberships,
  policies,
  projects,
  projectTasks,
  users,
  webhookSubscriptions,
  workspaces,
} from "../../db/schema.ts";
import { describeCasesOf } from "../../db/search.ts";
import { parsePolicy } from "../../domain/policy/parse.ts";
import type { ActivityRow, Plan, PlannedActivity } from "./plan-types.ts";

// Writing a planned workspace: multi-row inserts in one transaction, and every row that a command
// would audit gets its audit event in that transaction.

type AuditRow = typeof auditEvents.$inferInsert;

// Any constant works; it only has to be the same in every Baton process.
const SEED_LOCK = 7_316_202;

export async function writeWorkspace(
  db: Db,
  plan: Plan,
  hashes: Promise<string[]>,
  first: boolean,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Two processes starting together on an empty database: one seeds, the other sees it done.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const existing = await tx.select({ slug: workspaces.slug }).from(workspaces);
    if (first ? existing.length > 0 : existing.some((w) => w.slug === plan.slug)) return false;

    // The same rows as createWorkspace writes, dated when the demo organisation "started", so
    // that the audit log reads in time order from the workspace's creation onwards.
    const parsed = parsePolicy(plan.policy);
    if (!parsed.ok) throw new Error(`preset ${plan.slug} does not parse`);
    const [ws] = await tx
      .insert(workspaces)
      .values({ slug: plan.slug, name: plan.name, preset: plan.slug, createdAt: plan.foundedAt })
      .returning({ id: workspaces.id });
    if (!ws) throw new Error("workspace insert returned nothing");
    const wsId = ws.id;
    await tx.insert(policies).values({
      workspaceId: wsId,
      version: 1,
      document: parsed.policy,
      createdBy: null,
      createdAt: plan.foundedAt,
    });
    // Kinds that post a case-transfer channel entry (S1.2) post it to Baton's own channel, so the
    // demo shows it without a chat service; an admin can add Slack or Teams on Integrations.
    if (parsed.policy.transferKinds.some((k) => k.artifacts.channelEntry))
      await tx.insert(webhookSubscriptions).values({
        workspaceId: wsId,
        url: "local:case-transfer",
        format: "local",
        secret: "",
        events: ["transfer.completed"],
        createdAt: plan.foundedAt,
      });
    const passwordHashes = await hashes;
    await tx
      .insert(users)
      .values(plan.users.map((u, i) => ({ ...u, passwordHash: passwordHashes[i] ?? null })));
    await tx.insert(memberships).values(plan.memberships.map((m) => ({ ...m, workspaceId: wsId })));
    await tx.insert(customers).values(plan.customers.map((cu) => ({ ...cu, workspaceId: wsId })));
    await tx.insert(contacts).values(plan.contacts);
    if (plan.projects.length) {
      await tx.insert(projects).values(plan.projects.map((p) => ({ ...p, workspaceId: wsId })));
      await tx.insert(projectTasks).values(plan.tasks.map((t) => ({ ...t, workspaceId: wsId })));
    }

    // Parents before children, so the parent reference is always to an existing row.
    const ordered = [...plan.cases].sort(
      (a, b) =>
        Number(Boolean(a.row.parentCaseId)) - Number(Boolean(b.row.parentCaseId)) ||
        a.row.createdAt.getTime() - b.row.createdAt.getTime(),
    );
    const inserted = await tx
      .insert(cases)
      .values(ordered.map((pc) => ({ ...pc.row, workspaceId: wsId })))
      .returning({ id: cases.id, number: cases.number });
    const numberOf = new Map(inserted.map((r) => [r.id, r.number]));
    await tx.execute(describeCasesOf(wsId));

    const activityRows: ActivityRow[] = [];
    const activityAudit: (PlannedActivity & { caseId: string })[] = [];
    // In time order within each case, so the timeline reads the same by id and by date.
    const byTime = (a: PlannedActivity, b: PlannedActivity) =>
      (a.row.createdAt?.getTime() ?? 0) - (b.row.createdAt?.getTime() ?? 0);
    for (const pc of ordered)
      for (const act of [...pc.activities].sort(byTime)) {
        activityRows.push({ ...act.row, caseId: pc.row.id });
        activityAudit.push({ ...act, caseId: pc.row.id });
      }
    const activityIds = await tx
      .insert(activities)
      .values(activityRows)
      .returning({ id: activities.id });

    const audit: AuditRow[] = [
      {
        workspaceId: wsId,
        actorId: null,
        action: "workspace.created",
        subjectType: "workspace",
        subjectId: wsId,
        data: { slug: plan.slug, preset: plan.slug, policyVersion: 1, demo: true },
        at: plan.foundedAt,
      },
    ];
    plan.users.forEach((u, i) => {
      const m = plan.memberships[i];
      const at = u.createdAt;
      audit.push({
        workspaceId: wsId,
        actorId: null,
        action: "user.created",
        subjectType: "user",
        subjectId: u.id as string,
        data: { email: u.email, name: u.name, timeZone: u.timeZone },
        at,
      });
      if (m)
        audit.push({
          workspaceId: wsId,
          actorId: null,
          action: "membership.added",
          subjectType: "user",
          subjectId: u.id as string,
          data: {
            workspace: plan.slug,
            role: m.role,
            region: m.region,
            queues: m.queues,
            skills: m.skills,
            languages: m.languages,
          },
          at,
        });
    });
    for (const change of plan.availability) {
      const u = plan.users.find((x) => x.id === change.userId);
      audit.push({
        workspaceId: wsId,
        actorId: change.userId,
        action: "agent.availability_changed",
        subjectType: "user",
        subjectId: change.userId,
        data: change.data,
        at: u?.updatedAt ?? new Date(),
      });
    }
    for (const pc of ordered) {
      const r = pc.row;
      audit.push({
        workspaceId: wsId,
        caseId: r.id,
        actorId: r.createdBy,
        action: "case.created",
        subjectType: "case",
        subjectId: String(numberOf.get(r.id)),
        data: {
          number: numberOf.get(r.id),
          subject: r.subject,
          severity: r.severity,
          priority: r.priority,
          queue: r.queue,
          brand: r.brand,
          plan: r.plan,
          product: r.product,
          region: r.region,
          ownerId: r.ownerId,
        },
        at: r.createdAt,
      });
    }
    activityAudit.forEach((act, i) => {
      if (!act.audit) return;
      const number = numberOf.get(act.caseId);
      const id = activityIds[i]?.id;
      const isActivity = act.audit.action !== "case.updated";
      audit.push({
        workspaceId: wsId,
        caseId: act.caseId,
        actorId: act.row.authorId ?? null,
        action: act.audit.action,
        subjectType: isActivity ? "activity" : "case",
        subjectId: isActivity ? String(id) : String(number),
        data: { number, ...act.audit.data },
        at: act.row.createdAt ?? new Date(),
      });
    });
    // Keep the log in time order, as if the events had happened one after the other.
    audit.sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
    for (let i = 0; i < audit.length; i += 2000)
      await tx.insert(auditEvents).values(audit.slice(i, i + 2000));
    return true;
  });
}
