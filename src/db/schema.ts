import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { InboundState } from "../domain/inbound.ts";
import type { ViewShare } from "../domain/saved-views.ts";
import { nameVector, proseVector, searchedActivity } from "./search.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
/** Raw bytes: pg hands back a Buffer, PGlite a Uint8Array; both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});
const createdAt = () => ts("created_at").notNull().defaultNow();

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  preset: text("preset"),
  version: integer("version").notNull().default(1),
  createdAt: createdAt(),
});

export const policies = pgTable(
  "policies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    version: integer("version").notNull(),
    document: jsonb("document").notNull(),
    createdBy: uuid("created_by"),
    /** What the admin said about this change, shown in the version history. */
    summary: text("summary"),
    /** Set when this version restores an earlier one (a rollback). */
    restoredFrom: integer("restored_from"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("policies_workspace_version").on(t.workspaceId, t.version)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    timeZone: text("time_zone").notNull().default("UTC"),
    availability: text("availability").notNull().default("available"),
    leaveFrom: ts("leave_from"),
    leaveUntil: ts("leave_until"),
    backupUserId: uuid("backup_user_id"),
    callDiversion: text("call_diversion"),
    /** A deactivated person cannot sign in and holds no live session or token. */
    deactivatedAt: ts("deactivated_at"),
    deactivatedBy: uuid("deactivated_by"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_lower").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    role: text("role").notNull(),
    region: text("region"),
    queues: text("queues").array().notNull().default(sql`'{}'::text[]`),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    capacity: integer("capacity").notNull().default(20),
    workingHours: jsonb("working_hours"),
    /** S1.2: attends the region's handover meetings when the owner cannot. */
    handoverSme: boolean("handover_sme").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.workspaceId] }),
    index("memberships_workspace").on(t.workspaceId),
  ],
);

export const customers = pgTable(
  "customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    language: text("language").notNull(),
    plan: text("plan"),
    region: text("region"),
    /** A customer the business treats as critical: the shift lead weighs it on the desk (S4.12). */
    critical: boolean("critical").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("customers_workspace").on(t.workspaceId),
    // Case search by the customer's name (docs/search.md).
    index("customers_search").using("gin", nameVector(sql`${t.name}`)),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    timeZone: text("time_zone").notNull(),
    language: text("language").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("contacts_customer").on(t.customerId),
    // Case search by the contact's name or email address (docs/search.md).
    index("contacts_search").using(
      "gin",
      nameVector(sql`${t.name} || ' ' || coalesce(${t.email}, '')`),
    ),
  ],
);

export const caseNumberSeq = pgSequence("case_number_seq", { startWith: 100001 });

export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    number: bigint("number", { mode: "number" })
      .notNull()
      .unique()
      .default(sql`nextval('case_number_seq')`),
    subject: text("subject").notNull(),
    internalTitle: text("internal_title").notNull().default(""),
    description: text("description").notNull().default(""),
    customerId: uuid("customer_id").references(() => customers.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    product: text("product"),
    subProduct: text("sub_product"),
    severity: text("severity").notNull(),
    priority: text("priority").notNull(),
    impact: text("impact").notNull().default(""),
    plan: text("plan"),
    is24x7: boolean("is_24x7").notNull().default(false),
    status: text("status").notNull().default("new"),
    ownerId: uuid("owner_id").references(() => users.id),
    secondaryOwnerId: uuid("secondary_owner_id").references(() => users.id),
    queue: text("queue").notNull(),
    region: text("region"),
    brand: text("brand").notNull(),
    pinned: boolean("pinned").notNull().default(false),
    pinnedUntil: ts("pinned_until"),
    parentCaseId: uuid("parent_case_id"),
    partnerTicket: text("partner_ticket"),
    /** The issue in the team's tracker (any http/https address); the tracker's webhook finds it. */
    trackerUrl: text("tracker_url"),
    incidentId: text("incident_id"),
    stepsToReproduce: text("steps_to_reproduce").notNull().default(""),
    firstResponseDueAt: ts("first_response_due_at"),
    nextUpdateDueAt: ts("next_update_due_at"),
    /** When the customer is next to be contacted (S0.4, S4.3), shown in their zone and yours. */
    nextContactAt: ts("next_contact_at"),
    idleSince: ts("idle_since").notNull().defaultNow(),
    // The SLA clocks (docs/clocks.md): what they are measured from, and the alarm job's marks.
    responseClockFrom: ts("response_clock_from").notNull().defaultNow(),
    firstRespondedAt: ts("first_responded_at"),
    lastPublicReplyAt: ts("last_public_reply_at"),
    resolutionDueAt: ts("resolution_due_at"),
    customerWaitingSince: ts("customer_waiting_since"),
    slaPausedAt: ts("sla_paused_at"),
    returnDueAt: ts("return_due_at"),
    // Working minutes (fractional, as measured) pauses moved each pending deadline on by.
    pausedResponseMinutes: doublePrecision("paused_response_minutes").notNull().default(0),
    pausedUpdateMinutes: doublePrecision("paused_update_minutes").notNull().default(0),
    pausedResolutionMinutes: doublePrecision("paused_resolution_minutes").notNull().default(0),
    /** The earliest deadline still ahead of a running case: "due soonest" sorts on it. */
    slaDueAt: ts("sla_due_at"),
    /** When the alarm job next looks at the case; null when no clock will call. */
    slaAlarmAt: ts("sla_alarm_at"),
    handoffCount: integer("handoff_count").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // Keyset pagination over (updated_at desc, number desc) within each filter that views use.
    index("cases_ws_updated").on(t.workspaceId, t.updatedAt.desc(), t.number.desc()),
    index("cases_owner_updated").on(t.ownerId, t.updatedAt.desc(), t.number.desc()),
    index("cases_queue_updated").on(t.workspaceId, t.queue, t.updatedAt.desc(), t.number.desc()),
    index("cases_status_updated").on(t.workspaceId, t.status, t.updatedAt.desc(), t.number.desc()),
    // Keyset pagination for "due soonest": running cases first by deadline, then the rest.
    index("cases_ws_sla_due").on(t.workspaceId, t.slaDueAt.asc().nullsLast(), t.number),
    index("cases_sla_alarm").on(t.slaAlarmAt).where(sql`sla_alarm_at is not null`),
    // Routing finds the cases waiting in a queue without walking the owned ones.
    // Routing takes the most urgent waiting cases of a queue first: read in that order, no sort.
    index("cases_waiting")
      .on(t.workspaceId, t.queue, t.slaDueAt.asc().nullsLast(), t.createdAt)
      .where(sql`owner_id is null`),
    // The tracker's webhook names a case by its issue's address.
    index("cases_tracker_url").on(t.workspaceId, t.trackerUrl).where(sql`tracker_url is not null`),
    // A case lists the cases opened from it (S4.9).
    index("cases_parent").on(t.parentCaseId).where(sql`parent_case_id is not null`),
    // Search: from a matching customer or contact to their cases (docs/search.md). The
    // subject's words are kept in case_descriptions: an update of a case that is not a new
    // subject (a transfer, a status) then writes no text-search entry.
    index("cases_customer").on(t.customerId).where(sql`customer_id is not null`),
    index("cases_contact").on(t.contactId).where(sql`contact_id is not null`),
  ],
);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A case's subject and description as search words (docs/search.md), one row per case, written
 * when either text is. Kept beside the case rather than indexed on it: a case row changes on
 * every transfer, and stemming its texts again each time would make every change dearer.
 */
