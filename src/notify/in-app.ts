import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { memberships, messageTemplates, notifications, users } from "../db/schema.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { TransferFacts } from "../events/catalogue.ts";
import { type DeliveryDraft, enqueueDeliveries } from "./outbox.ts";
import { approvalRequestTopic } from "./templates/approval-request.ts";
import { clockAlertTopic } from "./templates/clock-alert.ts";
import type { Rendered } from "./templates/format.ts";
import { handoverEscalationTopic } from "./templates/handover-escalation.ts";
import { mentionTopic } from "./templates/mention.ts";
import { workspaceWording } from "./templates/resolve.ts";
import { renderTopic, type TemplateTopic } from "./templates/topic.ts";

/**
 * In-app notifications (docs/notifications.md, In-app): rows in `notifications`, written in the
 * transaction of the change that causes them, never for the actor's own action, each announced on
 * NOTIFICATIONS_CHANNEL so that the recipient's open event streams hear of it once it commits.
 */
export const NOTIFICATION_KINDS = [
  "mention",
  "approval_waiting",
  "transfer_to_me",
  "clock_alert",
  "assigned_to_me",
  "desk_request",
  "desk_decision",
  "call_reminder",
  "call_missed",
  "task_mention",
  "task_follow_up",
  "development_update",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATIONS_CHANNEL = "baton_notifications";

/** What the channel carries: whose list changed, and how ("new" row, or rows marked "read"). */
export interface NotificationSignal {
  userId: string;
  id: number;
  kind: string;
  caseNumber: number | null;
  change: "new" | "read";
}

let publicUrl: string | null = null;

/** Baton's public address (BATON_PUBLIC_URL), for links in messages; set when the app starts. */
export function setPublicUrl(url: string | undefined): void {
  publicUrl = url ? url.replace(/\/+$/, "") : null;
}

export const publicBase = (): string | null => publicUrl;
/** A team message's one-click unsubscribe link (src/http/routes/mail-preferences.ts). */
export const unsubscribeLink = (token: string) =>
  publicUrl ? `${publicUrl}/api/v1/mail/unsubscribe/${token}` : null;
export const caseLink = (n: number) => (publicUrl ? `${publicUrl}/cases/${n}` : null);
/** The approvals page (web route /transfers/approvals); its path alone without a public URL. */
export const APPROVALS_PATH = "/transfers/approvals";
export const approvalsLink = () => `${publicUrl ?? ""}${APPROVALS_PATH}`;

export interface InAppDraft {
  userId: string;
  workspaceId: string;
  caseId: string | null;
  caseNumber: number | null;
  kind: NotificationKind;
  sourceId: string;
  title: string;
  body: string;
  actorId: string | null;
}

/** Both drivers answer a raw statement with `rows`. */
const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows.length;

const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/**
 * Writes the rows and their signals in one statement: the insert skips a (user, kind, source) that
 * exists, and only the rows written are announced. Drafts for the actor are dropped.
 */
export async function writeInApp(tx: Db, drafts: readonly InAppDraft[]): Promise<number> {
  const rows = drafts
    .filter((d) => d.userId !== d.actorId)
    .map((d) => ({
      user_id: d.userId,
      workspace_id: d.workspaceId,
      case_id: d.caseId,
      case_number: d.caseNumber,
      kind: d.kind,
      source_id: d.sourceId,
      title: clip(d.title, 300),
      body: clip(d.body, 1_000),
      actor_id: d.actorId,
    }));
  if (rows.length === 0) return 0;
  const result = await tx.execute(sql`
    WITH written AS (
      INSERT INTO notifications
        (user_id, workspace_id, case_id, case_number, kind, source_id, title, body, actor_id)
      SELECT user_id, workspace_id, case_id, case_number, kind, source_id, title, body, actor_id
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(
        user_id uuid, workspace_id uuid, case_id uuid, case_number bigint, kind text,
        source_id text, title text, body text, actor_id uuid)
      ON CONFLICT (user_id, kind, source_id) DO NOTHING
      RETURNING id, user_id, kind, case_number
    )
    SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, json_build_object(
      'userId', user_id, 'id', id, 'kind', kind, 'caseNumber', case_number, 'change', 'new')::text)
    FROM written`);
  return rowsOf(result);
}

/**
 * Marks every unread notification of `kind` about `sourceId` read: the call to action it made is
 * answered (an approval decided, an offered transfer accepted, declined or withdrawn). Their
 * recipients' streams hear of it, so the bell's count drops without a reload.
 */
export async function resolveInApp(
  tx: Db,
  kind: NotificationKind,
  sourceId: string,
): Promise<number> {
  const result = await tx.execute(sql`
    WITH done AS (
      UPDATE notifications SET read_at = now()
      WHERE source_id = ${sourceId} AND kind = ${kind} AND read_at IS NULL
      RETURNING id, user_id, kind, case_number
    )
    SELECT pg_notify(${NOTIFICATIONS_CHANNEL}, json_build_object(
      'userId', user_id, 'id', id, 'kind', kind, 'caseNumber', case_number, 'change', 'read')::text)
    FROM done`);
  return rowsOf(result);
}

const peopleById = prepared("baton_notify_people", (db) =>
  db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      sql`${users.id} IN (SELECT value::uuid FROM json_array_elements_text(${sql.placeholder("ids")}::json))`,
    ),
);

