// Typed calls, one per endpoint the page uses.
import { api, upload } from "./client.ts";
import type {
  AddNoteBody,
  AddSheetEntryBody,
  Agent,
  ApproveTransferBody,
  AttachmentItem,
  AuditItem,
  AuthProviders,
  BulkTransferBody,
  BulkTransferResult,
  BulkUpdateBody,
  BulkUpdateResult,
  CallAction,
  CannedReply,
  CannedReplyChangeBody,
  CannedReplyList,
  CaseAttachmentList,
  CaseCall,
  CaseCallList,
  CaseCounts,
  CaseDetail,
  CaseFromTask,
  CaseFromTaskBody,
  CaseListItem,
  CaseTrainingList,
  ChangePasswordBody,
  ChildCaseAction,
  ChildCaseList,
  ChildCaseOutcome,
  ChildCaseRequest,
  CountCasesBody,
  CreateCaseBody,
  CreatedToken,
  CreateTokenBody,
  CreateWebhookBody,
  Customer,
  Deactivated,
  DecideTrainingBody,
  DecideTransferBody,
  Delivery,
  DeliveryDetail,
  EditLeaveItemBody,
  EffectiveTemplate,
  FilledCannedReplies,
  HandoffAnalyticsAnswer,
  HandoffBoard,
  InboundMessage,
  InboundMessageDetail,
  InvitationAccepted,
  InvitationOffer,
  InvitationSent,
  InvitationView,
  LeaveCheck,
  LeavePlan,
  LeavePlanList,
  MailboxDetail,
  MailboxMessage,
  MailPreferenceList,
  MailPreferences,
  ManualTransferStep,
  MeetingsQuery,
  MeetingWithAgenda,
  MyCallList,
  NewCannedReplyBody,
  NewChildCaseBody,
  NewProjectBody,
  NewTaskBody,
  NewViewBody,
  NextHolder,
  NotificationPage,
  OffQueueAction,
  OffQueueList,
  OffQueueRequest,
  Page,
  PeopleList,
  PersonView,
  PlanLeaveBody,
  PolicyDiffAnswer,
  PolicyPreview,
  PolicyPublished,
  PolicyResponse,
  PolicyVersionDetail,
  PolicyVersionList,
  Project,
  ProjectDetail,
  ProjectList,
  ProjectVolumeAnswer,
  QueueChangeBody,
  QueueChanged,
  QueueList,
  RecordTrainingBody,
  RegionsOnDuty,
  Removed,
  RenderedTemplate,
  ReplacePolicyBody,
  RequestTransferBody,
  SavedTemplate,
  SavedView,
  SavedViewList,
  ScheduleCallBody,
  ScheduleFollowUpBody,
  SessionUser,
  SetDevelopmentStageBody,
  SheetEntry,
  SheetList,
  SheetMove,
  Task,
  TaskDetail,
  TaskNote,
  TaskNoteBody,
  TemplateBody,
  TemplateTopics,
  TimelineItem,
  TokenList,
  TrackerHook,
  TrackerSecret,
  TrainingAction,
  TrainingDeskList,
  TrainingRequest,
  TransferOptions,
  TransferPreview,
  TransferStepBody,
  TransferView,
  UnsubscribeLinkAnswer,
  UpdateCaseBody,
  UpdateTaskBody,
  ViewChangeBody,
  WebhookSubscription,
} from "./types.ts";

const ws = (slug: string) => `/workspaces/${encodeURIComponent(slug)}`;