export const caseDescriptions = pgTable(
  "case_descriptions",
  {
    caseId: uuid("case_id")
      .primaryKey()
      .references(() => cases.id),
    /** The description's words (empty without one). */
    words: tsvector("words").notNull(),
    subjectWords: tsvector("subject_words").notNull().default(sql`''::tsvector`),
  },
  (t) => [
    index("case_descriptions_search").using("gin", t.words),
    index("case_descriptions_subject").using("gin", t.subjectWords),
  ],
);

/** Each warning and breach a clock raised: one row per case, clock, kind and deadline. */
export const caseClockAlarms = pgTable(
  "case_clock_alarms",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    clock: text("clock").notNull(),
    kind: text("kind").notNull(),
    dueAt: ts("due_at").notNull(),
    firedAt: ts("fired_at").notNull().defaultNow(),
    /** False when the alarm was found too late to be worth telling anyone (Baton was down). */
    told: boolean("told").notNull().default(true),
  },
  (t) => [uniqueIndex("case_clock_alarms_once").on(t.caseId, t.clock, t.kind, t.dueAt)],
);

export const activities = pgTable(
  "activities",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind").notNull(),
    visibility: text("visibility").notNull(),
    body: text("body").notNull(),
    authorId: uuid("author_id"),
    mentions: uuid("mentions").array().notNull().default(sql`'{}'::uuid[]`),
    data: jsonb("data"),
    createdAt: createdAt(),
  },
  (t) => [
    index("activities_case").on(t.caseId, t.id),
    // Search over what people wrote on a case; system lines are not indexed (docs/search.md).
    index("activities_search")
      .using("gin", proseVector(sql`${t.body}`))
      .where(searchedActivity(sql`kind`)),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id"),
    caseId: uuid("case_id"),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: jsonb("data").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("audit_case").on(t.caseId, t.id), index("audit_workspace").on(t.workspaceId, t.id)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** "read" tokens may only read; "full" tokens act with all of the person's rights. */
    scope: text("scope").notNull().default("full"),
    createdAt: createdAt(),
    expiresAt: ts("expires_at"),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
    revokedBy: uuid("revoked_by"),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);

/** A single-use link that lets someone join a workspace in the role an admin chose. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    email: text("email").notNull(),
    name: text("name"),
    role: text("role").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by"),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    acceptedBy: uuid("accepted_by"),
    revokedAt: ts("revoked_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("invitations_workspace").on(t.workspaceId, t.createdAt)],
);

/** Who a person is at an OpenID Connect provider: the issuer's subject, never the email. */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    email: text("email"),
    createdAt: createdAt(),
    lastSignInAt: ts("last_sign_in_at"),
  },
  (t) => [
    uniqueIndex("user_identities_issuer_subject").on(t.issuer, t.subject),
    index("user_identities_user").on(t.userId),
  ],
);

/**
 * A sign-in started at the identity provider and not yet finished: the state, nonce and PKCE
 * verifier are kept here (not in process memory) so any process can finish it.
 */
export const oidcSignIns = pgTable("oidc_sign_ins", {
  stateHash: text("state_hash").primaryKey(),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  returnTo: text("return_to"),
  createdAt: createdAt(),
  expiresAt: ts("expires_at").notNull(),
});

/**
 * Read-only keys for calendar subscriptions: a calendar client fetches the .ics URL with the key
 * in it and cannot send a session cookie or a bearer token. One live key per user.
 */
export const calendarKeys = pgTable(
  "calendar_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    keyHash: text("key_hash").notNull().unique(),
    createdAt: createdAt(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("calendar_keys_user").on(t.userId)],
);

/**
 * A person's team mail in one workspace, by topic: the topics they turned off (in the account page
 * or by a message's unsubscribe link). No row is everything on. In-app notifications are not
 * affected; customer mail and mail about one's own account are never listed here.
 */
export const mailPreferences = pgTable(
  "mail_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    offTopics: text("off_topics").array().notNull().default(sql`'{}'::text[]`),
    version: integer("version").notNull().default(1),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.workspaceId] })],
);

/**
 * Keys this installation signs links with (the unsubscribe links in team mail), made at random by
 * the migration that adds a purpose, so every process of one database signs alike.
 */
