// Response shapes. Case shapes come straight from the server's schemas (type-only imports, so
// nothing of the server is bundled); the rest mirror routes whose schemas are not exported.
import type { z } from "zod";
import type {
  AuditItem,
  CaseDetail,
  CaseSummary,
  Page,
  TimelineItem,
} from "../../../src/http/routes/case-schemas.ts";
import type {
  boardSchema,
  meetingSchema,
  meetingsSchema,
  nextHolderSchema,
  onDutySchema,
} from "../../../src/http/routes/schedule-schemas.ts";

export type { AuditItem, CaseDetail, CaseSummary, Page, TimelineItem };

/**
 * Whether the caller may hand the case on by editing its owner or queue (policy
 * directAssignment), or only through a transfer; part of CaseDetail as `reassign`.
 */
export type ReassignRights = CaseDetail["reassign"];

export type Person = { id: string; name: string } | null;

export interface WorkspaceMembership {
  id: string;
  slug: string;
  role: string;
}

/** POST /auth/login and GET /auth/session. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  workspaces: WorkspaceMembership[];
  csrfToken: string | null;
}

export interface Agent {
  id: string;
  name: string;
  email: string;
  handle: string;
  timeZone: string;
  role: string;
  region: string | null;
  queues: string[];
  skills: string[];
  languages: string[];
  capacity: number;
  availability: {
    status: "available" | "off_queue" | "on_leave";
    leaveFrom: string | null;
    leaveUntil: string | null;
    backupUserId: string | null;
    callDiversion: string | null;
  };
  version: number;
}

export interface Coded {
  code: string;
  name: string;
}

/** The parts of a workspace policy the web app reads. */
export interface PolicyView {
  name: string;
  regions: (Coded & { timeZone: string })[];
  queues: (Coded & { description?: string; region?: string })[];
  severities: (Coded & { description?: string })[];
  priorities: Coded[];
  plans: (Coded & { allows24x7: boolean })[];
  products: Coded[];
  /** S3.3: a transfer may move the case to another brand when there are several. */
  brands?: Coded[];
  statusLabels: Partial<Record<string, string>>;
  defaults: { queue: string; severity: string; priority: string; plan: string; brand: string };
  /** Roles and their permissions (who may pick the receiving agent when approving). */
  roles?: PolicyRole[];
  /** Transfer kinds, for who approves an open transfer and its steps. */
  transferKinds?: PolicyTransferKind[];
  /** Queue codes guards rely on (S2.5: development is reached only through triage). */
  guardOptions?: { triageQueue?: string; developmentQueues: string[] };
  /** Follow the sun (S1.2): region handover pairs and their meetings. */
  handover?: {
    pairs: { from: string; to: string[]; meeting?: { at: string; in: "from" | "to" } }[];
    boardWindowMinutes: number;
  };
  /** Not part of the policy: what the server decided it uses (the policy answer's features). */
  features?: WorkspaceFeatures;
}

/** GET /workspaces/{ws}/policy: the parts of Baton this workspace uses. */
export interface WorkspaceFeatures {
  /** Handoff board, handover meetings and next-holder suggestions. */
  followTheSun: boolean;
}

export interface PolicyRole {
  id: string;
  name: string;
  permissions: string[];
}

export interface PolicyTransferKind {
  code: string;
  name: string;
  targets: TransferTargetType[];
  region?: "same" | "other" | "any";
  steps: TransferStep[];
  approverRoles: string[];
  guards: string[];
  /** The status a completed transfer of this kind gives the case unless the person picks one. */
  newStatus?: string;
  /** For the bulk transfer dialog, which has no single case to ask transfer-options about. */
  fromQueues?: string[];
  toQueues?: string[];
  reasons?: Pick<TransferReason, "code" | "label" | "requiresText">[];
  template?: Omit<TemplateFieldOption, "value">[];
}

/** POST /transfers/bulk (S3.4): the same transfer for several cases, each on its own. */
export interface BulkTransferBody extends Omit<RequestTransferBody, "version"> {
  cases: { number: number; version: number }[];
}

export interface BulkTransferResult {
  succeeded: number;
  failed: number;
  results: {
    number: number;
    ok: boolean;
    transferId: string | null;
    state: string | null;
    error: { code: string; detail: string } | null;
  }[];
}

export interface PolicyResponse {
  workspace: string;
  version: number;
  policy: PolicyView;
  features: WorkspaceFeatures;
}

export interface CreateCaseBody {
  workspace: string;
  subject: string;
  description?: string;
  severity?: string;
  priority?: string;
  queue?: string;
  ownerId?: string | null;
}

