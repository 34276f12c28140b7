import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { CATALOGUE, type EventName, type EventOf } from "../events/catalogue.ts";
import type { EmitScope, Subscriber, SubscriberList } from "../events/emit.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { callMissed, callReminded } from "./calls.ts";
import {
  childCaseAsked,
  childCaseDecided,
  childCaseWithdrawn,
  leaveApproved,
  leaveStarted,
  leaveSubmitted,
  offQueueAsked,
  offQueueDecided,
  offQueueWithdrawn,
} from "./desk.ts";
import {
  developmentEntered,
  developmentStageChanged,
  ownerUpdateToDevelopment,
} from "./development.ts";
import {
  notifyAutoAssigned,
  notifyClockAlert,
  notifyMentions,
  notifyNewOwner,
  notifyTransferMoved,
  publicBase,
  renderer,
} from "./in-app.ts";
import { DELIVERIES_CHANNEL, type DeliveryDraft, enqueueDeliveries } from "./outbox.ts";
import { followUpWaiting, taskMentioned } from "./projects.ts";
import { teamHandoffTopic } from "./templates/team-handoff.ts";
import { trainingAsked, trainingMoved } from "./training-desk.ts";
import {
  customerNoticeOnCompletion,
  dispatchRequestOnCompletion,
  ownerBriefingOnAssignment,
  ownerBriefingOnCompletion,
  type TransferNotificationInput,
} from "./transfer-notifications.ts";
import {
  enqueueWebhookEvent,
  enqueueWebhookEvents,
  type WebhookEvent,
  type WebhookOccurrence,
} from "./webhooks.ts";

/**
 * Who hears of each event (docs/architecture.md, Events): adding a notification is adding a
 * subscriber here. Each runs in the event's transaction, in this order, after the audit row.
 * Events not listed are only audited (and, for a case, streamed live).
 */
export const SUBSCRIBERS: SubscriberList = {
  "off_queue.requested": [offQueueAsked],
  "off_queue.approved": [offQueueDecided],
  "off_queue.declined": [offQueueDecided],
  "off_queue.withdrawn": [offQueueWithdrawn],
  "leave.submitted": [leaveSubmitted],
  "leave.approved": [leaveApproved],
  "leave.started": [leaveStarted],
  "call.reminded": [callReminded],
  "call.missed": [callMissed],
  "training.requested": [trainingAsked],
  "training.accepted": [trainingMoved],
  "training.approved": [trainingMoved],
  "training.declined": [trainingMoved],
  "training.withdrawn": [trainingMoved],
  "child_case.requested": [childCaseAsked],
  "child_case.approved": [childCaseDecided],
  "child_case.declined": [childCaseDecided],
  "child_case.withdrawn": [childCaseWithdrawn],
  "case.created": [webhooks],
  "case.updated": [webhooks, ownerBriefingOnAssign],
  "case.note_added": [mentions, ownerUpdateToDevelopment],
  "case.call_logged": [mentions, ownerUpdateToDevelopment],
  "case.email_received": [ownerUpdateToDevelopment],
  "development.entered": [developmentEntered],
  "development.stage_changed": [developmentStageChanged],
  "task.note_added": [taskMentioned],
  "task.follow_up_drafted": [followUpWaiting],
  "case.handover_missed": [mentions],
  "case.auto_assigned": [webhooks, assignedInApp],
  "case.sla_warning": [webhooks, clockAlert],
  "case.sla_breached": [webhooks, clockAlert],
  "transfer.requested": [webhooks, transferMoved],
  "transfer.step_done": [transferMoved],
  "transfer.approved": [webhooks, transferMoved],
  "transfer.rejected": [webhooks, transferMoved],
  "transfer.accepted": [webhooks, transferMoved],
  "transfer.declined": [webhooks, transferMoved],
  "transfer.withdrawn": [webhooks, transferMoved],
  "transfer.expired": [webhooks, transferMoved],
  "transfer.completed": [webhooks, customerNotice, ownerBriefing, dispatchRequest, newOwnerInApp],
  "team.handoff_sent": [teamHandoffMail],
  "delivery.retried": [wakeRelay],
};

/** The subscribers of one event name, for tests and the docs' table. */
export const subscribersOf = <N extends EventName>(name: N): readonly Subscriber<N>[] =>
  SUBSCRIBERS[name] ?? [];

// --- Mail --------------------------------------------------------------------------------------

const mails = new WeakMap<EmitScope, DeliveryDraft[]>();