export const signingKeys = pgTable("signing_keys", {
  purpose: text("purpose").primaryKey(),
  key: text("key").notNull(),
  createdAt: createdAt(),
});

export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    emailKey: text("email_key").notNull(),
    /** The client's address, so one source guessing many addresses is slowed too. */
    clientKey: text("client_key"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    index("login_failures_key_at").on(t.emailKey, t.at),
    index("login_failures_client_at").on(t.clientKey, t.at),
  ],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid("user_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    statusCode: integer("status_code").notNull(),
    response: jsonb("response").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export const transfers = pgTable(
  "transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind").notNull(),
    state: text("state").notNull(),
    requestedBy: uuid("requested_by").notNull(),
    fromOwnerId: uuid("from_owner_id"),
    fromQueue: text("from_queue").notNull(),
    targetType: text("target_type").notNull(),
    targetAgentId: uuid("target_agent_id"),
    targetQueue: text("target_queue"),
    targetRegion: text("target_region"),
    targetWorkspaceId: uuid("target_workspace_id"),
    reason: text("reason").notNull(),
    reasonText: text("reason_text"),
    template: jsonb("template").notNull(),
    requiredSteps: text("required_steps").array().notNull(),
    steps: jsonb("steps").notNull(),
    warnings: jsonb("warnings").notNull(),
    artifacts: jsonb("artifacts").notNull(),
    newPriority: text("new_priority"),
    newBrand: text("new_brand"),
    newStatus: text("new_status").notNull(),
    pin: boolean("pin").notNull().default(false),
    pinUntil: ts("pin_until"),
    /** A transfer to a queue that asked the queue's distribution method to pick the agent. */
    autoAssign: boolean("auto_assign").notNull().default(false),
    comment: text("comment").notNull().default(""),
    handoverNoteId: bigint("handover_note_id", { mode: "number" }),
    decidedBy: uuid("decided_by"),
    decisionNote: text("decision_note"),
    expiresAt: ts("expires_at"),
    completedAt: ts("completed_at"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // One open transfer per case: a second concurrent request fails on this index.
    uniqueIndex("transfers_one_open_per_case")
      .on(t.caseId)
      .where(sql`state in ('awaiting_steps', 'awaiting_approval', 'awaiting_acceptance')`),
    index("transfers_case").on(t.caseId, t.createdAt),
    index("transfers_workspace_state").on(t.workspaceId, t.state, t.createdAt),
    index("transfers_target_agent").on(t.targetAgentId, t.state),
    index("transfers_expiry").on(t.expiresAt).where(sql`expires_at is not null`),
  ],
);

/**
 * The outbox (docs/decisions/0007): one row per message to one recipient on one channel, written
 * in the transaction of the change that causes it. It is also the delivery log: what was sent, to
 * whom, when, after how many attempts, and the last error. `key` is the idempotency key receivers
 * see (X-Baton-Delivery, the Message-ID), so a resend after a crash is recognisable as one.
 */
/** Where a workspace's events are posted (docs/notifications.md, Webhooks). */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    url: text("url").notNull(),
    /** Signs every body (HMAC-SHA256); shown once, when the subscription is created. */
    secret: text("secret").notNull(),
    /** Event names, or "*" for all. */
    events: text("events").array().notNull(),
    /**
     * "baton": the signed JSON event; "slack" / "teams": a chat incoming-webhook URL that gets a
     * readable line per event, the case-transfer channel entry (S1.2) among them.
     */
    format: text("format").notNull().default("baton"),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("webhook_subscriptions_workspace").on(t.workspaceId).where(sql`active`)],
);

export const deliveries = pgTable(
  "deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: uuid("key").notNull().unique().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    caseId: uuid("case_id").references(() => cases.id),
    caseNumber: bigint("case_number", { mode: "number" }),
    channel: text("channel").notNull(),
    topic: text("topic").notNull(),
    /** What caused it, e.g. transfer.completed and the transfer's id. */
    event: text("event").notNull(),
    sourceId: text("source_id").notNull(),
    /** A producer that runs twice for the same event writes each message once. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    recipient: text("recipient").notNull(),
    recipientName: text("recipient_name"),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    state: text("state").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** The pg-boss job that may attempt it next; a job with another id finds nothing to do. */
    jobId: uuid("job_id"),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** While `sending`: until when the attempt is presumed alive. */
    leaseUntil: ts("lease_until"),
    lastAttemptAt: ts("last_attempt_at"),
    lastError: text("last_error"),
    /** The receiver's answer to the successful attempt, e.g. "250 2.0.0 Ok: queued as …". */
    response: text("response"),
    sentAt: ts("sent_at"),
    failedAt: ts("failed_at"),
    retriedBy: uuid("retried_by"),
    retriedAt: ts("retried_at"),
    /**
     * For team mail: the signed token of the recipient's one-click unsubscribe link for this
     * topic (RFC 8058), chosen with the recipient; null for mail one may not unsubscribe from.
     */
    unsubscribeToken: text("unsubscribe_token"),
    /** For the webhook channel: the subscription, whose secret signs the body at send time. */
    webhookId: uuid("webhook_id").references(() => webhookSubscriptions.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("deliveries_workspace").on(t.workspaceId, t.id.desc()),
    index("deliveries_case").on(t.caseId, t.id.desc()),
    // What the relay looks for: due messages without a live job.
    index("deliveries_pending")
      .on(t.nextAttemptAt)
      .where(sql`state in ('queued', 'retrying', 'sending')`),
  ],
);

/**
 * Where email goes when no SMTP server is configured (the embedded demo): the message exactly as
 * it would have been sent, for an admin to read. One row per delivery, however often it is tried.
 */