// Asked on every transfer that waits for approval, so it is prepared; the roles come as JSON so
// one statement serves every kind.
const approversOf = prepared("baton_notify_approvers", (db) =>
  db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, sql.placeholder("workspaceId")),
        sql`${memberships.role} IN (SELECT json_array_elements_text(${sql.placeholder("roles")}::json))`,
      ),
    ),
);

const templatesOf = prepared("baton_notify_templates", (db) =>
  db
    .select({
      topic: messageTemplates.topic,
      language: messageTemplates.language,
      subject: messageTemplates.subject,
      text: messageTemplates.text,
    })
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.workspaceId, sql.placeholder("workspaceId")),
        eq(messageTemplates.topic, sql.placeholder("topic")),
      ),
    ),
);

/**
 * A topic rendered for each of several readers, in the workspace's own wording when it edited
 * the topic's template (docs/notifications.md, Templates), else the built-in one.
 */
export async function renderer<F>(
  tx: Db,
  workspaceId: string,
  topic: TemplateTopic<F>,
  language: string,
): Promise<(facts: F) => Rendered> {
  const stored = await templatesOf(tx, { workspaceId, topic: topic.topic });
  const wording = workspaceWording(stored, topic.topic, language, language);
  return (facts) => renderTopic(topic, facts, language, wording);
}

export interface Person {
  id: string;
  name: string;
  email: string;
}

export interface MentionInput {
  workspaceId: string;
  caseId: string;
  caseNumber: number;
  caseSubject: string;
  /** The activity's id: a note notifies each person once however often this runs. */
  activityId: number;
  activity: "note" | "call";
  visibility: "public" | "private";
  body: string;
  /** A null id is Baton itself (the sweeper raising a missed handover). */
  author: { id: string | null; name: string };
  mentions: readonly string[];
  /** The workspace's default language, for the email's wording. */
  language: string;
  /**
   * Baton raising a missed handover (S1.5) to these people rather than someone mentioning them:
   * told as an escalation, in its own wording (topic handover_escalation).
   */
  escalation?: boolean;
}

/** A note or call log that @mentions agents: an in-app notification and an email to each. */
export async function notifyMentions(tx: Db, input: MentionInput): Promise<void> {
  const ids = [...new Set(input.mentions)].filter((id) => id !== input.author.id);
  if (ids.length === 0) return;
  const people: Person[] = await peopleById(tx, { ids: JSON.stringify(ids) });
  const sourceId = String(input.activityId);
  const preview = clip(input.body.trim().replace(/\s+/g, " "), 280);
  await writeInApp(
    tx,
    people.map((p) => ({
      userId: p.id,
      workspaceId: input.workspaceId,
      caseId: input.caseId,
      caseNumber: input.caseNumber,
      kind: "mention",
      sourceId,
      title: input.escalation
        ? `Case ${input.caseNumber} needs a handover: escalated to you — ${input.caseSubject}`
        : `${input.author.name} mentioned you on case ${input.caseNumber}: ${input.caseSubject}`,
      body: preview,
      actorId: input.author.id,
    })),
  );
  if (input.escalation) {
    const escalate = await renderer(tx, input.workspaceId, handoverEscalationTopic, input.language);
    await enqueueDeliveries(
      tx,
      people.map((p) => {
        const { subject, text } = escalate({
          caseNumber: input.caseNumber,
          caseSubject: input.caseSubject,
          recipientName: p.name,
          note: input.body,
          link: caseLink(input.caseNumber),
        });
        return email(
          input,
          "case.handover_missed",
          sourceId,
          "handover_escalation",
          p,
          subject,
          text,
        );
      }),
    );
    return;
  }
  const render = await renderer(tx, input.workspaceId, mentionTopic, input.language);
  await enqueueDeliveries(
    tx,
    people.map((p) => {
      const { subject, text } = render({
        caseNumber: input.caseNumber,
        caseSubject: input.caseSubject,
        recipientName: p.name,
        authorName: input.author.name,
        activity: input.activity,
        visibility: input.visibility,
        note: input.body,
        link: caseLink(input.caseNumber),
      });
      return email(input, "case.mentioned", sourceId, "mention", p, subject, text);
    }),
  );
}