/** Emails of one event go to the outbox together, after its last subscriber: one notify. */
function queueMail(tx: Db, scope: EmitScope, drafts: readonly DeliveryDraft[]): void {
  let queued = mails.get(scope);
  if (!queued) {
    const list: DeliveryDraft[] = [];
    mails.set(scope, list);
    scope.atEnd("mail", () => enqueueDeliveries(tx, list, scope));
    queued = list;
  }
  queued.push(...drafts);
}

// --- Webhooks and chat -------------------------------------------------------------------------

/**
 * Signed JSON to "baton" subscriptions and a readable post to chat ones (Slack, Teams): both are
 * webhook subscriptions, found by one lookup, so one subscriber writes both (notify/webhooks.ts).
 */
async function webhooks(tx: Db, e: EventOf<WebhookEvent>, scope: EmitScope): Promise<void> {
  // Most workspaces have no subscription: when the audit row's statement already said so, the
  // occurrence is not built.
  if (scope.webhooks?.length === 0) return;
  const o = occurrenceOf(e);
  if (o) await enqueueWebhookEvent(tx, o, scope.webhooks);
}
webhooks.many = async (tx: Db, events: readonly EventOf<WebhookEvent>[]): Promise<void> => {
  await enqueueWebhookEvents(
    tx,
    events.flatMap((e) => occurrenceOf(e) ?? []),
  );
};

function occurrenceOf(e: EventOf<WebhookEvent>): WebhookOccurrence | null {
  if (!e.workspaceId) return null;
  const subject = CATALOGUE[e.name].subject;
  return {
    workspaceId: e.workspaceId,
    event: e.name,
    caseId: e.caseId ?? null,
    caseNumber: e.caseNumber ?? null,
    data: {
      caseNumber: e.caseNumber ?? null,
      actorId: e.actorId,
      subject: { type: subject, id: e.subjectId },
      ...(subject === "transfer" ? { transferId: e.subjectId } : {}),
      details: e.data,
    },
  };
}

// --- Cases -------------------------------------------------------------------------------------

type MentionEvent = "case.note_added" | "case.call_logged" | "case.handover_missed";

/** Whoever a note or call @mentions: in-app and by email (notify/in-app.ts). */
async function mentions(tx: Db, e: EventOf<MentionEvent>): Promise<void> {
  const f = e.facts;
  if (!f || !e.workspaceId || !e.caseId || e.caseNumber === undefined) return;
  await notifyMentions(tx, {
    workspaceId: e.workspaceId,
    caseId: e.caseId,
    caseNumber: e.caseNumber,
    caseSubject: f.caseSubject,
    activityId: f.activityId,
    activity: f.activity,
    visibility: f.visibility,
    body: f.body,
    author: { id: e.actorId, name: f.authorName },
    mentions: f.mentions,
    language: f.language,
    // A missed handover raises people: told as an escalation, not as a mention.
    escalation: e.name === "case.handover_missed",
  });
}

/** The agent routing chose hears the case is theirs (a batch of assignments in one write). */
async function assignedInApp(tx: Db, e: EventOf<"case.auto_assigned">): Promise<void> {
  await notifyAutoAssigned(tx, assignedOf([e]));
}
assignedInApp.many = async (
  tx: Db,
  events: readonly EventOf<"case.auto_assigned">[],
): Promise<void> => {
  await notifyAutoAssigned(tx, assignedOf(events));
};

const assignedOf = (events: readonly EventOf<"case.auto_assigned">[]) =>
  events.flatMap((e) =>
    e.workspaceId && e.caseId && e.caseNumber !== undefined
      ? [
          {
            workspaceId: e.workspaceId,
            caseId: e.caseId,
            caseNumber: e.caseNumber,
            agentId: e.data.agentId,
            assignmentId: e.data.assignmentId,
            method: e.data.method,
            actorId: e.actorId,
          },
        ]
      : [],
  );

/** A clock's warning or breach: the owner, and on a breach the roles the policy raises it to. */
async function clockAlert(
  tx: Db,
  e: EventOf<"case.sla_warning" | "case.sla_breached">,
): Promise<void> {
  const f = e.facts;
  if (!f || !e.workspaceId || !e.caseId || e.caseNumber === undefined) return;
  await notifyClockAlert(tx, {
    workspaceId: e.workspaceId,
    caseId: e.caseId,
    caseNumber: e.caseNumber,
    caseSubject: f.caseSubject,
    activityId: f.activityId,
    event: e.name,
    note: f.body,
    people: f.mentions,
    language: f.language,
  });
}

