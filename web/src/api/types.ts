// Response shapes come straight from the routes' schemas in src/http/routes/*-schemas.ts
// (type-only imports, so nothing of the server is bundled); request bodies and the parts of a
// policy the web reads are written here.
import type { z } from "zod";
import type { createCannedReplyInput } from "../../../src/commands/cannedReplies/createCannedReply.ts";
import type { updateCannedReplyInput } from "../../../src/commands/cannedReplies/updateCannedReply.ts";
import type { countCasesInput } from "../../../src/commands/cases/countCases.ts";
import type { bulkUpdateCasesInput } from "../../../src/commands/cases/updateCasesInBulk.ts";
import type { addTaskNoteInput } from "../../../src/commands/projects/addTaskNote.ts";
import type { createProjectInput } from "../../../src/commands/projects/createProject.ts";
import type { createTaskInput } from "../../../src/commands/projects/createTask.ts";
import type { openCaseFromTaskInput } from "../../../src/commands/projects/openCaseFromTask.ts";
import type { scheduleFollowUpInput } from "../../../src/commands/projects/scheduleFollowUp.ts";
import type { updateTaskInput } from "../../../src/commands/projects/updateTask.ts";
import type { createViewInput } from "../../../src/commands/views/createView.ts";
import type { updateViewInput } from "../../../src/commands/views/updateView.ts";
import type { Policy } from "../../../src/domain/policy/schema.ts";
import type { ManualStep } from "../../../src/domain/transfer/abilities.ts";
import type { Agent } from "../../../src/http/routes/agent-schemas.ts";
import type { HandoffAnalyticsAnswer } from "../../../src/http/routes/analytics-schemas.ts";
import type {
  AttachmentItem,
  CaseAttachmentList,
} from "../../../src/http/routes/attachment-schemas.ts";
import type {
  CallItemAnswer,
  CaseCallListAnswer,
  MyCallListAnswer,
} from "../../../src/http/routes/call-schemas.ts";
import type {
  CannedReply,
  CannedReplyList,
  FilledCannedReplies,
} from "../../../src/http/routes/canned-reply-schemas.ts";
import type {
  AuditItem,
  BulkUpdateResult,
  CaseDetail,
  CaseListItem,
  CaseSummary,
  Page,
  SearchMatch,
  TimelineItem,
} from "../../../src/http/routes/case-schemas.ts";
import type {
  ChildCaseListAnswer,
  ChildCaseOutcome,
  ChildCaseRequestAnswer,
} from "../../../src/http/routes/child-case-schemas.ts";
import type { customer } from "../../../src/http/routes/customer-schemas.ts";
import type {
  Delivery,
  DeliveryDetail,
  MailboxDetail,
  MailboxMessage,
} from "../../../src/http/routes/delivery-schemas.ts";
import type {
  InboundMessage,
  InboundMessageDetail,
} from "../../../src/http/routes/inbound-schemas.ts";
import type { LeavePlanListAnswer } from "../../../src/http/routes/leave-schemas.ts";
import type {
  MailPreferenceList,
  MailPreferences,
  UnsubscribeLinkAnswer,
} from "../../../src/http/routes/mail-preference-schemas.ts";
import type {
  AppNotification,
  NotificationPage,
} from "../../../src/http/routes/notification-schemas.ts";
import type {
  OffQueueListAnswer,
  OffQueueRequestAnswer,
} from "../../../src/http/routes/off-queue-schemas.ts";
import type {
  Deactivated,
  InvitationAccepted,
  InvitationOffer,
  InvitationSent,
  InvitationView,
  OpenCaseView,
  PeopleList,
  PersonView,
  Removed,
} from "../../../src/http/routes/people-schemas.ts";
import type {
  PolicyChange,
  PolicyDiffAnswer,
  PolicyPreview,
  PolicyPublished,
  PolicyVersionDetail,
  PolicyVersionItem,
  PolicyVersionList,
} from "../../../src/http/routes/policy-schemas.ts";
import type {
  QueueChangeBody,
  QueueChanged,
  QueueList,
  QueueListItem,
} from "../../../src/http/routes/queue-schemas.ts";
import type { ProjectVolumeAnswer } from "../../../src/http/routes/report-schemas.ts";
import type {
  boardSchema,
  meetingSchema,
  meetingsSchema,
  nextHolderSchema,
  onDutySchema,
} from "../../../src/http/routes/schedule-schemas.ts";
import type {
  AuthProviders,
  SessionUser,
  WorkspaceMembership,
} from "../../../src/http/routes/session-schemas.ts";
import type { SheetEntry, SheetList } from "../../../src/http/routes/sheet-schemas.ts";
import type {
  EffectiveTemplate,
  RenderedTemplate,
  SavedTemplate,
  TemplateOverride,
  TemplateTopicInfo,
  TemplateTopics,
} from "../../../src/http/routes/template-schemas.ts";
import type {
  ChangePasswordBody,
  CreatedToken,
  CreateTokenBody,
  TokenList,
  TokenView,
} from "../../../src/http/routes/token-schemas.ts";
import type {
  CaseTrainingListAnswer,
  DecideTrainingBody,
  RecordTrainingBody,
  TrainingDeskListAnswer,
  TrainingRequestAnswer,
} from "../../../src/http/routes/training-schemas.ts";
import type {
  BulkTransferResult,
  GuardFinding,
  TemplateFieldOption,
  TransferArtifacts,
  TransferKindOption,
  TransferOptions,
  TransferPreview,
  TransferReason,
  TransferStepRecord,
  TransferView,
} from "../../../src/http/routes/transfer-schemas.ts";
import type {
  CaseCount,
  CaseCounts,
  SavedView,
  SavedViewList,
} from "../../../src/http/routes/view-schemas.ts";
import type { WebhookSubscription } from "../../../src/http/routes/webhook-schemas.ts";
import type {
  policyAnswer,
  WorkspaceFeatures,
  WorkspaceViewer,
} from "../../../src/http/routes/workspace-schemas.ts";