export interface UpdateCaseBody {
  version: number;
  status?: string;
  severity?: string;
  priority?: string;
  is24x7?: boolean;
  queue?: string;
  ownerId?: string | null;
  product?: string | null;
  stepsToReproduce?: string;
  /** S0.4: the next customer contact, ISO with an offset; null clears it. */
  nextContactAt?: string | null;
}

export interface AddNoteBody {
  body: string;
  visibility: "public" | "private";
  mentions?: string[];
}

// ---------- Transfers (mirroring src/http/routes/transfers.ts and src/commands/transfers) ----------

export type TransferTargetType = "agent" | "queue" | "workspace";
export type TransferStep =
  | "notes_updated"
  | "approval"
  | "receiver_acceptance"
  | "customer_notified"
  | "handover_aligned";
/** Steps people record by hand (POST /transfers/{id}/steps/{step}). */
export type ManualTransferStep = "notes_updated" | "customer_notified" | "handover_aligned";
export type TransferState =
  | "draft"
  | "awaiting_approval"
  | "awaiting_acceptance"
  | "completed"
  | "rejected"
  | "declined"
  | "withdrawn"
  | "expired";
export type GuardOutcome = "block" | "warn" | "require_approval";

export interface GuardFinding {
  id: string;
  outcome: GuardOutcome;
  message: string;
}

export interface TransferReason {
  code: string;
  label: string;
  requiresText: boolean;
  isLeave: boolean;
}

export interface TemplateFieldOption {
  key: string;
  label: string;
  help: string;
  kind: "text" | "textarea" | "yesno" | "choice";
  choices?: string[];
  required: boolean;
  prefill?: string;
  /** Pre-filled from what Baton knows about the case. */
  value: string;
}

/** One kind in GET /cases/{n}/transfer-options. */
export interface TransferKindOption {
  code: string;
  name: string;
  description: string;
  available: boolean;
  unavailableBecause: string | null;
  targets: TransferTargetType[];
  toQueues: string[];
  region: "same" | "other" | "any";
  reasons: TransferReason[];
  template: TemplateFieldOption[];
  steps: TransferStep[];
  approverRoles: string[];
  guards: string[];
  asks24x7Confirmation: boolean;
  blockers: { targetType: TransferTargetType; guards: GuardFinding[] }[];
}

export interface TransferOptions {
  caseNumber: number;
  /** The case version the request must carry. */
  version: number;
  handoffCount: number;
  openTransferId: string | null;
  kinds: TransferKindOption[];
}

/** POST /cases/{n}/transfers (and ?preview=true). */
export interface RequestTransferBody {
  version: number;
  kind: string;
  target: { agentId?: string; queue?: string; region?: string; workspace?: string };
  reason: string;
  reasonText?: string;
  fields: Record<string, string>;
  confirmations: { customerNeedsNextShift?: boolean };
  newPriority?: string;
  newStatus?: string;
  newBrand?: string;
  pin: boolean;
  pinUntil?: string;
  comment: string;
}

export interface TransferArtifacts {
  titlePrefix?: string | null;
  internalTitle?: string | null;
  dispatchSubject?: string | null;
  channelEntry?: string | null;
  handoverNote?: string | null;
  targetLabel?: string | null;
  [key: string]: string | null | undefined;
}

export interface TransferPreview {
  kind: string;
  target: string;
  requiredSteps: TransferStep[];
  note: string;
  artifacts: TransferArtifacts;
  fields: Record<string, string>;
  missingFields: { field: string; message: string }[];
  guards: GuardFinding[];
  blocked: boolean;
}

export interface TransferStepRecord {
  step: TransferStep;
  by: Person;
  at: string;
  note?: string;
  how?: string;
}

export interface TransferView {
  id: string;
  caseNumber: number;
  workspace: string;
  kind: string;
  kindName: string;
  state: TransferState;
  requestedBy: Person;
  from: { owner: Person; queue: string };
  target: {
    type: TransferTargetType;
    agent: Person;
    queue: string | null;
    region: string | null;
    label: string;
  };
  reason: string;
  reasonLabel: string;
  reasonText: string | null;
  fields: Record<string, string>;
  requiredSteps: TransferStep[];
  steps: TransferStepRecord[];
  nextStep: TransferStep | null;
  warnings: GuardFinding[];
  artifacts: TransferArtifacts;
  newPriority: string | null;
  newStatus: string;
  pin: boolean;
  pinUntil: string | null;
  comment: string;
  decidedBy: Person;
  decisionNote: string | null;
  expiresAt: string | null;
  completedAt: string | null;
  createdAt: string;
  version: number;
  /** What the caller may do next: approve, reject, accept, decline, withdraw, step:<step>. */
  actions: string[];
}

