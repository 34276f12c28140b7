import { z } from "zod";
import { CHILD_CASE_REASONS } from "../domain/child-cases/requests.ts";
import type { Policy } from "../domain/policy/schema.ts";

/**
 * Every use case ends in one of these events (docs/architecture.md, Events). The vocabulary is
 * closed: a new kind of event is added here, with its payload, not invented at a call site. The
 * names are public: webhooks, the audit log and the live stream carry them.
 */
export const EVENT_NAMES = [
  "workspace.created",
  "policy.published",
  "user.created",
  "user.signed_in",
  "user.signed_out",
  "user.identity_linked",
  "user.password_changed",
  "token.created",
  "token.revoked",
  "calendar_key.created",
  "mail_preferences.changed",
  "delivery.retried",
  "webhook.created",
  "webhook.deleted",
  "template.updated",
  "template.deleted",
  "canned_reply.created",
  "canned_reply.updated",
  "canned_reply.deleted",
  "view.created",
  "view.updated",
  "view.deleted",
  "views.reordered",
  "membership.added",
  "membership.role_changed",
  "membership.removed",
  "user.deactivated",
  "user.reactivated",
  "invitation.sent",
  "invitation.revoked",
  "invitation.accepted",
  "agent.availability_changed",
  "agent.hours_changed",
  "off_queue.requested",
  "off_queue.approved",
  "off_queue.declined",
  "off_queue.withdrawn",
  "off_queue.ended",
  "leave.planned",
  "leave.submitted",
  "leave.case_decided",
  "leave.approved",
  "leave.checked",
  "leave.cancelled",
  "leave.started",
  "call.scheduled",
  "call.rescheduled",
  "call.cancelled",
  "call.held",
  "call.reminded",
  "call.missed",
  "training.requested",
  "training.accepted",
  "training.approved",
  "training.declined",
  "training.withdrawn",
  "child_case.requested",
  "child_case.approved",
  "child_case.declined",
  "child_case.withdrawn",
  "case.created",
  "case.updated",
  "case.note_added",
  "case.call_logged",
  "case.email_received",
  "case.attachment_added",
  "inbound.held",
  "inbound.discarded",
  "case.handover_missed",
  "case.clocks_moved",
  "case.auto_assigned",
  "case.sla_warning",
  "case.sla_breached",
  "customer.created",
  "transfer.requested",
  "transfer.step_done",
  "transfer.approved",
  "transfer.rejected",
  "transfer.accepted",
  "transfer.declined",
  "transfer.withdrawn",
  "transfer.expired",
  "transfer.completed",
  "team.handoff_sent",
  "sheet.entry_added",
  "sheet.entry_claimed",
  "sheet.entry_released",
  "sheet.entry_done",
  "sheet.entry_changed",
  "project.created",
  "project.updated",
  "development.entered",
  "development.stage_changed",
  "tracker.secret_rotated",
  "task.created",
  "task.updated",
  "task.note_added",
  "task.case_opened",
  "task.follow_up_drafted",
  "task.scheduled",
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export const SUBJECT_TYPES = [
  "workspace",
  "invitation",
  "policy",
  "user",
  "token",
  "calendar_key",
  "delivery",
  "webhook",
  "template",
  "canned_reply",
  "saved_view",
  "case",
  "activity",
  "customer",
  "transfer",
  "team_handoff",
  "inbound_message",
  "off_queue_request",
  "leave_plan",
  "child_case_request",
  "sheet_entry",
  "case_call",
  "training_request",
  "attachment",
  "project",
  "project_task",
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/**
 * A canned reply as its events carry it. A person's own reply keeps its wording out of the
 * audit trail (the workspace's admins read it); the workspace's carries the body it was saved with.
 */
const cannedReplyData = z.object({
  scope: z.enum(["workspace", "personal"]),
  ownerId: z.string().nullable(),
  title: z.string(),
  version: z.number().int(),
  body: z.string().optional(),
});

/**
 * A saved view as its events carry it; a shared one with its filters, so the audit trail says
 * what others were shown.
 */
const savedViewData = z.object({
  name: z.string(),
  share: z.enum(["personal", "queue", "workspace"]),
  queue: z.string().nullable(),
  ownerId: z.string().nullable(),
  version: z.number().int(),
  definition: z.unknown().optional(),
});

/** A customer project as its events carry it (S2.4). */
const projectData = z.object({
  code: z.string(),
  name: z.string(),
  managerId: z.string(),
  status: z.string(),
  version: z.number().int(),
});

/** A project task as its events carry it (S2.1, S2.4). */
const taskData = z.object({
  number: z.number().int(),
  project: z.string().describe("The project's code"),
  title: z.string(),
  status: z.string(),
  assigneeId: z.string().nullable(),
  version: z.number().int(),
});

/** A leave plan as its events carry it (S4.4). */
const leaveData = z.object({
  userId: z.string(),
  userName: z.string(),
  leaveFrom: z.string(),
  leaveUntil: z.string(),
  state: z.string(),
  cases: z.number().int().describe("How many cases the plan hands off"),
});

/** An off-queue request as its events carry it (S4.6). */
const offQueueData = z.object({
  userId: z.string(),
  userName: z.string(),
  hours: z.number().int(),
  reason: z.string(),
  until: z.string().nullable(),
  note: z.string().nullable(),
});

/** A scheduled customer call as its events carry it (S4.3). */
const callData = z.object({
  number: z.number().int(),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  attendee: z.string(),
  runnerId: z.string(),
  state: z.string(),
  version: z.number().int(),
});

/** A session asked of support on a case (S4.12), as its events carry it. */
const trainingData = z.object({
  number: z.number().int(),
  askedBy: z.string(),
  kind: z.string(),
  topic: z.string(),
  minutes: z.number().int(),
  wantedAt: z.string().nullable(),
  needsLead: z.boolean().describe("Waits for the shift lead (a training over the policy's limit)"),
  recordedBy: z.string(),
  runnerId: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});

/** A request for a new case from an existing one as its events carry it (S4.9). */
const childCaseData = z.object({
  parentCaseNumber: z.number().int(),
  reason: z.enum(CHILD_CASE_REASONS),
  subject: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  note: z.string().nullable().describe("The approver's note (approval, decline)"),
  childCaseNumber: z.number().int().nullable().describe("The case approval opened"),
});

const changes = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));
const nullableText = z.string().nullable();
const mentionPayload = {
  number: z.number().int(),
  visibility: z.enum(["public", "private"]),
  mentions: z.array(z.string()),
};
const transferState = z.string();
/** Every hand-off sheet event names the case and the entry's version after the change. */
const sheetMove = { number: z.number().int(), version: z.number().int() };
const slaAlarmPayload = z.object({
  clock: z.string(),
  dueAt: z.string(),
  ownerId: nullableText,
  /** The note that raised the case, mentioning whom it told. */
  activityId: z.number().int().nullable(),
  /** False when the alarm was found too late to be worth telling anyone (Baton was down). */
  told: z.boolean(),
});