export const endpoints = {
  setDevelopmentStage: (number: number, body: SetDevelopmentStageBody) =>
    api.post<{ stage: string; version: number }>(`/cases/${number}/development`, body),
  trackerHook: (slug: string) => api.get<TrackerHook>(`${ws(slug)}/tracker-hook`),
  rotateTrackerSecret: (slug: string) =>
    api.post<TrackerSecret>(`${ws(slug)}/tracker-hook/secret`, {}),
  projects: (slug: string) => api.get<ProjectList>(`${ws(slug)}/projects`),
  project: (slug: string, code: string) =>
    api.get<ProjectDetail>(`${ws(slug)}/projects/${encodeURIComponent(code)}`),
  newProject: (slug: string, body: NewProjectBody) =>
    api.post<Project>(`${ws(slug)}/projects`, body),
  newTask: (slug: string, code: string, body: NewTaskBody) =>
    api.post<Task>(`${ws(slug)}/projects/${encodeURIComponent(code)}/tasks`, body),
  task: (number: number) => api.get<TaskDetail>(`/tasks/${number}`),
  updateTask: (number: number, body: UpdateTaskBody) => api.patch<Task>(`/tasks/${number}`, body),
  addTaskNote: (number: number, body: TaskNoteBody) =>
    api.post<TaskNote>(`/tasks/${number}/notes`, body),
  caseFromTask: (number: number, body: CaseFromTaskBody) =>
    api.post<CaseFromTask>(`/tasks/${number}/case`, body),
  scheduleFollowUp: (number: number, body: ScheduleFollowUpBody) =>
    api.post<Task>(`/tasks/${number}/schedule`, body),
  customers: (slug: string) => api.get<{ items: Customer[] }>(`${ws(slug)}/customers`),
  /** The hand-off sheet; `query` holds its filters (state, mine, queue). */
  sheet: (slug: string, query: URLSearchParams, signal?: AbortSignal) =>
    api.get<SheetList>(`${ws(slug)}/sheet?${query.toString()}`, signal ? { signal } : {}),
  sheetCsvHref: (slug: string, query: URLSearchParams) =>
    `/api/v1${ws(slug)}/sheet.csv?${query.toString()}`,
  /** The project volume report; `query` holds its filters (from, to, project, product, queue). */
  projectVolume: (slug: string, query: URLSearchParams, signal?: AbortSignal) =>
    api.get<ProjectVolumeAnswer>(
      `${ws(slug)}/reports/project-volume?${query.toString()}`,
      signal ? { signal } : {},
    ),
  /** One table of the report as CSV, with the same filters. */
  projectVolumeCsvHref: (slug: string, query: URLSearchParams, table: string) => {
    const q = new URLSearchParams(query);
    q.set("table", table);
    return `/api/v1${ws(slug)}/reports/project-volume.csv?${q.toString()}`;
  },
  /** The handoff analytics; `query` holds its filters (from, to, queue, region, kind). */
  handoffAnalytics: (slug: string, query: URLSearchParams, signal?: AbortSignal) =>
    api.get<HandoffAnalyticsAnswer>(
      `${ws(slug)}/analytics/handoffs?${query.toString()}`,
      signal ? { signal } : {},
    ),
  /** One table of the handoff analytics as CSV, with the same filters. */
  handoffAnalyticsCsvHref: (slug: string, query: URLSearchParams, table: string) => {
    const q = new URLSearchParams(query);
    q.set("table", table);
    return `/api/v1${ws(slug)}/analytics/handoffs.csv?${q.toString()}`;
  },
  addSheetEntry: (slug: string, body: AddSheetEntryBody) =>
    api.post<SheetEntry>(`${ws(slug)}/sheet`, body),
  moveSheetEntry: (slug: string, id: string, move: Exclude<SheetMove, "edit">, version: number) =>
    api.post<SheetEntry>(`${ws(slug)}/sheet/${encodeURIComponent(id)}/${move}`, { version }),
  deliveries: (query: URLSearchParams, signal?: AbortSignal) =>
    api.get<{ items: Delivery[] }>(`/deliveries?${query.toString()}`, signal ? { signal } : {}),
  retryDelivery: (id: number) => api.post<DeliveryDetail>(`/deliveries/${id}/retry`),
  mailbox: (workspace: string, signal?: AbortSignal) =>
    api.get<{ items: MailboxMessage[] }>(
      `/mailbox?workspace=${encodeURIComponent(workspace)}&limit=100`,
      signal ? { signal } : {},
    ),
  mailboxMessage: (id: number, signal?: AbortSignal) =>
    api.get<MailboxDetail>(`/mailbox/${id}`, signal ? { signal } : {}),
  /** One page of the mailbox: `workspace`, `limit`, and `before` (the last id seen). */
  mailboxPage: (query: URLSearchParams, signal?: AbortSignal) =>
    api.get<{ items: MailboxMessage[] }>(`/mailbox?${query.toString()}`, signal ? { signal } : {}),
  delivery: (id: number, signal?: AbortSignal) =>
    api.get<DeliveryDetail>(`/deliveries/${id}`, signal ? { signal } : {}),
  webhooks: (slug: string, signal?: AbortSignal) =>
    api.get<{ items: WebhookSubscription[] }>(`${ws(slug)}/webhooks`, signal ? { signal } : {}),
  webhookEvents: () => api.get<{ events: string[]; formats: string[] }>("/webhook-events"),
  createWebhook: (slug: string, body: CreateWebhookBody) =>
    api.post<WebhookSubscription>(`${ws(slug)}/webhooks`, body),
  deleteWebhook: (id: string) => api.delete<void>(`/webhooks/${id}`),
  templates: (slug: string, signal?: AbortSignal) =>
    api.get<TemplateTopics>(`${ws(slug)}/templates`, signal ? { signal } : {}),
  template: (slug: string, topic: string, language: string, signal?: AbortSignal) =>
    api.get<EffectiveTemplate>(
      `${ws(slug)}/templates/${encodeURIComponent(topic)}/${encodeURIComponent(language)}`,
      signal ? { signal } : {},
    ),
  saveTemplate: (slug: string, topic: string, language: string, body: TemplateBody) =>
    api.put<SavedTemplate>(
      `${ws(slug)}/templates/${encodeURIComponent(topic)}/${encodeURIComponent(language)}`,
      body,
    ),
  revertTemplate: (slug: string, topic: string, language: string, version: number) =>
    api.delete<void>(
      `${ws(slug)}/templates/${encodeURIComponent(topic)}/${encodeURIComponent(language)}?version=${version}`,
    ),
  previewTemplate: (
    slug: string,
    topic: string,
    body: { language: string; subject: string; text: string },
    signal?: AbortSignal,
  ) =>
    api.post<RenderedTemplate>(
      `${ws(slug)}/templates/${encodeURIComponent(topic)}/preview`,
      body,
      signal ? { signal } : {},
    ),
  pingWebhook: (id: string) =>
    api.post<{ queued: boolean; deliveryId: number }>(`/webhooks/${id}/ping`),
  notifications: (
    query: { unread?: boolean; before?: number; limit?: number },
    signal?: AbortSignal,
  ) =>
    api.get<NotificationPage>("/notifications", {
      query: {
        unread: query.unread ? "true" : undefined,
        before: query.before,
        limit: query.limit,
      },
      ...(signal ? { signal } : {}),
    }),
  readNotification: (id: number) =>
    api.post<{ id: number; readAt: string | null }>(`/notifications/${id}/read`),
  readAllNotifications: () => api.post<{ read: number }>("/notifications/read-all"),
  signIn: (email: string, password: string) =>
    api.post<SessionUser>("/auth/login", { email, password }, { skipUnauthorizedHandler: true }),
  session: (signal?: AbortSignal) =>
    api.get<SessionUser>("/auth/session", {
      skipUnauthorizedHandler: true,
      ...(signal ? { signal } : {}),
    }),
  signOut: () => api.post<void>("/auth/logout", undefined, { skipUnauthorizedHandler: true }),
  providers: () => api.get<AuthProviders>("/auth/providers", { skipUnauthorizedHandler: true }),
  changePassword: (body: ChangePasswordBody) =>
    api.post<{ revokedSessions: number; revokedTokens: number }>("/auth/password", body),
  myTokens: () => api.get<TokenList>("/auth/tokens"),
  createToken: (body: CreateTokenBody) => api.post<CreatedToken>("/auth/tokens", body),
  myMailPreferences: () => api.get<MailPreferenceList>("/me/mail-preferences"),
  setMyMailPreferences: (slug: string, body: { version: number; offTopics: string[] }) =>
    api.put<MailPreferences>(`/me/mail-preferences/${encodeURIComponent(slug)}`, body),
  unsubscribeLink: (token: string) =>
    api.get<UnsubscribeLinkAnswer>(`/mail/unsubscribe/${encodeURIComponent(token)}`, {
      skipUnauthorizedHandler: true,
    }),
  unsubscribe: (token: string) =>
    api.post<UnsubscribeLinkAnswer>(`/mail/unsubscribe/${encodeURIComponent(token)}`, undefined, {
      skipUnauthorizedHandler: true,
    }),
  revokeMyToken: (id: string) => api.delete<void>(`/auth/tokens/${encodeURIComponent(id)}`),
  workspaceTokens: (slug: string) => api.get<TokenList>(`${ws(slug)}/tokens`),
  people: (slug: string) => api.get<PeopleList>(`${ws(slug)}/people`),
  invite: (slug: string, body: { email: string; role: string; name?: string }) =>
    api.post<InvitationSent>(`${ws(slug)}/invitations`, body),
  resendInvitation: (slug: string, id: string, version: number) =>
    api.post<InvitationSent>(`${ws(slug)}/invitations/${id}/resend`, { version }),
  revokeInvitation: (slug: string, id: string, version: number) =>
    api.post<InvitationView>(`${ws(slug)}/invitations/${id}/revoke`, { version }),
  changeRole: (slug: string, userId: string, role: string, version: number) =>
    api.put<PersonView>(`${ws(slug)}/people/${userId}/role`, { role, version }),
  deactivatePerson: (slug: string, userId: string, version: number) =>
    api.post<Deactivated>(`${ws(slug)}/people/${userId}/deactivate`, { version }),
  reactivatePerson: (slug: string, userId: string, version: number) =>
    api.post<PersonView>(`${ws(slug)}/people/${userId}/reactivate`, { version }),
  removePerson: (slug: string, userId: string, version: number) =>
    api.post<Removed>(`${ws(slug)}/people/${userId}/remove`, { version }),
  invitation: (token: string) =>
    api.get<InvitationOffer>(`/invitations/${encodeURIComponent(token)}`, {
      skipUnauthorizedHandler: true,
    }),
  acceptInvitation: (token: string, body: { name?: string; password?: string }) =>
    api.post<InvitationAccepted>(`/invitations/${encodeURIComponent(token)}/accept`, body, {
      skipUnauthorizedHandler: true,
    }),
  revokeWorkspaceToken: (slug: string, id: string) =>
    api.delete<void>(`${ws(slug)}/tokens/${encodeURIComponent(id)}`),

  policy: (slug: string) => api.get<PolicyResponse>(`${ws(slug)}/policy`),
  replacePolicy: (slug: string, body: ReplacePolicyBody) =>
    api.put<PolicyPublished>(`${ws(slug)}/policy`, body),
  previewPolicy: (slug: string, policy: unknown) =>
    api.post<PolicyPreview>(`${ws(slug)}/policy/preview`, { policy }),
  rollbackPolicy: (slug: string, body: { version: number; to: number; summary?: string }) =>
    api.post<PolicyPublished>(`${ws(slug)}/policy/rollback`, body),
  policyVersions: (slug: string, signal?: AbortSignal) =>
    api.get<PolicyVersionList>(`${ws(slug)}/policy/versions`, {
      query: { limit: 200 },
      ...(signal ? { signal } : {}),
    }),
  policyVersion: (slug: string, version: number, signal?: AbortSignal) =>
    api.get<PolicyVersionDetail>(
      `${ws(slug)}/policy/versions/${version}`,
      signal ? { signal } : {},
    ),
  policyDiff: (slug: string, from: number, to?: number, signal?: AbortSignal) =>
    api.get<PolicyDiffAnswer>(`${ws(slug)}/policy/diff`, {
      query: { from, to },
      ...(signal ? { signal } : {}),
    }),
  workspaceAudit: (
    slug: string,
    query: { before?: number; cases?: "include" | "exclude" },
    signal?: AbortSignal,
  ) =>
    api.get<Page<AuditItem>>(`${ws(slug)}/audit`, {
      query: { limit: 100, ...query },
      ...(signal ? { signal } : {}),
    }),
  agents: (slug: string) => api.get<{ items: Agent[] }>(`${ws(slug)}/agents`),
  queues: (slug: string, signal?: AbortSignal) =>
    api.get<QueueList>(`${ws(slug)}/queues`, signal ? { signal } : {}),
  leavePlans: (slug: string, signal?: AbortSignal) =>
    api.get<LeavePlanList>(`${ws(slug)}/leave-plans`, signal ? { signal } : {}),
  planLeave: (slug: string, body: PlanLeaveBody) =>
    api.post<LeavePlan>(`${ws(slug)}/leave-plans`, body),
  editLeaveItem: (slug: string, plan: string, item: string, body: EditLeaveItemBody) =>
    api.patch<LeavePlan>(`${ws(slug)}/leave-plans/${plan}/items/${item}`, body),
  recordLeaveCheck: (
    slug: string,
    plan: string,
    body: { version: number; check: LeaveCheck; done: boolean; divertTo?: string },
  ) => api.post<LeavePlan>(`${ws(slug)}/leave-plans/${plan}/checks`, body),
  moveLeavePlan: (slug: string, plan: string, move: "submit" | "cancel", version: number) =>
    api.post<LeavePlan>(`${ws(slug)}/leave-plans/${plan}/${move}`, { version }),
  decideLeaveItem: (
    slug: string,
    plan: string,
    item: string,
    decision: "approve" | "keep",
    body: { version: number; holderId?: string; note?: string },
  ) => api.post<LeavePlan>(`${ws(slug)}/leave-plans/${plan}/items/${item}/${decision}`, body),
  offQueueRequests: (slug: string, signal?: AbortSignal) =>
    api.get<OffQueueList>(`${ws(slug)}/off-queue-requests`, signal ? { signal } : {}),
  requestOffQueue: (slug: string, body: { hours: number; reason: string }) =>
    api.post<OffQueueRequest>(`${ws(slug)}/off-queue-requests`, body),
  moveOffQueue: (
    slug: string,
    id: string,
    action: OffQueueAction,
    body: { version: number; note?: string },
  ) => api.post<OffQueueRequest>(`${ws(slug)}/off-queue-requests/${id}/${action}`, body),
  myCalls: (slug: string, day = "today", signal?: AbortSignal) =>
    api.get<MyCallList>(`${ws(slug)}/calls`, {
      query: new URLSearchParams({ day }),
      ...(signal ? { signal } : {}),
    }),
  caseCalls: (number: number, signal?: AbortSignal) =>
    api.get<CaseCallList>(`/cases/${number}/scheduled-calls`, signal ? { signal } : {}),
  scheduleCall: (number: number, body: ScheduleCallBody) =>
    api.post<CaseCall>(`/cases/${number}/scheduled-calls`, body),
  moveCall: (
    slug: string,
    id: string,
    action: CallAction,
    body: { version: number } & Partial<ScheduleCallBody>,
  ) => api.post<CaseCall>(`${ws(slug)}/calls/${id}/${action === "hold" ? "held" : action}`, body),
  trainingDesk: (slug: string, signal?: AbortSignal) =>
    api.get<TrainingDeskList>(`${ws(slug)}/training-requests`, signal ? { signal } : {}),
  caseTraining: (number: number, signal?: AbortSignal) =>
    api.get<CaseTrainingList>(`/cases/${number}/training-requests`, signal ? { signal } : {}),
  recordTraining: (number: number, body: RecordTrainingBody) =>
    api.post<TrainingRequest>(`/cases/${number}/training-requests`, body),
  moveTraining: (slug: string, id: string, action: TrainingAction, body: DecideTrainingBody) =>
    api.post<TrainingRequest>(`${ws(slug)}/training-requests/${id}/${action}`, body),
  childCaseRequests: (slug: string, signal?: AbortSignal) =>
    api.get<ChildCaseList>(`${ws(slug)}/child-case-requests`, signal ? { signal } : {}),
  newChildCase: (number: number, body: NewChildCaseBody) =>
    api.post<ChildCaseOutcome>(`/cases/${number}/children`, body),
  moveChildCase: (
    slug: string,
    id: string,
    action: ChildCaseAction,
    body: { version: number; note?: string },
  ) => api.post<ChildCaseRequest>(`${ws(slug)}/child-case-requests/${id}/${action}`, body),
  setQueueDistribution: (slug: string, queue: string, body: QueueChangeBody) =>
    api.patch<QueueChanged>(`${ws(slug)}/queues/${encodeURIComponent(queue)}`, body),

  listCases: (query: URLSearchParams, signal?: AbortSignal) =>
    api.get<Page<CaseListItem>>("/cases", { query, ...(signal ? { signal } : {}) }),
  getCase: (number: number, signal?: AbortSignal) =>
    api.get<CaseDetail>(`/cases/${number}`, signal ? { signal } : {}),
  pullNextCase: (workspace: string) =>
    api.post<CaseDetail>(`/workspaces/${encodeURIComponent(workspace)}/next-case`, {}),
  updateCase: (number: number, body: UpdateCaseBody) =>
    api.patch<CaseDetail>(`/cases/${number}`, body),
  bulkUpdateCases: (body: BulkUpdateBody) => api.post<BulkUpdateResult>("/cases/bulk", body),
  createCase: (body: CreateCaseBody, idempotencyKey: string) =>
    api.post<CaseDetail>("/cases", body, { headers: { "idempotency-key": idempotencyKey } }),
  timeline: (number: number, after?: string | null, signal?: AbortSignal) =>
    api.get<Page<TimelineItem>>(`/cases/${number}/timeline`, {
      query: { after: after ?? undefined, limit: 200 },
      ...(signal ? { signal } : {}),
    }),
  addNote: (number: number, body: AddNoteBody) =>
    api.post<{ id: number }>(`/cases/${number}/notes`, body),
  cannedRepliesFor: (number: number) =>
    api.get<FilledCannedReplies>(`/cases/${number}/canned-replies`),
  views: (slug: string) => api.get<SavedViewList>(`${ws(slug)}/views`),
  createView: (slug: string, body: NewViewBody) => api.post<SavedView>(`${ws(slug)}/views`, body),
  updateView: (id: string, body: ViewChangeBody) =>
    api.patch<SavedView>(`/views/${encodeURIComponent(id)}`, body),
  deleteView: (id: string, version: number) =>
    api.delete<void>(`/views/${encodeURIComponent(id)}?version=${version}`),
  countCases: (slug: string, body: CountCasesBody, signal?: AbortSignal) =>
    api.post<CaseCounts>(`${ws(slug)}/case-counts`, body, { signal }),
  cannedReplies: (slug: string) => api.get<CannedReplyList>(`${ws(slug)}/canned-replies`),
  createCannedReply: (slug: string, body: NewCannedReplyBody) =>
    api.post<CannedReply>(`${ws(slug)}/canned-replies`, body),
  updateCannedReply: (id: string, body: CannedReplyChangeBody) =>
    api.patch<CannedReply>(`/canned-replies/${encodeURIComponent(id)}`, body),
  deleteCannedReply: (id: string, version: number) =>
    api.delete<void>(`/canned-replies/${encodeURIComponent(id)}?version=${version}`),
  caseAttachments: (number: number, signal?: AbortSignal) =>
    api.get<CaseAttachmentList>(`/cases/${number}/attachments`, signal ? { signal } : {}),
  uploadAttachment: (
    number: number,
    file: File,
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
  ) => upload<AttachmentItem>(`/cases/${number}/attachments`, "file", file, onProgress, signal),

  transferOptions: (number: number, signal?: AbortSignal) =>
    api.get<TransferOptions>(`/cases/${number}/transfer-options`, signal ? { signal } : {}),
  previewTransfer: (number: number, body: RequestTransferBody, signal?: AbortSignal) =>
    api.post<TransferPreview>(`/cases/${number}/transfers`, body, {
      query: { preview: "true" },
      ...(signal ? { signal } : {}),
    }),
  requestTransfer: (number: number, body: RequestTransferBody) =>
    api.post<TransferView>(`/cases/${number}/transfers`, body),
  /** S3.4: one transfer for several cases; each succeeds or fails on its own. */
  bulkTransfer: (body: BulkTransferBody) => api.post<BulkTransferResult>("/transfers/bulk", body),
  /** Transfers of one case, newest first. */
  caseTransfers: (number: number, signal?: AbortSignal) =>
    api.get<{ items: TransferView[] }>("/transfers", {
      query: { case: number, limit: 50 },
      ...(signal ? { signal } : {}),
    }),
  /** Approvals, acceptances and steps waiting on me, in all my workspaces. */
  waitingTransfers: (signal?: AbortSignal) =>
    api.get<{ items: TransferView[] }>("/transfers", {
      query: { waiting: "me", state: "open", limit: 200 },
      ...(signal ? { signal } : {}),
    }),
  getTransfer: (id: string, signal?: AbortSignal) =>
    api.get<TransferView>(`/transfers/${encodeURIComponent(id)}`, signal ? { signal } : {}),
  approveTransfer: (id: string, body: ApproveTransferBody) =>
    api.post<TransferView>(`/transfers/${encodeURIComponent(id)}/approve`, body),
  decideTransfer: (
    id: string,
    decision: "reject" | "accept" | "decline" | "withdraw",
    body: DecideTransferBody,
  ) => api.post<TransferView>(`/transfers/${encodeURIComponent(id)}/${decision}`, body),
  recordTransferStep: (id: string, step: ManualTransferStep, body: TransferStepBody) =>
    api.post<TransferView>(`/transfers/${encodeURIComponent(id)}/steps/${step}`, body),

  // Follow the sun: instants go as ISO strings in UTC; `at` defaults to now on the server.
  regionsOnDuty: (workspace: string, at?: string, signal?: AbortSignal) =>
    api.get<RegionsOnDuty>("/regions/on-duty", {
      query: { workspace, at },
      ...(signal ? { signal } : {}),
    }),
  /** Who should hold the case next; `tz` is the viewer's zone for the local renderings. */
  nextHolder: (number: number, tz: string, signal?: AbortSignal) =>
    api.get<NextHolder>(`/cases/${number}/next-holder`, {
      query: { tz },
      ...(signal ? { signal } : {}),
    }),
  handoffBoard: (workspace: string, region: string, at?: string, signal?: AbortSignal) =>
    api.get<HandoffBoard>("/handoff-board", {
      query: { workspace, region, at },
      ...(signal ? { signal } : {}),
    }),
  handoverMeetings: (q: MeetingsQuery, signal?: AbortSignal) =>
    api.get<{ workspace: string; items: MeetingWithAgenda[] }>("/handover-meetings", {
      query: {
        workspace: q.workspace,
        from: q.from,
        to: q.to,
        region: q.region,
        attendee: q.attendee,
      },
      ...(signal ? { signal } : {}),
    }),
  /** A new calendar key; the previous one stops working. */
  createCalendarKey: () => api.post<{ key: string }>("/calendar/key"),
  /** One page of inbound mail: `workspace`, `state`, `limit`, `before` (the last id seen). */
  inboundPage: (query: URLSearchParams, signal?: AbortSignal) =>
    api.get<{ items: InboundMessage[] }>(
      `/inbound/messages?${query.toString()}`,
      signal ? { signal } : {},
    ),
  inboundMessage: (id: number, signal?: AbortSignal) =>
    api.get<InboundMessageDetail>(`/inbound/messages/${id}`, signal ? { signal } : {}),
  attachInbound: (id: number, body: { caseNumber: number; version: number }) =>
    api.post<InboundMessageDetail>(`/inbound/messages/${id}/attach`, body),
  discardInbound: (id: number, body: { version: number }) =>
    api.post<InboundMessageDetail>(`/inbound/messages/${id}/discard`, body),
};