export const mailboxMessages = pgTable(
  "mailbox_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: bigint("delivery_id", { mode: "number" })
      .notNull()
      .unique()
      .references(() => deliveries.id),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    caseId: uuid("case_id"),
    messageId: text("message_id").notNull(),
    fromAddress: text("from_address").notNull(),
    toAddress: text("to_address").notNull(),
    replyTo: text("reply_to"),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    /** The RFC 5322 source, headers and all. */
    raw: text("raw").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("mailbox_workspace").on(t.workspaceId, t.id.desc())],
);

/**
 * Email that arrived for Baton (issue 6, email in). A reply matched to a case becomes a public
 * note from the contact (`activityId`); anything Baton cannot place is `held` for an admin, never
 * dropped; auto-replies and loops are `ignored` and never answered. The source is kept for review.
 */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null while Baton cannot tell which workspace it belongs to (unknown case number). */
    workspaceId: uuid("workspace_id").references(() => workspaces.id),
    caseId: uuid("case_id").references(() => cases.id),
    /** The note it became, once attached to a case. */
    activityId: bigint("activity_id", { mode: "number" }),
    /** The sender's Message-ID; the same message delivered twice is stored once. */
    messageId: text("message_id").notNull().unique(),
    fromAddress: text("from_address").notNull(),
    fromName: text("from_name"),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    state: text("state").$type<InboundState>().notNull(),
    /** Why it was held or ignored, in words an admin understands. */
    reason: text("reason"),
    raw: text("raw").notNull(),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: ts("reviewed_at"),
    version: integer("version").notNull().default(1),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [
    index("inbound_state").on(t.state, t.id.desc()),
    index("inbound_workspace").on(t.workspaceId, t.id.desc()),
  ],
);

/**
 * Files on a case: an emailed reply's attachments, and what engineers upload (docs/attachments.md).
 * The bytes are in `content` (storage "database") or in an S3-compatible store under
 * `storage_key` (storage "s3"); the row says which, so changing the setting later still serves
 * what was stored before.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id").references(() => cases.id),
    activityId: bigint("activity_id", { mode: "number" }),
    inboundMessageId: bigint("inbound_message_id", { mode: "number" }).references(
      () => inboundMessages.id,
    ),
    /** Who uploaded it; null for a file that came by email. */
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    storage: text("storage").notNull().default("database"),
    storageKey: text("storage_key"),
    content: bytea("content"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_case").on(t.caseId),
    index("attachments_inbound").on(t.inboundMessageId),
    check(
      "attachments_stored",
      sql`(${t.storage} = 'database' AND ${t.content} IS NOT NULL) OR (${t.storage} = 's3' AND ${t.storageKey} IS NOT NULL)`,
    ),
  ],
);

/**
 * A person's in-app notifications: mentions, approvals waiting, transfers to me. One per
 * (user, kind, source), so a producer that runs twice notifies once.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    caseId: uuid("case_id").references(() => cases.id),
    caseNumber: bigint("case_number", { mode: "number" }),
    kind: text("kind").notNull(),
    sourceId: text("source_id").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    actorId: uuid("actor_id"),
    readAt: ts("read_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_once").on(t.userId, t.kind, t.sourceId),
    index("notifications_user").on(t.userId, t.id.desc()),
    index("notifications_unread").on(t.userId).where(sql`read_at is null`),
    // Answering a call to action (an approval decided) marks its notifications read by source.
    index("notifications_source").on(t.sourceId, t.kind).where(sql`read_at is null`),
  ],
);

/**
 * A workspace's own wording for a message (topic × language), overriding the built-in default.
 * Subject and text are templates with {{placeholders}} (src/notify/templates/topic.ts).
 */
export const messageTemplates = pgTable(
  "message_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    topic: text("topic").notNull(),
    /** A BCP 47 tag ("en", "de", "pt-BR"). */
    language: text("language").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    updatedBy: uuid("updated_by"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("message_templates_once").on(t.workspaceId, t.topic, t.language)],
);

/**
 * A canned reply for the note composer: the workspace's (owner null, managed by its admins) or one
 * person's own. The body is a template with {{placeholders}} (src/domain/canned-replies.ts)
 * filled from the case it is used on. A title is unique in its scope, whatever its case.
 */
export const cannedReplies = pgTable(
  "canned_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** Null: the workspace's; else the person whose own reply it is. */
    ownerId: uuid("owner_id").references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("canned_replies_workspace_title")
      .on(t.workspaceId, sql`lower(${t.title})`)
      .where(sql`owner_id is null`),
    uniqueIndex("canned_replies_owner_title")
      .on(t.workspaceId, t.ownerId, sql`lower(${t.title})`)
      .where(sql`owner_id is not null`),
  ],
);

/**
 * A saved case list: its filters and order (`definition`, checked by the list's own schema when
 * read), for one person (`owner_id`), the members of a queue (`queue`) or the whole workspace.
 */
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    definition: jsonb("definition").$type<unknown>().notNull(),
    share: text("share").$type<ViewShare>().notNull(),
    /** The person whose own view it is; null for a shared one. */
    ownerId: uuid("owner_id").references(() => users.id),
    /** For a view shared with a queue's members: the queue's code. */
    queue: text("queue"),
    position: integer("position").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("saved_views_workspace").on(t.workspaceId, t.position)],
);

/** Round robin's turn per queue: who had its last case. Locked while a case is routed. */
export const queueCursors = pgTable(
  "queue_cursors",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    queue: text("queue").notNull(),
    lastAgentId: uuid("last_agent_id"),
    assigned: bigint("assigned", { mode: "number" }).notNull().default(0),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.queue] })],
);

/** Every assignment routing made: to whom, by which method, and why each other agent was not. */
export const caseAssignments = pgTable(
  "case_assignments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    workspaceId: uuid("workspace_id").notNull(),
    agentId: uuid("agent_id").notNull(),
    method: text("method").notNull(),
    trigger: text("trigger").notNull(),
    candidates: jsonb("candidates").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("case_assignments_case").on(t.caseId, t.id)],
);

