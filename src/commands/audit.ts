import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { auditEvents } from "../db/schema.ts";
import { enqueueWebhookEvent, isWebhookEvent } from "../notify/webhooks.ts";

// The audit vocabulary is closed: a new kind of event is added here, not invented at a call site.
export type AuditAction =
  | "workspace.created"
  | "policy.published"
  | "user.created"
  | "user.signed_in"
  | "user.signed_out"
  | "user.password_changed"
  | "token.created"
  | "token.revoked"
  | "calendar_key.created"
  | "delivery.retried"
  | "webhook.created"
  | "webhook.deleted"
  | "template.updated"
  | "template.deleted"
  | "membership.added"
  | "agent.availability_changed"
  | "agent.hours_changed"
  | "case.created"
  | "case.updated"
  | "case.note_added"
  | "case.call_logged"
  | "case.email_received"
  | "inbound.held"
  | "inbound.discarded"
  | "case.handover_missed"
  | "customer.created"
  | "transfer.requested"
  | "transfer.step_done"
  | "transfer.approved"
  | "transfer.rejected"
  | "transfer.accepted"
  | "transfer.declined"
  | "transfer.withdrawn"
  | "transfer.expired"
  | "transfer.completed"
  | "team.handoff_sent";

export interface AuditEntry {
  action: AuditAction;
  actorId: string | null;
  workspaceId: string | null;
  caseId?: string | null;
  subjectType:
    | "workspace"
    | "policy"
    | "user"
    | "token"
    | "calendar_key"
    | "delivery"
    | "webhook"
    | "template"
    | "case"
    | "activity"
    | "customer"
    | "transfer"
    | "team_handoff"
    | "inbound_message";
  subjectId: string;
  /** Set for changes to a case, so open pages and queue views hear of them. */
  caseNumber?: number;
  data: Record<string, unknown>;
}

export const CASE_EVENTS_CHANNEL = "baton_case_events";

export interface CaseEvent {
  workspaceId: string;
  number: number;
  action: AuditAction;
  actorId: string | null;
}

// Every change writes one, so it is a prepared statement rather than built each time.
const insertAudit = prepared("baton_audit", (db) =>
  db.insert(auditEvents).values({
    action: sql.placeholder("action"),
    actorId: sql.placeholder("actorId"),
    workspaceId: sql.placeholder("workspaceId"),
    caseId: sql.placeholder("caseId"),
    subjectType: sql.placeholder("subjectType"),
    subjectId: sql.placeholder("subjectId"),
    data: sql.placeholder("data"),
  }),
);

/** Call inside the transaction that makes the change, so the two commit or fail together. */
export async function recordAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await insertAudit(tx, {
    action: entry.action,
    actorId: entry.actorId,
    workspaceId: entry.workspaceId,
    caseId: entry.caseId ?? null,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    data: entry.data,
  });
  if (entry.caseNumber !== undefined && entry.workspaceId) {
    const event: CaseEvent = {
      workspaceId: entry.workspaceId,
      number: entry.caseNumber,
      action: entry.action,
      actorId: entry.actorId,
    };
    // Sent with the transaction: listeners in every process hear it only if it commits.
    await tx.execute(sql`SELECT pg_notify(${CASE_EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
  }
  // Webhooks are written with the change too: posted only if it commits (docs/notifications.md).
  if (entry.workspaceId && isWebhookEvent(entry.action))
    await enqueueWebhookEvent(tx, {
      workspaceId: entry.workspaceId,
      event: entry.action,
      caseId: entry.caseId ?? null,
      caseNumber: entry.caseNumber ?? null,
      data: {
        caseNumber: entry.caseNumber ?? null,
        actorId: entry.actorId,
        subject: { type: entry.subjectType, id: entry.subjectId },
        ...(entry.subjectType === "transfer" ? { transferId: entry.subjectId } : {}),
        details: entry.data,
      },
    });
}

type Changes = Record<string, { from: unknown; to: unknown }>;

/** Field-by-field differences, for the audit log and the timeline's system events. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(after)) {
    const from = before[key] instanceof Date ? (before[key] as Date).toISOString() : before[key];
    const raw = after[key];
    const to = raw instanceof Date ? raw.toISOString() : raw;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