/** GET /auth/session, POST /auth/login. */
/** GET /workspaces/{ws}/agents. */
/** The delivery log (GET /deliveries) and the local mailbox (GET /mailbox; no SMTP configured). */
/** Email that came in (GET /inbound/messages; admins): held, ignored, attached or discarded. */
/** My in-app notifications (GET /notifications). */
/** Message templates (GET …/templates): the workspace's wordings and the built-in ones. */
/** A webhook or chat subscription (GET /workspaces/{ws}/webhooks; admins). */
/** Queue settings (GET /workspaces/{ws}/queues; PATCH …/queues/{queue} for admins). */
export type {
  Agent,
  AppNotification,
  AuditItem,
  BulkUpdateResult,
  CaseDetail,
  CaseListItem,
  CaseSummary,
  Delivery,
  DeliveryDetail,
  EffectiveTemplate,
  InboundMessage,
  InboundMessageDetail,
  MailboxDetail,
  MailboxMessage,
  NotificationPage,
  Page,
  QueueChangeBody,
  QueueChanged,
  QueueList,
  QueueListItem,
  RenderedTemplate,
  SavedTemplate,
  SearchMatch,
  SessionUser,
  TemplateOverride,
  TemplateTopicInfo,
  TemplateTopics,
  TimelineItem,
  WebhookSubscription,
  WorkspaceMembership,
};

/**
 * Whether the caller may hand the case on by editing its owner or queue (policy
 * directAssignment), or only through a transfer; part of CaseDetail as `reassign`.
 */
export type ReassignRights = CaseDetail["reassign"];

export type Person = { id: string; name: string } | null;

/** A sentence as a code and its values (a system line's `line`, an audit entry's `because`). */
export type Said = AuditItem["because"];

export interface Coded {
  code: string;
  name: string;
}