export function email(
  where: { workspaceId: string; caseId: string; caseNumber: number },
  event: string,
  sourceId: string,
  topic: DeliveryDraft["topic"],
  to: Person,
  subject: string,
  body: string,
): DeliveryDraft {
  return {
    workspaceId: where.workspaceId,
    caseId: where.caseId,
    caseNumber: where.caseNumber,
    channel: "email",
    topic,
    event,
    sourceId,
    recipient: to.email,
    recipientName: to.name,
    subject,
    body,
  };
}

export interface TransferMoment {
  /** The transfer as stored after the change. */
  transfer: TransferFacts;
  /** Its state before the change (null: just requested) and the state it moved to. */
  from: string | null;
  to: string;
  kase: { id: string; number: number; subject: string };
  policy: Policy;
  /** Who moved it; a null id is Baton itself (an offer that expired). */
  actor: { id: string | null; name: string };
}

interface StoredArtifacts {
  handoverNote?: string | null;
  targetLabel?: string | null;
}

/**
 * What a transfer's move tells people. Entering `awaiting_approval` asks every approver of the
 * kind (in-app and email); entering `awaiting_acceptance` offers the case to the named receiver
 * (in-app). Leaving either state answers that call, so those notifications are marked read.
 * Completion is told by `notifyNewOwner`. A move that concerns nobody
 * sends no statement.
 */
export async function notifyTransferMoved(tx: Db, m: TransferMoment): Promise<void> {
  if (m.from === m.to) return;
  const t = m.transfer;
  if (m.from === "awaiting_approval") await resolveInApp(tx, "approval_waiting", t.id);
  if (m.from === "awaiting_acceptance") await resolveInApp(tx, "transfer_to_me", t.id);
  if (m.to === "awaiting_approval") await askApprovers(tx, m);
  if (m.to === "awaiting_acceptance" && t.targetAgentId && t.targetAgentId !== m.actor.id)
    await writeInApp(tx, [
      {
        userId: t.targetAgentId,
        workspaceId: t.workspaceId,
        caseId: m.kase.id,
        caseNumber: m.kase.number,
        kind: "transfer_to_me",
        sourceId: t.id,
        title: `Case ${m.kase.number} is offered to you: accept or decline`,
        body: `${m.kase.subject} — ${kindName(m)}: ${reasonOf(m)}`,
        actorId: m.actor.id,
      },
    ]);
}

const kindOf = (m: TransferMoment) =>
  m.policy.transferKinds.find((k) => k.code === m.transfer.kind);
const kindName = (m: TransferMoment) => kindOf(m)?.name ?? m.transfer.kind;
function reasonOf(m: TransferMoment): string {
  const label =
    kindOf(m)?.reasons.find((r) => r.code === m.transfer.reason)?.label ?? m.transfer.reason;
  return m.transfer.reasonText ? `${label} — ${m.transfer.reasonText}` : label;
}

async function askApprovers(tx: Db, m: TransferMoment): Promise<void> {
  const roles = kindOf(m)?.approverRoles ?? [];
  if (roles.length === 0) return;
  const t = m.transfer;
  // The requester is never asked to approve their own request, nor the actor their own step.
  const approvers = (
    (await approversOf(tx, {
      workspaceId: t.workspaceId,
      roles: JSON.stringify(roles),
    })) as Person[]
  ).filter((p) => p.id !== m.actor.id && p.id !== t.requestedBy);
  if (approvers.length === 0) return;
  const requesterName =
    t.requestedBy === m.actor.id
      ? m.actor.name
      : (((await peopleById(tx, { ids: JSON.stringify([t.requestedBy]) })) as Person[])[0]?.name ??
        "A colleague");
  const artifacts = t.artifacts as StoredArtifacts;
  const target = artifacts.targetLabel ?? t.targetQueue ?? "another holder";
  const reason = reasonOf(m);
  // Asked again (an offer ran out and came back to the approvers): the answered call gives way to
  // the new one, and the email is a new message, not a repeat of the first.
  const again = m.from !== null;
  if (again)
    await tx
      .delete(notifications)
      .where(
        and(
          eq(notifications.kind, "approval_waiting"),
          eq(notifications.sourceId, t.id),
          isNotNull(notifications.readAt),
        ),
      );
  await writeInApp(
    tx,
    approvers.map((p) => ({
      userId: p.id,
      workspaceId: t.workspaceId,
      caseId: m.kase.id,
      caseNumber: m.kase.number,
      kind: "approval_waiting",
      sourceId: t.id,
      title: `Approval needed: case ${m.kase.number} (${kindName(m)}) to ${target}`,
      body: `${requesterName}: ${reason}`,
      actorId: m.actor.id,
    })),
  );
  const language = m.policy.defaults.language;
  const render = await renderer(tx, t.workspaceId, approvalRequestTopic, language);
  await enqueueDeliveries(
    tx,
    approvers.map((p) => {
      const { subject, text } = render({
        caseNumber: m.kase.number,
        caseSubject: m.kase.subject,
        approverName: p.name,
        requesterName,
        kindName: kindName(m),
        target,
        reason,
        note: artifacts.handoverNote ?? null,
        link: approvalsLink(),
      });
      const where = { workspaceId: t.workspaceId, caseId: m.kase.id, caseNumber: m.kase.number };
      return email(
        where,
        "transfer.approval_requested",
        again ? `${t.id}:${t.version}` : t.id,
        "approval_request",
        p,
        subject,
        text,
      );
    }),
  );
}