/**
 * S4.6: a few hours off queue to clear a backlog, asked of the shift lead where the policy says
 * so. While approved the agent's availability is off queue (routing passes them over); the
 * sweeper ends it at `until` and queued cases flow to them again.
 */
export const offQueueRequests = pgTable(
  "off_queue_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    hours: integer("hours").notNull(),
    state: text("state").notNull(),
    /** Set on approval (or at once where no approval is needed): when it ends by itself. */
    startedAt: ts("started_at"),
    until: ts("until"),
    decidedBy: uuid("decided_by"),
    decidedAt: ts("decided_at"),
    decisionNote: text("decision_note"),
    endedAt: ts("ended_at"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // One request waiting or running per person and workspace.
    uniqueIndex("off_queue_one_open")
      .on(t.workspaceId, t.userId)
      .where(sql`state in ('pending', 'approved')`),
    index("off_queue_ws_state").on(t.workspaceId, t.state, t.createdAt),
    index("off_queue_due").on(t.until).where(sql`state = 'approved'`),
  ],
);

/**
 * S4.12: a technical session or a training a customer or the success team asks of support, on a
 * case. One that fits the policy's limit an agent takes up at once (`accepted`); a longer
 * training waits for the shift lead (`needs_lead`, decided when it was recorded).
 */
export const trainingRequests = pgTable(
  "training_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    askedBy: text("asked_by").notNull(),
    kind: text("kind").notNull(),
    topic: text("topic").notNull(),
    minutes: integer("minutes").notNull(),
    wantedAt: ts("wanted_at"),
    needsLead: boolean("needs_lead").notNull(),
    state: text("state").notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    runnerId: uuid("runner_id").references(() => users.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: ts("decided_at"),
    decisionNote: text("decision_note"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("training_ws_state").on(t.workspaceId, t.state, t.createdAt),
    index("training_case").on(t.caseId, t.createdAt),
  ],
);

/**
 * A request to open a new case from an existing one (S4.9), waiting on the shift lead's desk.
 * `draft` holds the new case's fields as asked; approval opens it and notes its number here.
 */
export const childCaseRequests = pgTable(
  "child_case_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    parentCaseId: uuid("parent_case_id")
      .notNull()
      .references(() => cases.id),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    subject: text("subject").notNull(),
    draft: jsonb("draft").notNull(),
    state: text("state").notNull(),
    childCaseId: uuid("child_case_id").references(() => cases.id),
    decidedBy: uuid("decided_by"),
    decidedAt: ts("decided_at"),
    decisionNote: text("decision_note"),
    version: integer("version").notNull().default(1),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("child_case_requests_ws_state").on(t.workspaceId, t.state, t.createdAt),
    index("child_case_requests_parent").on(t.parentCaseId),
  ],
);

/**
 * The hand-off sheet: a standing list, per workspace, of cases that need someone's attention,
 * what they need and by when, who took each and who finished it (docs/handoff-sheet.md).
 */
export const handoffSheetEntries = pgTable(
  "handoff_sheet_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    needs: text("needs").notNull(),
    dueAt: ts("due_at"),
    /** A queue code of the workspace's policy: the team the entry is for, if any. */
    queue: text("queue"),
    note: text("note").notNull().default(""),
    /** open | claimed | done (src/domain/sheet.ts). */
    state: text("state").notNull().default("open"),
    addedBy: uuid("added_by")
      .notNull()
      .references(() => users.id),
    claimedBy: uuid("claimed_by").references(() => users.id),
    claimedAt: ts("claimed_at"),
    doneBy: uuid("done_by").references(() => users.id),
    doneAt: ts("done_at"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // One entry per case until it is done: a second add is refused, never a duplicate row.
    uniqueIndex("handoff_sheet_one_open").on(t.caseId).where(sql`state <> 'done'`),
    // The sheet reads a workspace's entries by due date, soonest first.
    index("handoff_sheet_ws_due").on(t.workspaceId, t.dueAt.asc().nullsLast(), t.createdAt),
  ],
);

/**
 * A leave plan (S4.4, S4.5, S4.11, S1.6): an agent's declared absence in one workspace, the cases
 * they hand off for it and what the policy asks before they go (out-of-office reply, call
 * diversion). The shift lead approves it case by case (docs/leave.md).
 */
export const leavePlans = pgTable(
  "leave_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    leaveFrom: ts("leave_from").notNull(),
    leaveUntil: ts("leave_until").notNull(),
    backupUserId: uuid("backup_user_id").references(() => users.id),
    note: text("note").notNull().default(""),
    /** draft | submitted | approved | cancelled (src/domain/leave/plan.ts). */
    state: text("state").notNull().default("draft"),
    outOfOfficeAt: ts("out_of_office_at"),
    callDiversion: text("call_diversion"),
    callDiversionAt: ts("call_diversion_at"),
    submittedAt: ts("submitted_at"),
    approvedAt: ts("approved_at"),
    teamEmailAt: ts("team_email_at"),
    /** When the sweep raised to the shift lead what was still open as the leave began. */
    raisedAt: ts("raised_at"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // One plan in the making per person and workspace.
    uniqueIndex("leave_plans_one_open")
      .on(t.workspaceId, t.userId)
      .where(sql`state in ('draft', 'submitted')`),
    index("leave_plans_ws_from").on(t.workspaceId, t.leaveFrom),
    index("leave_plans_to_raise")
      .on(t.leaveFrom)
      .where(sql`raised_at is null and state <> 'cancelled'`),
  ],
);