/** The parts of a workspace policy the web app reads. */
/**
 * A workspace's policy as the server validated it (src/domain/policy), with what the policy
 * answer adds beside it: the parts of Baton it uses and what the caller may do there.
 */
export type PolicyView = Policy & { features?: WorkspaceFeatures; viewer?: WorkspaceViewer };
/** API tokens: mine (GET /auth/tokens) and a workspace's (GET /workspaces/{ws}/tokens; admins). */
/** A workspace's people and invitations (GET /workspaces/{ws}/people; admins) and the invite link. */
/** My team mail by topic per workspace (GET/PUT /me/mail-preferences) and a mail's unsubscribe link. */
export type {
  AuthProviders,
  ChangePasswordBody,
  CreatedToken,
  CreateTokenBody,
  Deactivated,
  InvitationAccepted,
  InvitationOffer,
  InvitationSent,
  InvitationView,
  MailPreferenceList,
  MailPreferences,
  OpenCaseView,
  PeopleList,
  PersonView,
  Removed,
  TokenList,
  TokenView,
  UnsubscribeLinkAnswer,
  WorkspaceFeatures,
  WorkspaceViewer,
};

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

/** POST /cases/bulk (issue 17): the same change to each case of a list's selection. */
export type BulkUpdateBody = z.input<typeof bulkUpdateCasesInput>;

/** POST /transfers/bulk (S3.4): the same transfer for several cases, each on its own. */
export interface BulkTransferBody extends Omit<RequestTransferBody, "version"> {
  cases: { number: number; version: number }[];
}

export type {
  PolicyChange,
  PolicyDiffAnswer,
  PolicyPreview,
  PolicyPublished,
  PolicyVersionDetail,
  PolicyVersionItem,
  PolicyVersionList,
};

/** PUT /workspaces/{ws}/policy: the whole document, checked against the version read. */
export interface ReplacePolicyBody {
  version: number;
  summary?: string;
  policy: Policy;
}

/** GET /workspaces/{ws}/policy. */
export type PolicyResponse = Omit<z.infer<typeof policyAnswer>, "policy"> & { policy: Policy };

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
  trackerUrl?: string | null;
  subProduct?: string | null;
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
  /** S4.9: resolve or close although cases opened from this one are still open. */
  confirmOpenChildren?: boolean;
}

export interface AddNoteBody {
  body: string;
  visibility: "public" | "private";
  mentions?: string[];
  /** Files uploaded to the case beforehand (POST /cases/{n}/attachments). */
  attachmentIds?: string[];
}

export type { AttachmentItem, CaseAttachmentList };

// ---------- Transfers (shapes from src/http/routes/transfer-schemas.ts) ----------

export type {
  BulkTransferResult,
  GuardFinding,
  TemplateFieldOption,
  TransferArtifacts,
  TransferKindOption,
  TransferOptions,
  TransferPreview,
  TransferReason,
  TransferStepRecord,
  TransferView,
};
/** Steps people record by hand (POST /transfers/{id}/steps/{step}). */
export type ManualTransferStep = ManualStep;

export type TransferTargetType = TransferView["target"]["type"];
export type TransferStep = TransferView["requiredSteps"][number];
export type TransferState = TransferView["state"];
export type GuardOutcome = GuardFinding["outcome"];

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

export interface CreateWebhookBody {
  url: string;
  format: string;
  events: string[];
}

export interface TemplateBody {
  subject: string;
  text: string;
  version?: number;
}

export type { HandoffAnalyticsAnswer, ProjectVolumeAnswer, SheetEntry, SheetList };
export type SheetMove = SheetEntry["actions"][number];

export interface AddSheetEntryBody {
  caseNumber: number;
  needs: string;
  dueAt?: string;
  queue?: string;
  note?: string;
}

/** Off-queue requests (GET /workspaces/{ws}/off-queue-requests) and what the viewer may do. */
export type OffQueueList = OffQueueListAnswer;
export type OffQueueRequest = OffQueueRequestAnswer;
export type OffQueueAction = keyof OffQueueRequestAnswer["actions"];