/**
 * A completed transfer that made someone the owner, not by their own hand: they are told in-app
 * (the owner briefing email is the transfer notifications' job).
 */
export async function notifyNewOwner(
  tx: Db,
  input: {
    transfer: TransferFacts;
    ownerId: string | null;
    actorId: string | null;
    caseNumber: number;
    caseId: string;
    workspaceId: string;
    kindName: string;
  },
): Promise<void> {
  const { transfer: t } = input;
  if (!input.ownerId || input.ownerId === input.actorId) return;
  await writeInApp(tx, [
    {
      userId: input.ownerId,
      workspaceId: input.workspaceId,
      caseId: input.caseId,
      caseNumber: input.caseNumber,
      kind: "transfer_to_me",
      sourceId: `${t.id}:completed`,
      title: `Case ${input.caseNumber} is yours now`,
      body: `Transferred to you (${input.kindName})`,
      actorId: input.actorId,
    },
  ]);
}

export interface ClockAlertInput {
  workspaceId: string;
  caseId: string;
  caseNumber: number;
  caseSubject: string;
  /** The alarm's note: each person is told once per alarm however often this runs. */
  activityId: number;
  event: "case.sla_warning" | "case.sla_breached";
  note: string;
  people: readonly string[];
  language: string;
}

/** A clock's warning or breach: in-app and by email to the owner and whom it is raised to. */
export async function notifyClockAlert(tx: Db, input: ClockAlertInput): Promise<void> {
  const ids = [...new Set(input.people)];
  if (ids.length === 0) return;
  const people: Person[] = await peopleById(tx, { ids: JSON.stringify(ids) });
  const sourceId = String(input.activityId);
  const alert = input.event === "case.sla_warning" ? "Warning" : "Breached";
  await writeInApp(
    tx,
    people.map((p) => ({
      userId: p.id,
      workspaceId: input.workspaceId,
      caseId: input.caseId,
      caseNumber: input.caseNumber,
      kind: "clock_alert",
      sourceId,
      title: `${alert}: case ${input.caseNumber} — ${input.caseSubject}`,
      body: clip(input.note, 280),
      actorId: null,
    })),
  );
  const render = await renderer(tx, input.workspaceId, clockAlertTopic, input.language);
  await enqueueDeliveries(
    tx,
    people.map((p) => {
      const { subject, text } = render({
        caseNumber: input.caseNumber,
        caseSubject: input.caseSubject,
        recipientName: p.name,
        alert,
        note: input.note,
        link: caseLink(input.caseNumber),
      });
      return email(input, input.event, sourceId, "clock_alert", p, subject, text);
    }),
  );
}

/** A case routing gave an agent: theirs now, and how it was chosen. */
export async function notifyAutoAssigned(
  tx: Db,
  assigned: readonly {
    workspaceId: string;
    caseId: string;
    caseNumber: number;
    agentId: string;
    assignmentId: number;
    method: string;
    actorId: string | null;
  }[],
): Promise<void> {
  const how: Record<string, string> = {
    round_robin: "in turn (round robin)",
    least_loaded: "as the least loaded",
    skills: "by skills",
  };
  await writeInApp(
    tx,
    assigned.map((a) => ({
      userId: a.agentId,
      workspaceId: a.workspaceId,
      caseId: a.caseId,
      caseNumber: a.caseNumber,
      kind: "assigned_to_me" as const,
      sourceId: `assignment:${a.assignmentId}`,
      title: `Case ${a.caseNumber} is yours: assigned ${how[a.method] ?? a.method}`,
      body: "",
      actorId: a.actorId === a.agentId ? null : a.actorId,
    })),
  );
}
