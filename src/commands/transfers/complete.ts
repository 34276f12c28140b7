import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { activities, cases, contacts, customers, transfers } from "../../db/schema.ts";
import { firstResponseDue } from "../../domain/cases.ts";
import { conflict } from "../../domain/errors.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { recordAudit } from "../audit.ts";
import { workspaceById } from "../workspaces.ts";

export type TransferRow = typeof transfers.$inferSelect;
type CaseRow = typeof cases.$inferSelect;

interface Artifacts {
  internalTitle: string | null;
  targetLabel?: string;
}

/** Keep a value the receiving workspace knows; otherwise fall back to its default. */
const known = (list: { code: string }[], value: string | null, fallback: string | null) =>
  value && list.some((i) => i.code === value) ? value : fallback;

/**
 * The reassignment itself (S0.3.5), once every required step is done: owner, queue, priority,
 * status, pin and title change together, the receiver's response clock restarts and the idle
 * clock keeps running (S3.5). Call inside the transaction that finished the last step.
 */
export async function completeTransfer(
  tx: Db,
  transfer: TransferRow,
  actorId: string,
  policy: Policy,
  now: Date,
): Promise<void> {
  const [kase] = await tx.select().from(cases).where(eq(cases.id, transfer.caseId));
  if (!kase) throw new Error("transfer's case vanished");
  const artifacts = transfer.artifacts as Artifacts;
  const kind = policy.transferKinds.find((k) => k.code === transfer.kind);
  const moving = transfer.targetType === "workspace" && transfer.targetWorkspaceId;
  const targetPolicy = moving
    ? (await workspaceById(tx, transfer.targetWorkspaceId!)).policy
    : policy;
  const severity = known(targetPolicy.severities, kase.severity, targetPolicy.defaults.severity)!;
  const changes: Partial<CaseRow> = {
    ownerId: transfer.targetType === "agent" ? transfer.targetAgentId : null,
    queue: transfer.targetQueue ?? kase.queue,
    region: transfer.targetRegion ?? kase.region,
    priority: transfer.newPriority ?? kase.priority,
    brand: transfer.newBrand ?? kase.brand,
    status: transfer.newStatus,
    pinned: transfer.pin,
    pinnedUntil: transfer.pin ? transfer.pinUntil : null,
    internalTitle: artifacts.internalTitle ?? kase.internalTitle,
    ...(kind?.resetsResponseClock !== false
      ? { firstResponseDueAt: firstResponseDue(targetPolicy, severity, now) }
      : {}),
  };
  if (moving)
    Object.assign(
      changes,
      await moveToWorkspace(
        tx,
        {
          ...kase,
          priority: changes.priority ?? kase.priority,
          brand: changes.brand ?? kase.brand,
        },
        targetPolicy,
        transfer.targetWorkspaceId!,
      ),
    );
  const updated = await tx
    .update(cases)
    .set({
      ...changes,
      handoffCount: sql`${cases.handoffCount} + 1`,
      version: sql`${cases.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(cases.id, kase.id), eq(cases.version, kase.version)))
    .returning({ version: cases.version });
  if (updated.length === 0) throw conflict(`Case ${kase.number} changed meanwhile; try again`);
  await tx
    .update(transfers)
    .set({
      state: "completed",
      completedAt: now,
      expiresAt: null,
      updatedAt: now,
      version: sql`${transfers.version} + 1`,
    })
    .where(eq(transfers.id, transfer.id));
  await tx.insert(activities).values({
    caseId: kase.id,
    kind: "system",
    visibility: "private",
    body: `Transferred (${kind?.name ?? transfer.kind}) to ${artifacts.targetLabel ?? describeTarget(transfer)}`,
    authorId: actorId,
    data: { event: "transfer.completed", transferId: transfer.id },
  });
  await recordAudit(tx, {
    action: "transfer.completed",
    actorId,
    workspaceId: kase.workspaceId,
    caseId: kase.id,
    caseNumber: kase.number,
    subjectType: "transfer",
    subjectId: transfer.id,
    data: {
      kind: transfer.kind,
      from: { ownerId: kase.ownerId, queue: kase.queue, workspaceId: kase.workspaceId },
      to: {
        ownerId: changes.ownerId,
        queue: changes.queue,
        workspaceId: changes.workspaceId ?? kase.workspaceId,
      },
      version: updated[0]?.version,
    },
  });
}

function describeTarget(t: TransferRow): string {
  if (t.targetType === "agent") return `agent ${t.targetAgentId}`;
  if (t.targetType === "workspace") return `another workspace (queue ${t.targetQueue})`;
  return `queue ${t.targetQueue}${t.targetRegion ? ` (${t.targetRegion})` : ""}`;
}

/**
 * S3.3 "instance": the case moves with copies of its customer and contact, so the receiving
 * workspace holds everything it shows; codes it does not know fall back to its defaults.
 */
async function moveToWorkspace(tx: Db, kase: CaseRow, target: Policy, workspaceId: string) {
  let customerId: string | null = null;
  let contactId: string | null = null;
  if (kase.customerId) {
    const [c] = await tx.select().from(customers).where(eq(customers.id, kase.customerId));
    if (c) {
      const [copy] = await tx
        .insert(customers)
        .values({ workspaceId, name: c.name, timeZone: c.timeZone, language: c.language })
        .returning({ id: customers.id });
      customerId = copy?.id ?? null;
    }
  }
  if (kase.contactId && customerId) {
    const [p] = await tx.select().from(contacts).where(eq(contacts.id, kase.contactId));
    if (p) {
      const [copy] = await tx
        .insert(contacts)
        .values({
          customerId,
          name: p.name,
          email: p.email,
          phone: p.phone,
          timeZone: p.timeZone,
          language: p.language,
        })
        .returning({ id: contacts.id });
      contactId = copy?.id ?? null;
    }
  }
  return {
    workspaceId,
    customerId,
    contactId,
    secondaryOwnerId: null,
    parentCaseId: null,
    severity: known(target.severities, kase.severity, target.defaults.severity)!,
    priority: known(target.priorities, kase.priority, target.defaults.priority)!,
    plan: known(target.plans, kase.plan, null),
    brand: known(target.brands, kase.brand, target.defaults.brand)!,
    product: known(target.products, kase.product, null),
    region: null,
    is24x7: kase.is24x7 && target.plans.some((p) => p.code === kase.plan && p.allows24x7),
  };
}