/** Leave plans (GET /workspaces/{ws}/leave-plans), their cases and what the viewer may do. */
export type LeavePlanList = LeavePlanListAnswer;
export type LeavePlan = LeavePlanListAnswer["items"][number];
export type LeaveItem = LeavePlan["items"][number];
export type LeaveCheck = LeavePlan["checks"][number]["check"];

export interface PlanLeaveBody {
  leaveFrom: string;
  leaveUntil: string;
  backupUserId?: string;
  note?: string;
}

export interface EditLeaveItemBody {
  version: number;
  handedOff?: string;
  validated?: string;
  followUps?: string;
  customerTold?: boolean;
  proposedHolderId?: string | null;
  answers?: Record<string, string>;
}

/** Scheduled customer calls (S4.3): a case's, and "my calls" on one of my days. */
export type CaseCall = CallItemAnswer;
export type CaseCallList = CaseCallListAnswer;
export type MyCallList = MyCallListAnswer;
export type CallAction = keyof CallItemAnswer["actions"];

export interface ScheduleCallBody {
  startsAt: string;
  durationMinutes: number;
  attendee: string;
  link?: string | null;
  agenda?: string;
}
/** Sessions asked of support (S4.12): on a case, on the desk, and what the viewer may do. */
export type TrainingRequest = TrainingRequestAnswer;
export type TrainingAction = keyof TrainingRequestAnswer["actions"];
export type CaseTrainingList = CaseTrainingListAnswer;
export type TrainingDeskList = TrainingDeskListAnswer;
export type { DecideTrainingBody, RecordTrainingBody };
/** Requests for new cases from existing ones (S4.9) and what the viewer may do with each. */
export type ChildCaseList = ChildCaseListAnswer;
export type ChildCaseRequest = ChildCaseRequestAnswer;
export type ChildCaseAction = keyof ChildCaseRequestAnswer["actions"];
export type { ChildCaseOutcome };

export interface NewChildCaseBody {
  reason: ChildCaseRequest["reason"];
  subject: string;
  description?: string;
  severity?: string;
  priority?: string;
  queue?: string;
}

/** Customer projects and their tasks (S2.1, S2.4), as the server answers and takes them. */
export type {
  CaseFromTask,
  Project,
  ProjectDetail,
  ProjectList,
  Task,
  TaskDetail,
  TaskNote,
} from "../../../src/http/routes/project-schemas.ts";
export type NewProjectBody = z.input<typeof createProjectInput>;
export type NewTaskBody = z.input<typeof createTaskInput>;
export type TaskNoteBody = z.input<typeof addTaskNoteInput>;
export type CaseFromTaskBody = z.input<typeof openCaseFromTaskInput>;
export type ScheduleFollowUpBody = z.input<typeof scheduleFollowUpInput>;
export type UpdateTaskBody = z.input<typeof updateTaskInput>;
export type Customer = z.infer<typeof customer>;

/** Development's stage on a case (S2.5) and the workspace's tracker webhook (admins). */
export interface SetDevelopmentStageBody {
  version: number;
  stage: string;
  note?: string;
}
export interface TrackerHook {
  configured: boolean;
  path: string;
  createdAt: string | null;
  stages: { code: string; name: string }[];
}
export interface TrackerSecret {
  secret: string;
  path: string;
  createdAt: string;
}

export type { CannedReply, CannedReplyList, FilledCannedReplies };

export type NewCannedReplyBody = z.input<typeof createCannedReplyInput>;
export type CannedReplyChangeBody = z.input<typeof updateCannedReplyInput>;

export type { CaseCount, CaseCounts, SavedView, SavedViewList };

export type NewViewBody = z.input<typeof createViewInput>;
export type ViewChangeBody = z.input<typeof updateViewInput>;
export type CountCasesBody = z.input<typeof countCasesInput>;