/** One case of a leave plan: what it needs, who should take it, and what the lead decided. */
export const leavePlanItems = pgTable(
  "leave_plan_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => leavePlans.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** Routing's proposal: an in-region colleague by skill, load and shift; null when none fits. */
    proposedHolderId: uuid("proposed_holder_id").references(() => users.id),
    proposal: text("proposal").notNull().default(""),
    handedOff: text("handed_off").notNull().default(""),
    validated: text("validated").notNull().default(""),
    followUps: text("follow_ups").notNull().default(""),
    customerTold: boolean("customer_told").notNull().default(false),
    /** Answers to the leave kind's other questions (its template), by field key. */
    answers: jsonb("answers").$type<Record<string, string>>().notNull().default({}),
    /** open | requested | handed_off | kept (src/domain/leave/plan.ts). */
    state: text("state").notNull().default("open"),
    transferId: uuid("transfer_id").references(() => transfers.id),
    holderId: uuid("holder_id").references(() => users.id),
    leadNote: text("lead_note"),
    decidedBy: uuid("decided_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("leave_plan_items_case").on(t.planId, t.caseId)],
);

/**
 * S4.3: customer calls scheduled on a case, so they are kept on time. The reminder and the
 * missed-call mark are due at `remind_at` and `missed_after`, fixed from the policy when the call
 * is scheduled or moved, so the minute's sweep claims them with one indexed condition.
 */
export const caseCalls = pgTable(
  "case_calls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    /** Who on the customer's side. */
    attendee: text("attendee").notNull(),
    link: text("link"),
    agenda: text("agenda").notNull().default(""),
    state: text("state").notNull().default("scheduled"),
    runnerId: uuid("runner_id")
      .notNull()
      .references(() => users.id),
    scheduledBy: uuid("scheduled_by")
      .notNull()
      .references(() => users.id),
    remindAt: ts("remind_at").notNull(),
    remindedAt: ts("reminded_at"),
    missedAfter: ts("missed_after").notNull(),
    missedAt: ts("missed_at"),
    /** The call activity written on the timeline when it was logged as held. */
    heldActivityId: bigint("held_activity_id", { mode: "number" }),
    closedAt: ts("closed_at"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("case_calls_case").on(t.caseId, t.startsAt),
    index("case_calls_runner").on(t.workspaceId, t.runnerId, t.startsAt),
    index("case_calls_remind")
      .on(t.remindAt)
      .where(sql`state = 'scheduled' AND reminded_at IS NULL`),
    index("case_calls_missed").on(t.missedAfter).where(sql`state = 'scheduled'`),
  ],
);

/**
 * Seed 002: a customer project that professional services deliver, with its project manager
 * (S2.1, S2.4). Its tasks are where quick calls are logged and where roadblocks become cases.
 */
export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** Short reference unique in the workspace, e.g. "ACME-ROLLOUT". */
    code: text("code").notNull(),
    name: text("name").notNull(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id),
    managerId: uuid("manager_id")
      .notNull()
      .references(() => users.id),
    /** active | closed */
    status: text("status").notNull().default("active"),
    startsOn: date("starts_on", { mode: "string" }),
    /** The planned end; a roadblock that pushes a task beyond it moves the project's timeline. */
    endsOn: date("ends_on", { mode: "string" }),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_ws_code").on(t.workspaceId, t.code),
    index("projects_ws_status").on(t.workspaceId, t.status, t.name),
  ],
);

export const projectTaskNumberSeq = pgSequence("project_task_number_seq", { startWith: 1 });

/**
 * One piece of project work (S2.1, S2.4). A task that hits a roadblock opens a case, records
 * what was delivered and what is left, and closes; when that case resolves, a draft follow-up
 * task waits for the project manager, pointing back at the task it continues.
 */
export const projectTasks = pgTable(
  "project_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    /** Shown as T-{number}; global like case numbers, so a reference never needs the project. */
    number: bigint("number", { mode: "number" })
      .notNull()
      .unique()
      .default(sql`nextval('project_task_number_seq')`),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    assigneeId: uuid("assignee_id").references(() => users.id),
    /** draft | open | in_progress | closed (a follow-up starts as draft until the PM schedules it). */
    status: text("status").notNull().default("open"),
    minutesDelivered: integer("minutes_delivered").notNull().default(0),
    estimateMinutes: integer("estimate_minutes"),
    dueOn: date("due_on", { mode: "string" }),
    /** The roadblock (S2.4): the case it opened, when, and what finishing will take. */
    caseId: uuid("case_id").references(() => cases.id),
    blockedAt: ts("blocked_at"),
    minutesToFinish: integer("minutes_to_finish"),
    finishOn: date("finish_on", { mode: "string" }),
    caseResolvedAt: ts("case_resolved_at"),
    /** The task a draft follow-up continues. */
    followsTaskId: uuid("follows_task_id"),
    scheduledOn: date("scheduled_on", { mode: "string" }),
    closedAt: ts("closed_at"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("project_tasks_project").on(t.projectId, t.status, t.number),
    index("project_tasks_assignee").on(t.assigneeId, t.status),
    uniqueIndex("project_tasks_case").on(t.caseId).where(sql`case_id is not null`),
    // One follow-up per task, however often its case is resolved or the reaction runs.
    uniqueIndex("project_tasks_follows")
      .on(t.followsTaskId)
      .where(sql`follows_task_id is not null`),
    index("project_tasks_ws_blocked")
      .on(t.workspaceId, t.blockedAt)
      .where(sql`blocked_at is not null`),
  ],
);

/** A task's activity (S2.1): quick calls with their notes, comments, and what Baton did. */
export const projectTaskNotes = pgTable(
  "project_task_notes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => projectTasks.id),
    /** note | call | system */
    kind: text("kind").notNull(),
    body: text("body").notNull(),
    authorId: uuid("author_id").references(() => users.id),
    mentions: uuid("mentions").array().notNull().default(sql`'{}'::uuid[]`),
    data: jsonb("data"),
    createdAt: createdAt(),
  },
  (t) => [index("project_task_notes_task").on(t.taskId, t.id)],
);

/**
 * A case while development works on it (S2.5, shared ownership): who stays the customer's owner,
 * and development's stage, which the case shows and the customer is told of as the policy says.
 */