interface Spec {
  /** What the audit row's subject id names; the same for every event of the name. */
  subject: SubjectType;
  /** The payload: stored as the audit row's `data`, sent as a webhook's `data.details`. */
  data: z.ZodType;
}

/** The payload of each event, as stored in `audit_events.data` (unchanged since before issue 11). */
export const CATALOGUE = {
  "workspace.created": {
    subject: "workspace",
    data: z.object({ slug: z.string(), preset: nullableText, policyVersion: z.number().int() }),
  },
  // A policy version after the first: what changed, by path ("queues.<code>.distribution").
  "policy.published": {
    subject: "policy",
    data: z.object({
      version: z.number().int(),
      previousVersion: z.number().int(),
      changes,
      /** How many changes in all: `changes` keeps the first hundred. */
      changeCount: z.number().int().optional(),
      /** What the admin said about the change. */
      summary: nullableText.optional(),
      /** The version this one restores (a rollback). */
      restoredFrom: z.number().int().nullable().optional(),
    }),
  },
  "user.created": {
    subject: "user",
    data: z.object({ email: z.string(), name: z.string(), timeZone: z.string() }),
  },
  "user.signed_in": {
    subject: "user",
    data: z.object({ via: z.enum(["password", "oidc"]), expiresAt: z.string() }),
  },
  "user.signed_out": { subject: "user", data: z.object({}) },
  // Single sign-on tied the account to the provider's identity: later sign-ins find it by it.
  "user.identity_linked": {
    subject: "user",
    data: z.object({
      issuer: z.string(),
      email: z.string(),
      newAccount: z.boolean().describe("The account was made by this sign-in"),
    }),
  },
  "user.password_changed": {
    subject: "user",
    data: z.object({
      revokedSessions: z.number().int(),
      revokedTokens: z.number().int().optional().describe("API tokens it ended"),
      reset: z.boolean().optional().describe("Set by an operator, not changed by its owner"),
    }),
  },
  "token.created": {
    subject: "token",
    data: z.object({
      userId: z.string(),
      email: z.string(),
      name: z.string(),
      scope: z.enum(["read", "full"]).optional(),
      expiresAt: z.string().nullable().optional(),
    }),
  },
  "token.revoked": {
    subject: "token",
    data: z.object({
      userId: z.string(),
      name: z.string(),
      by: z.enum(["owner", "admin", "operator"]).optional().describe("Who ended it"),
    }),
  },
  "calendar_key.created": { subject: "calendar_key", data: z.object({}) },
  // Team mail a person turned off or on in one workspace; the subject is the person.
  "mail_preferences.changed": {
    subject: "user",
    data: z.object({
      offTopics: z.array(z.string()),
      via: z.enum(["account", "unsubscribe_link"]),
      version: z.number().int(),
    }),
  },
  "delivery.retried": { subject: "delivery", data: z.object({}) },
  "webhook.created": {
    subject: "webhook",
    data: z.object({ url: z.string(), events: z.array(z.string()), format: z.string() }),
  },
  "webhook.deleted": { subject: "webhook", data: z.object({ url: z.string() }) },
  "template.updated": {
    subject: "template",
    data: z.object({
      topic: z.string(),
      language: z.string(),
      version: z.number().int(),
      subject: z.string(),
      text: z.string(),
    }),
  },
  "template.deleted": {
    subject: "template",
    data: z.object({ topic: z.string(), language: z.string(), version: z.number().int() }),
  },
  "canned_reply.created": { subject: "canned_reply", data: cannedReplyData },
  "canned_reply.updated": {
    subject: "canned_reply",
    data: cannedReplyData.extend({ changed: z.array(z.enum(["title", "body"])) }),
  },
  "canned_reply.deleted": { subject: "canned_reply", data: cannedReplyData },
  "view.created": { subject: "saved_view", data: savedViewData },
  "view.updated": {
    subject: "saved_view",
    data: savedViewData.extend({
      changed: z.array(z.enum(["name", "definition", "share"])),
    }),
  },
  "view.deleted": { subject: "saved_view", data: savedViewData },
  "views.reordered": {
    subject: "workspace",
    data: z.object({ order: z.array(z.object({ id: z.string(), name: z.string() })) }),
  },
  "membership.added": {
    subject: "user",
    data: z.object({
      workspace: z.string(),
      role: z.string(),
      region: nullableText,
      queues: z.array(z.string()),
      skills: z.array(z.string()),
      languages: z.array(z.string()),
    }),
  },
  "membership.role_changed": {
    subject: "user",
    data: z.object({ workspace: z.string(), from: z.string(), to: z.string() }),
  },
  "membership.removed": {
    subject: "user",
    data: z.object({
      workspace: z.string(),
      role: z.string(),
      openCases: z.array(z.number().int()).describe("Open cases they still held there"),
    }),
  },
  "user.deactivated": {
    subject: "user",
    data: z.object({
      revokedSessions: z.number().int(),
      revokedTokens: z.number().int(),
      openCases: z.array(z.number().int()).describe("Open cases they still held"),
    }),
  },
  "user.reactivated": { subject: "user", data: z.object({}) },
  "invitation.sent": {
    subject: "invitation",
    data: z.object({
      email: z.string(),
      role: z.string(),
      expiresAt: z.string(),
      resent: z.boolean().describe("A new link replacing an earlier one"),
    }),
  },
  "invitation.revoked": { subject: "invitation", data: z.object({ email: z.string() }) },
  "invitation.accepted": {
    subject: "invitation",
    data: z.object({
      email: z.string(),
      role: z.string(),
      userId: z.string(),
      newAccount: z.boolean().describe("The invitee had no account before"),
    }),
  },
  "agent.availability_changed": { subject: "user", data: z.object({ changes }) },
  "agent.hours_changed": { subject: "user", data: z.object({ changes }) },
  "off_queue.requested": { subject: "off_queue_request", data: offQueueData },
  "off_queue.approved": { subject: "off_queue_request", data: offQueueData },
  "off_queue.declined": { subject: "off_queue_request", data: offQueueData },
  "off_queue.withdrawn": { subject: "off_queue_request", data: offQueueData },
  "off_queue.ended": {
    subject: "off_queue_request",
    data: offQueueData.extend({
      early: z.boolean().describe("Ended before its time, by the agent or an approver"),
    }),
  },
  "leave.planned": { subject: "leave_plan", data: leaveData },
  "leave.submitted": { subject: "leave_plan", data: leaveData },
  "leave.case_decided": {
    subject: "leave_plan",
    data: leaveData.extend({
      caseNumber: z.number().int(),
      decision: z.enum(["handed_off", "requested", "kept"]),
      holderName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  },
  "leave.approved": { subject: "leave_plan", data: leaveData },
  "leave.checked": {
    subject: "leave_plan",
    data: leaveData.extend({ check: z.string(), done: z.boolean() }),
  },
  "leave.cancelled": { subject: "leave_plan", data: leaveData },
  "leave.started": {
    subject: "leave_plan",
    data: leaveData.extend({
      stillOwned: z.array(z.number().int()).describe("Cases the absent agent still owned"),
      missing: z.array(z.string()).describe("What the policy asked that was not done"),
    }),
  },
  "call.scheduled": { subject: "case_call", data: callData },
  "call.rescheduled": {
    subject: "case_call",
    data: callData.extend({ changes }),
  },
  "call.cancelled": { subject: "case_call", data: callData },
  "call.held": {
    subject: "case_call",
    data: callData.extend({
      activityId: z.number().int().describe("The call logged on the timeline"),
    }),
  },
  "call.reminded": { subject: "case_call", data: callData },
  "call.missed": {
    subject: "case_call",
    data: callData.extend({
      activityId: z.number().int().describe("Baton's line on the timeline"),
    }),
  },
  "training.requested": { subject: "training_request", data: trainingData },
  "training.accepted": { subject: "training_request", data: trainingData },
  "training.approved": { subject: "training_request", data: trainingData },
  "training.declined": { subject: "training_request", data: trainingData },
  "training.withdrawn": { subject: "training_request", data: trainingData },
  "child_case.requested": { subject: "child_case_request", data: childCaseData },
  "child_case.approved": { subject: "child_case_request", data: childCaseData },
  "child_case.declined": { subject: "child_case_request", data: childCaseData },
  "child_case.withdrawn": { subject: "child_case_request", data: childCaseData },
  "case.created": {
    subject: "case",
    data: z.object({
      number: z.number().int(),
      parentCaseNumber: z
        .number()
        .int()
        .nullable()
        .optional()
        .describe("The case this one was opened from"),
      subject: z.string(),
      severity: z.string(),
      priority: z.string(),
      queue: z.string(),
      brand: z.string(),
      plan: nullableText,
      product: nullableText,
      region: nullableText,
      ownerId: nullableText,
    }),
  },
  "case.updated": {
    subject: "case",
    data: z.object({
      changes,
      version: z.number().int().optional(),
      /** Set when Baton changed the case on its own (a pin released), saying why. */
      why: z.string().optional(),
      /** Set when a transfer's answers filled the case's fields (steps to reproduce, product). */
      source: z.enum(["transfer"]).optional(),
    }),
  },
  "case.note_added": {
    subject: "activity",
    data: z.object({
      ...mentionPayload,
      attachments: z.array(z.string()).optional().describe("Files uploaded earlier, now on it"),
    }),
  },
  "case.call_logged": {
    subject: "activity",
    data: z.object({
      ...mentionPayload,
      direction: z.string(),
      durationMinutes: z.number(),
      contactName: nullableText,
    }),
  },
  "case.attachment_added": {
    subject: "attachment",
    data: z.object({
      number: z.number().int(),
      filename: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      storage: z.string().describe("database or s3"),
    }),
  },
  "case.email_received": {
    subject: "activity",
    data: z.object({
      number: z.number().int(),
      inboundId: z.number().int(),
      visibility: z.enum(["public", "private"]),
      from: z.object({ name: z.string(), email: z.string() }),
      attachments: z.number().int(),
      reviewedBy: z.string().optional(),
    }),
  },
  "inbound.held": {
    subject: "inbound_message",
    data: z.object({ from: z.string(), subject: z.string(), reason: z.string() }),
  },
  "inbound.discarded": {
    subject: "inbound_message",
    data: z.object({ from: z.string(), subject: z.string() }),
  },
  "case.handover_missed": {
    subject: "case",
    data: z.object({
      raiseTo: nullableText,
      level: z.number().int(),
      key: z.string(),
      activityId: z.number().int().nullable(),
      // Where the case should have gone (issue 18's missed handovers by region pair and
      // meeting); raises written before these were kept lack them.
      ownerId: z.string().optional(),
      shiftEndedAt: z.string().nullable().optional(),
      fromRegion: z.string().optional(),
      toRegion: z.string().nullable().optional(),
      meeting: z.object({ key: z.string(), title: z.string() }).nullable().optional(),
    }),
  },
  "case.clocks_moved": {
    subject: "case",
    // Deadlines set, met, paused or resumed; an idle clock reset alone is the activity's own row.
    data: z.object({ changes, why: z.string() }),
  },
  "case.auto_assigned": {
    subject: "case",
    data: z.object({
      agentId: z.string(),
      method: z.string(),
      trigger: z.string(),
      /** How many agents were weighed (the case's assignment record lists them with reasons). */
      considered: z.number().int(),
      assignmentId: z.number().int(),
      queue: z.string(),
      version: z.number().int(),
    }),
  },
  "case.sla_warning": { subject: "case", data: slaAlarmPayload },
  "case.sla_breached": { subject: "case", data: slaAlarmPayload },
  "customer.created": {
    subject: "customer",
    data: z.object({ name: z.string(), contacts: z.number().int() }),
  },
  "transfer.requested": {
    subject: "transfer",
    data: z.object({
      kind: z.string(),
      target: z.string(),
      reason: z.string(),
      requiredSteps: z.array(z.string()),
      stepsDone: z.array(z.string()),
      warnings: z.array(z.string()),
      // The case's region when it was asked for: a transfer completed at once has moved the case
      // by the time its request is told.
      fromRegion: z.string().nullable(),
    }),
  },
  "transfer.step_done": {
    subject: "transfer",
    data: z.object({ state: transferState, step: z.string(), how: nullableText, at: z.string() }),
  },
  "transfer.approved": {
    subject: "transfer",
    data: z.object({ state: transferState, note: nullableText, assignTo: nullableText }),
  },
  "transfer.rejected": {
    subject: "transfer",
    data: z.object({ state: transferState, note: nullableText }),
  },
  "transfer.accepted": { subject: "transfer", data: z.object({ state: transferState }) },
  "transfer.declined": {
    subject: "transfer",
    data: z.object({ state: transferState, note: z.string() }),
  },
  "transfer.withdrawn": {
    subject: "transfer",
    data: z.object({ state: transferState, note: nullableText }),
  },
  "transfer.expired": {
    subject: "transfer",
    data: z.object({
      outcome: z.enum(["back_to_approver", "back_to_queue"]),
      queue: nullableText,
    }),
  },
  "transfer.completed": {
    subject: "transfer",
    data: z.object({
      kind: z.string(),
      from: z.object({ ownerId: nullableText, queue: nullableText, workspaceId: z.string() }),
      to: z.object({
        ownerId: nullableText,
        queue: nullableText,
        // Optional: audit rows written before these were recorded lack them.
        region: nullableText.optional(),
        workspaceId: z.string(),
      }),
      subject: z.string().optional(),
      status: z.string().optional(),
      version: z.number().int().optional(),
    }),
  },
  "team.handoff_sent": {
    subject: "team_handoff",
    data: z.object({
      to: z.array(z.string()),
      cases: z.array(z.number().int()),
      note: nullableText,
    }),
  },
  "sheet.entry_added": {
    subject: "sheet_entry",
    data: z.object({
      ...sheetMove,
      needs: z.string(),
      dueAt: nullableText,
      queue: nullableText,
      note: z.string(),
    }),
  },
  "sheet.entry_claimed": { subject: "sheet_entry", data: z.object(sheetMove) },
  /** `from`: who held it (the releaser, or the holder a lead released it for). */
  "sheet.entry_released": {
    subject: "sheet_entry",
    data: z.object({ ...sheetMove, from: z.string() }),
  },
  "sheet.entry_done": {
    subject: "sheet_entry",
    data: z.object({ ...sheetMove, claimedBy: nullableText }),
  },
  "sheet.entry_changed": { subject: "sheet_entry", data: z.object({ ...sheetMove, changes }) },
  "development.entered": {
    subject: "case",
    data: z.object({
      number: z.number().int(),
      queue: z.string(),
      stage: z.string(),
      supportOwnerId: nullableText.describe("Who stays the customer's owner"),
    }),
  },
  "development.stage_changed": {
    subject: "case",
    data: z.object({
      number: z.number().int(),
      stage: z.string(),
      stageName: z.string(),
      previous: z.string(),
      note: nullableText,
      tellCustomer: z.boolean(),
      source: z.enum(["baton", "tracker"]).describe("Set in Baton, or posted by the tracker"),
      version: z.number().int(),
    }),
  },
  "tracker.secret_rotated": { subject: "workspace", data: z.object({}) },
  "project.created": { subject: "project", data: projectData },
  "project.updated": { subject: "project", data: projectData.extend({ changes }) },
  "task.created": { subject: "project_task", data: taskData },
  "task.updated": { subject: "project_task", data: taskData.extend({ changes }) },
  "task.note_added": {
    subject: "project_task",
    data: taskData.extend({
      noteId: z.number().int(),
      kind: z.enum(["note", "call"]),
      mentions: z.array(z.string()),
    }),
  },
  "task.case_opened": {
    subject: "project_task",
    data: taskData.extend({
      caseNumber: z.number().int().describe("The case the roadblock became"),
      minutesDelivered: z.number().int(),
      minutesToFinish: z.number().int().nullable(),
      finishOn: nullableText,
    }),
  },
  "task.follow_up_drafted": {
    subject: "project_task",
    data: taskData.extend({
      follows: z.number().int().describe("The task it continues"),
      caseNumber: z.number().int().describe("The resolved case"),
    }),
  },
  "task.scheduled": {
    subject: "project_task",
    data: taskData.extend({ scheduledOn: z.string() }),
  },
} as const satisfies Record<EventName, Spec>;

export type Payload<N extends EventName> = z.infer<(typeof CATALOGUE)[N]["data"]>;

/** Who, where and about what: the audit row's columns besides the action and the payload. */
const envelope = {
  actorId: z.string().nullable(),
  workspaceId: z.string().nullable(),
  caseId: z.string().nullable().optional(),
  /** Set for changes to a case, so open pages and queue views hear of them. */
  caseNumber: z.number().int().optional(),
  subjectId: z.string(),
};

const variant = <N extends EventName>(name: N) =>
  z.object({ name: z.literal(name), ...envelope, data: CATALOGUE[name].data });

/**
 * The whole catalogue as one zod schema, discriminated on the name. `emit` checks events with
 * it in tests and development (src/events/emit.ts says why not in production).
 */
export const eventSchema = z.discriminatedUnion("name", [
  variant(EVENT_NAMES[0]),
  ...EVENT_NAMES.slice(1).map(variant),
]);

// --- What subscribers are handed besides the payload (never stored) -------------------------

/** The parts of a transfer row that notifications read. */
export interface TransferFacts {
  id: string;
  workspaceId: string;
  caseId: string;
  kind: string;
  reason: string;
  reasonText: string | null;
  requestedBy: string;
  fromOwnerId: string | null;
  targetAgentId: string | null;
  targetQueue: string | null;
  /** The receiving queue's method picks the agent once the transfer completes. */
  autoAssign: boolean;
  artifacts: unknown;
  version: number;
}

/** A completed transfer, with what its reactions would otherwise read again. */
export interface TransferCompletion {
  transfer: TransferFacts;
  /** The policy of the workspace the transfer was made in. */
  policy: Policy;
  /** The case's status once reassigned (the transfer's `newStatus`). */
  status: string;
  /**
   * Created and completed by one request: nothing refers to the transfer yet (a leave plan's item
   * is linked to it after the request answers).
   */
  requestedNow: boolean;
  /**
   * Set when the clocks moved in the reassignment's own UPDATE (one row version, not two); the
   * clocks' reaction then only tells the move (`event`, null when no told clock moved).
   */
  clocksMoved?: { event: EventOf<"case.clocks_moved"> | null };
  /**
   * The case as the reassignment left it, with the people its messages go to, when the
   * reassignment's UPDATE returned it; the messages then read nothing of their own.
   */
  kase?: CompletedCase;
}

/** What a completed transfer's messages say of the case (src/notify/transfer-notifications.ts). */
export interface CompletedCase {
  id: string;
  workspaceId: string;
  number: number;
  subject: string;
  severity: string;
  priority: string;
  queue: string;
  region: string | null;
  brand: string;
  nextContactAt: Date | null;
  nextUpdateDueAt: Date | null;
  ownerId: string | null;
  owner: { name: string; email: string; timeZone: string } | null;
  contact: { name: string; email: string | null; timeZone: string; language: string } | null;
  customer: { name: string; timeZone: string; language: string } | null;
  /** The name of the owner before the transfer. */
  previousOwner: string | null;
  /** The workspace's own wordings of its messages. */
  templates: { topic: string; language: string; subject: string; text: string }[];
}

/** A transfer that moved from one state to another (null: just requested). */
export interface TransferMove {
  transfer: TransferFacts;
  from: string | null;
  to: string;
  kase: { id: string; number: number; subject: string };
  /** The policy of the workspace the transfer was made in. */
  policy: Policy;
  /** Baton itself when the actor id is null (an offer that expired). */
  actorName: string;
}

/** A note or call (or Baton's own note) that may @mention people. */
export interface MentionFacts {
  activityId: number;
  activity: "note" | "call";
  visibility: "public" | "private";
  body: string;
  caseSubject: string;
  authorName: string;
  mentions: readonly string[];
  /** The workspace's default language, for the email's wording. */
  language: string;
}

export interface TeamHandoffFacts {
  recipients: readonly { address: string; name: string | null }[];
  items: readonly {
    caseNumber: number;
    subject: string;
    owner: string;
    validated: string;
    next: string;
  }[];
  senderName: string;
  team: string;
  language: string;
}

/** The names a session request's notices say, besides its payload (S4.12). */
export interface TrainingMoveFacts {
  caseSubject: string;
  customerName: string | null;
  recordedByName: string;
  runnerName: string | null;
  actorName: string;
}

/**
 * Facts the command already holds, so subscribers need not read them again (a transfer is a hot
 * path, docs/performance.md). Events not listed carry none.
 */
export interface EventFacts {
  "case.note_added": MentionFacts;
  "case.call_logged": MentionFacts;
  /** Null when no note was written, so nobody is mentioned. */
  "case.handover_missed": MentionFacts | null;
  /** The clock alarm's note, mentioning the owner and whom a breach is raised to. */
  "case.sla_warning": MentionFacts | null;
  "case.sla_breached": MentionFacts | null;
  "transfer.requested": TransferMove;
  "transfer.step_done": TransferMove;
  "transfer.approved": TransferMove;
  "transfer.rejected": TransferMove;
  "transfer.accepted": TransferMove;
  "transfer.declined": TransferMove;
  "transfer.withdrawn": TransferMove;
  "transfer.expired": TransferMove | null;
  "transfer.completed": TransferCompletion;
  "team.handoff_sent": TeamHandoffFacts;
  "call.reminded": CallFacts;
  "call.missed": CallFacts;
  "training.requested": TrainingMoveFacts;
  "training.accepted": TrainingMoveFacts;
  "training.approved": TrainingMoveFacts;
  "training.declined": TrainingMoveFacts;
  "training.withdrawn": TrainingMoveFacts;
}

/** What a call's reminder and missed notice say, read once by the sweep that found it. */
export interface CallFacts {
  caseSubject: string;
  caseOwnerId: string | null;
  attendee: string;
  link: string | null;
  /** The contact's zone, else the customer's: the time is told in it too. */
  customerZone: string | null;
  policy: Policy;
}

type FactsOf<N extends EventName> = N extends keyof EventFacts
  ? { facts: EventFacts[N] }
  : { facts?: undefined };

export interface Envelope {
  actorId: string | null;
  workspaceId: string | null;
  caseId?: string | null;
  caseNumber?: number;
  subjectId: string;
}

/** One event of the name N: its envelope, typed payload and (for some) the facts. */
export type EventOf<N extends EventName> = Envelope & { name: N; data: Payload<N> } & FactsOf<N>;

export type BatonEvent = { [N in EventName]: EventOf<N> }[EventName];