export type CustomerNotifiedHow = "email" | "phone" | "chat" | "meeting" | "other";

export interface ApproveTransferBody {
  version: number;
  note?: string;
  assignTo?: string;
}

export interface DecideTransferBody {
  version: number;
  note?: string;
}

export interface TransferStepBody {
  version: number;
  how?: CustomerNotifiedHow;
  at?: string;
  note?: string;
}

// ---------- Follow the sun (shapes from src/http/routes/schedule-schemas.ts) ----------

/** GET /regions/on-duty. */
export type RegionsOnDuty = z.output<typeof onDutySchema>;
export type RegionStatus = RegionsOnDuty["regions"][number];
/** GET /cases/{n}/next-holder. */
export type NextHolder = z.output<typeof nextHolderSchema>;
export type RegionOption = NonNullable<NextHolder["region"]>;
export type AgentOption = NextHolder["agents"][number];
export type ContactTime = NonNullable<NextHolder["customerNow"]>;
export type LocalRendering = ContactTime["customer"];
export type HandoverMeeting = z.output<typeof meetingSchema>;
/** GET /handoff-board. */
export type HandoffBoard = z.output<typeof boardSchema>;
export type CaseCard = HandoffBoard["endingSoon"][number]["case"];
export type EndingSoonItem = HandoffBoard["endingSoon"][number];
export type WaitingItem = HandoffBoard["waiting"][number];
export type NotServedItem = HandoffBoard["notServed"][number];
export type EscalationItem = HandoffBoard["escalations"][number];
/** GET /handover-meetings. */
export type MeetingWithAgenda = z.output<typeof meetingsSchema>["items"][number];
export type AgendaCase = MeetingWithAgenda["cases"][number];

export interface MeetingsQuery {
  workspace: string;
  from: string;
  to: string;
  region?: string | undefined;
  attendee?: "me" | undefined;
}

/** One row of the delivery log (GET /deliveries). */
export interface Delivery {
  id: number;
  key: string;
  workspace: string;
  caseNumber: number | null;
  channel: string;
  topic: string;
  event: string;
  recipient: string;
  recipientName: string | null;
  subject: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  response: string | null;
  sentAt: string | null;
  failedAt: string | null;
  retriedAt: string | null;
  createdAt: string;
}

/** A message kept in the local mailbox (GET /mailbox; admins, no SMTP configured). */
export interface MailboxMessage {
  id: number;
  deliveryId: number;
  caseNumber: number | null;
  messageId: string;
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  createdAt: string;
}

/** A webhook or chat subscription (GET /workspaces/{ws}/webhooks; admins). */
export interface WebhookSubscription {
  id: string;
  workspace: string;
  url: string;
  /** "baton": signed JSON; "slack" / "teams": a chat channel's incoming webhook. */
  format: string;
  events: string[];
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  version: number;
  /** Only in the answer that created a "baton" subscription. */
  secret?: string;
}

export interface CreateWebhookBody {
  url: string;
  format: string;
  events: string[];
}

/** Email that came in (GET /inbound/messages; admins): held, ignored, attached or discarded. */
export interface InboundMessage {
  id: number;
  caseNumber: number | null;
  messageId: string;
  from: string;
  fromName: string | null;
  to: string;
  subject: string;
  state: "held" | "ignored" | "attached" | "discarded";
  reason: string | null;
  activityId: number | null;
  version: number;
  preview: string;
  reviewedAt: string | null;
  receivedAt: string;
}

export interface InboundMessageDetail extends InboundMessage {
  text: string;
  raw: string;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
}

/** A workspace's own wording of a message in one language (GET …/templates). */
export interface TemplateOverride {
  language: string;
  subject: string;
  text: string;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface TemplateTopicInfo {
  topic: string;
  title: string;
  variables: { name: string; description: string }[];
  defaultLanguages: string[];
  overrides: TemplateOverride[];
}

/** The wording a reader of a language gets, and whether the workspace set it for that language. */
export interface EffectiveTemplate {
  topic: string;
  language: string;
  overridden: boolean;
  version: number | null;
  subject: string;
  text: string;
  from: { source: "workspace" | "default"; language: string };
  builtIn: { subject: string; text: string; language: string };
}

export interface TemplateBody {
  subject: string;
  text: string;
  version?: number;
}

/** One of my in-app notifications (GET /notifications). */
export interface AppNotification {
  id: number;
  kind: "mention" | "approval_waiting" | "transfer_to_me" | string;
  workspace: string;
  caseNumber: number | null;
  title: string;
  body: string;
  actor: { id: string; name: string } | null;
  /** Where the app shows it: the case, or the approvals inbox. */
  link: string;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: AppNotification[];
  unread: number;
  nextBefore: number | null;
}