export const caseDevelopment = pgTable("case_development", {
  caseId: uuid("case_id")
    .primaryKey()
    .references(() => cases.id),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id),
  supportOwnerId: uuid("support_owner_id").references(() => users.id),
  stage: text("stage").notNull(),
  stageSince: ts("stage_since").notNull().defaultNow(),
  enteredAt: ts("entered_at").notNull().defaultNow(),
  version: integer("version").notNull().default(1),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** The secret a workspace's tracker signs its status webhooks with (shown once to the admin). */
export const trackerSecrets = pgTable("tracker_secrets", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id),
  secret: text("secret").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: createdAt(),
});

/** Each tracker webhook applied, by its id, so a replay is answered as before and applied once. */
export const trackerDeliveries = pgTable(
  "tracker_deliveries",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    webhookId: text("webhook_id").notNull(),
    answer: jsonb("answer").notNull(),
    receivedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.webhookId] })],
);

/**
 * Handoff analytics (docs/analytics.md): one row per transfer that reached an end state, with
 * what the dashboards measure of it (step times, what happened after it, its quality score and
 * the score's explanation). Written by the analytics refresh, never by a use case; a row is
 * rewritten until its score is final.
 */
export const handoffFacts = pgTable(
  "handoff_facts",
  {
    transferId: uuid("transfer_id").primaryKey(),
    workspaceId: uuid("workspace_id").notNull(),
    caseId: uuid("case_id").notNull(),
    kind: text("kind").notNull(),
    /** completed, declined, rejected, withdrawn or expired. */
    outcome: text("outcome").notNull(),
    requestedAt: ts("requested_at").notNull(),
    /** When it ended: completed_at, or the last change of a transfer that did not complete. */
    settledAt: ts("settled_at").notNull(),
    /** The day it ended on in the workspace's reporting zone (its first region's). */
    day: date("day", { mode: "string" }).notNull(),
    fromQueue: text("from_queue").notNull(),
    toQueue: text("to_queue"),
    fromRegion: text("from_region"),
    toRegion: text("to_region"),
    fromOwnerId: uuid("from_owner_id"),
    toOwnerId: uuid("to_owner_id"),
    is24x7: boolean("is_24x7").notNull(),
    // Minutes from the request to each step, and from completion to the receiver's first reply.
    approvalMinutes: doublePrecision("approval_minutes"),
    acceptanceMinutes: doublePrecision("acceptance_minutes"),
    customerToldMinutes: doublePrecision("customer_told_minutes"),
    completionMinutes: doublePrecision("completion_minutes"),
    firstResponseMinutes: doublePrecision("first_response_minutes"),
    /**
     * S3.5: minutes since the last agent activity on the case when it changed hands, which the
     * idle clock carries across the handoff; completed transfers only.
     */
    idleMinutes: doublePrecision("idle_minutes"),
    /** A 24x7 case handed to another region: the pair's meeting nearest the handoff. */
    meetingKey: text("meeting_key"),
    meetingTitle: text("meeting_title"),
    bouncedBack: boolean("bounced_back").notNull().default(false),
    reopened: boolean("reopened").notNull().default(false),
    /** An SLA clock of the case breached within the policy's slaWindowHours after completion. */
    slaBreachedAfter: boolean("sla_breached_after").notNull().default(false),
    /** The case's completed handoffs within the policy's pingPongHours up to this one. */
    windowHandoffs: integer("window_handoffs").notNull().default(0),
    score: integer("score"),
    scoreFinal: boolean("score_final").notNull().default(false),
    refreshedAt: ts("refreshed_at").notNull().defaultNow(),
  },
  (t) => [
    index("handoff_facts_ws_day").on(t.workspaceId, t.day),
    // The lowest scores in the order the dashboard lists them: read until enough fall in range.
    index("handoff_facts_ws_score")
      .on(t.workspaceId, t.score, t.scoreFinal.desc(), t.settledAt.desc())
      .where(sql`score is not null`),
    index("handoff_facts_case").on(t.caseId, t.settledAt),
    // Ping-pong reads only the handoffs that came after others within the period.
    index("handoff_facts_ping_pong")
      .on(t.workspaceId, t.windowHandoffs, t.day)
      .where(sql`window_handoffs > 1`),
    // Bounces by who handed to whom: the few bounced rows, then each pair's transfers.
    // Both hold the owners, so a year's pairs are counted from the indexes alone.
    index("handoff_facts_bounced")
      .on(t.workspaceId, t.day, t.fromOwnerId, t.toOwnerId)
      .where(sql`bounced_back and outcome = 'completed'`),
    index("handoff_facts_owner_pair")
      .on(t.workspaceId, t.fromOwnerId, t.toOwnerId, t.day)
      .where(sql`outcome = 'completed'`),
    // An agent's own handoffs: those they gave and those they took.
    index("handoff_facts_from_owner").on(t.workspaceId, t.fromOwnerId, t.day),
    index("handoff_facts_to_owner").on(t.workspaceId, t.toOwnerId, t.day),
    // Rows whose score may still change: each refresh looks at them again.
    index("handoff_facts_provisional")
      .on(t.settledAt)
      .where(sql`outcome = 'completed' and not score_final`),
  ],
);

/**
 * Each scored transfer's criteria with their points and reasons. Kept beside its fact, not in
 * it: the explanation is most of a fact's bytes and only the few transfers a dashboard lists
 * read it, while every other read scans the facts.
 */
export const handoffFactCriteria = pgTable("handoff_fact_criteria", {
  transferId: uuid("transfer_id").primaryKey(),
  criteria: jsonb("criteria").notNull(),
});