/** A case given an owner by someone else (a dispatcher, S1.2): the owner's briefing. */
async function ownerBriefingOnAssign(
  tx: Db,
  e: EventOf<"case.updated">,
  scope: EmitScope,
): Promise<void> {
  const to = e.data.changes.ownerId?.to;
  if (typeof to !== "string" || !e.caseId || !e.workspaceId) return;
  const { policy } = await workspaceById(tx, e.workspaceId);
  queueMail(
    tx,
    scope,
    await ownerBriefingOnAssignment(tx, {
      caseId: e.caseId,
      policy,
      actorId: e.actorId,
      sourceId: `${e.caseNumber}@v${e.data.version}`,
    }),
  );
}

// --- Transfers ---------------------------------------------------------------------------------

type MoveEvent =
  | "transfer.requested"
  | "transfer.step_done"
  | "transfer.approved"
  | "transfer.rejected"
  | "transfer.accepted"
  | "transfer.declined"
  | "transfer.withdrawn"
  | "transfer.expired";

/** Calls to action a move answers are marked read; a new wait asks its approvers or receiver. */
async function transferMoved(tx: Db, e: EventOf<MoveEvent>): Promise<void> {
  const m = e.facts;
  if (!m) return;
  await notifyTransferMoved(tx, {
    transfer: m.transfer,
    from: m.from,
    to: m.to,
    kase: m.kase,
    policy: m.policy,
    actor: { id: e.actorId, name: m.actorName },
  });
}

const completionInput = (e: EventOf<"transfer.completed">): TransferNotificationInput => ({
  transfer: e.facts.transfer,
  policy: e.facts.policy,
  actorId: e.actorId,
  kase: e.facts.kase,
});

// The three share one read of the case: keyed by the event's facts (transfer-notifications.ts).
async function customerNotice(tx: Db, e: EventOf<"transfer.completed">, scope: EmitScope) {
  queueMail(tx, scope, await customerNoticeOnCompletion(tx, completionInput(e), e.facts));
}

async function ownerBriefing(tx: Db, e: EventOf<"transfer.completed">, scope: EmitScope) {
  queueMail(tx, scope, await ownerBriefingOnCompletion(tx, completionInput(e), e.facts));
}

async function dispatchRequest(tx: Db, e: EventOf<"transfer.completed">, scope: EmitScope) {
  queueMail(tx, scope, await dispatchRequestOnCompletion(tx, completionInput(e), e.facts));
}

/** The new owner, made so by someone else, hears of it in-app. */
async function newOwnerInApp(tx: Db, e: EventOf<"transfer.completed">): Promise<void> {
  const { transfer, policy } = e.facts;
  if (e.caseId == null || e.caseNumber === undefined) return;
  await notifyNewOwner(tx, {
    transfer,
    ownerId: e.data.to.ownerId,
    actorId: e.actorId,
    caseNumber: e.caseNumber,
    caseId: e.caseId,
    workspaceId: e.data.to.workspaceId,
    kindName: policy.transferKinds.find((k) => k.code === transfer.kind)?.name ?? transfer.kind,
  });
}

// --- Team hand-off -----------------------------------------------------------------------------

/** S4.5: one email per recipient listing the handed-off cases. */
async function teamHandoffMail(
  tx: Db,
  e: EventOf<"team.handoff_sent">,
  scope: EmitScope,
): Promise<void> {
  const f = e.facts;
  const workspaceId = e.workspaceId;
  if (!workspaceId) return;
  const render = await renderer(tx, workspaceId, teamHandoffTopic, f.language);
  queueMail(
    tx,
    scope,
    f.recipients.map((r) => {
      const { subject, text } = render({
        senderName: f.senderName,
        team: f.team,
        recipientName: r.name,
        note: e.data.note,
        items: [...f.items],
        baseUrl: publicBase(),
      });
      return {
        workspaceId,
        caseId: null,
        caseNumber: null,
        channel: "email",
        topic: "team_handoff",
        event: e.name,
        sourceId: e.subjectId,
        recipient: r.address,
        recipientName: r.name,
        subject,
        body: text,
      };
    }),
  );
}

// --- Deliveries --------------------------------------------------------------------------------

/** A message queued again: the relay in every process hears of it once the retry commits. */
async function wakeRelay(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${DELIVERIES_CHANNEL}, '')`);
}