/** The keys besides the period and the sums of the daily and weekly handoff counts. */
const rollupCounts = () => ({
  kind: text("kind").notNull(),
  fromQueue: text("from_queue").notNull(),
  // '' where the transfer named none, so the key has no nulls.
  toQueue: text("to_queue").notNull(),
  fromRegion: text("from_region").notNull(),
  toRegion: text("to_region").notNull(),
  outcome: text("outcome").notNull(),
  transfers: integer("transfers").notNull(),
  scored: integer("scored").notNull(),
  scoreSum: integer("score_sum").notNull(),
  bounced: integer("bounced").notNull(),
  slaBreached: integer("sla_breached").notNull(),
});

/**
 * Handoff counts per workspace, day, kind, queue pair, region pair and outcome, summed from
 * `handoff_facts` for the days a refresh touched, so dashboards over a year read days, not rows.
 */
export const handoffDaily = pgTable(
  "handoff_daily",
  {
    workspaceId: uuid("workspace_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    ...rollupCounts(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.workspaceId,
        t.day,
        t.kind,
        t.fromQueue,
        t.toQueue,
        t.fromRegion,
        t.toRegion,
        t.outcome,
      ],
    }),
  ],
);

/*
 * The weekly rollups (docs/analytics.md): an ISO week's figures (`week` is its Monday) summed
 * again whenever one of its days is, so a year's dashboard reads about 52 weeks of each and only
 * the range's first and last days below a whole week from the daily rows or the facts.
 */
/** `handoff_daily` summed per week. */
export const handoffWeekly = pgTable(
  "handoff_weekly",
  {
    workspaceId: uuid("workspace_id").notNull(),
    week: date("week", { mode: "string" }).notNull(),
    ...rollupCounts(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.workspaceId,
        t.week,
        t.kind,
        t.fromQueue,
        t.toQueue,
        t.fromRegion,
        t.toRegion,
        t.outcome,
      ],
    }),
  ],
);

/**
 * How many completed transfers of a week took how long in each step: the step's minutes rounded
 * as `stepMinutes` (src/domain/analytics/steps.ts) rounds them, so the median and 90th percentile
 * come from summed counts instead of sorting a year of facts. By kind and queue pair only: a
 * region filter or one person's handoffs are read from the facts.
 */
export const handoffStepWeekly = pgTable(
  "handoff_step_weekly",
  {
    workspaceId: uuid("workspace_id").notNull(),
    week: date("week", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    fromQueue: text("from_queue").notNull(),
    toQueue: text("to_queue").notNull(),
    step: text("step").notNull(),
    minutes: doublePrecision("minutes").notNull(),
    transfers: integer("transfers").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.workspaceId, t.week, t.kind, t.fromQueue, t.toQueue, t.step, t.minutes],
    }),
  ],
);

/** Completed handoffs of 24x7 cases to another region per week, pair and the pair's meeting. */
export const handoffSunWeekly = pgTable(
  "handoff_sun_weekly",
  {
    workspaceId: uuid("workspace_id").notNull(),
    week: date("week", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    fromQueue: text("from_queue").notNull(),
    toQueue: text("to_queue").notNull(),
    fromRegion: text("from_region").notNull(),
    toRegion: text("to_region").notNull(),
    /** The meeting's series (its key without the day), '' without one. */
    meetingSeries: text("meeting_series").notNull(),
    meetingTitle: text("meeting_title").notNull(),
    handovers: integer("handovers").notNull(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.workspaceId,
        t.week,
        t.kind,
        t.fromQueue,
        t.toQueue,
        t.fromRegion,
        t.toRegion,
        t.meetingSeries,
        t.meetingTitle,
      ],
    }),
  ],
);

/** Open cases per agent and queue, one snapshot a day (the last refresh of the day wins). */
export const capacitySnapshots = pgTable(
  "capacity_snapshots",
  {
    workspaceId: uuid("workspace_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    queue: text("queue").notNull(),
    /** The owner's user id, '' for cases waiting in the queue. */
    owner: text("owner").notNull(),
    openCases: integer("open_cases").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.queue, t.owner] })],
);

/**
 * The same snapshot per queue: a year's chart per queue reads a row a day per queue, not one
 * per agent.
 */
export const capacityQueueSnapshots = pgTable(
  "capacity_queue_snapshots",
  {
    workspaceId: uuid("workspace_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    queue: text("queue").notNull(),
    openCases: integer("open_cases").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.queue] })],
);

/** How far the analytics refresh has read the audit trail. One row. */
/**
 * Missed 24x7 handovers for the analytics: one row per case and shift end that was raised (the
 * first raise; later levels of the same shift end are the same miss), with where the case
 * should have gone and the pair's meeting nearest the shift end, copied from the raise's audit
 * row by the refresh.
 */
export const handoverMisses = pgTable(
  "handover_misses",
  {
    caseId: uuid("case_id").notNull(),
    /** The raise key's shift end part: one miss per shift end. */
    shiftKey: text("shift_key").notNull(),
    workspaceId: uuid("workspace_id").notNull(),
    raisedAt: ts("raised_at").notNull(),
    /** The day of the first raise in the workspace's reporting zone. */
    day: date("day", { mode: "string" }).notNull(),
    queue: text("queue").notNull(),
    ownerId: uuid("owner_id"),
    fromRegion: text("from_region"),
    toRegion: text("to_region"),
    meetingKey: text("meeting_key"),
    meetingTitle: text("meeting_title"),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.shiftKey] }),
    index("handover_misses_ws_day").on(t.workspaceId, t.day),
  ],
);

/**
 * Workspace days whose `handoff_daily` rows must be summed again: written with the facts that
 * changed them, in the same transaction, and cleared by the refresh that sums them, so a
 * refresh cut short leaves its days for the next one.
 */
export const analyticsDirtyDays = pgTable(
  "analytics_dirty_days",
  {
    workspaceId: uuid("workspace_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);

export const analyticsWatermark = pgTable("analytics_watermark", {
  id: integer("id").primaryKey(),
  auditId: bigint("audit_id", { mode: "number" }).notNull(),
  refreshedAt: ts("refreshed_at").notNull(),
});
