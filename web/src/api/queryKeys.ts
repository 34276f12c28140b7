// TanStack Query keys in one place, as a hierarchy, so invalidation can be as broad or narrow as
// an event needs: everything about case 42 is under ["case", 42]; every list under ["cases"].

export const queryKeys = {
  cannedRepliesFor: (number: number) => ["case", number, "canned-replies"] as const,
  cannedReplies: (slug: string) => ["workspace", slug, "canned-replies"] as const,
  session: ["session"] as const,
  workspace: (slug: string) => ["workspace", slug] as const,
  policy: (slug: string) => ["workspace", slug, "policy"] as const,
  /** The policy editor's copy (with its version), history and diffs: refreshed with the policy. */
  policyEditor: (slug: string) => ["workspace", slug, "policy", "editor"] as const,
  policyVersions: (slug: string) => ["workspace", slug, "policy", "versions"] as const,
  policyDiff: (slug: string, from: number) => ["workspace", slug, "policy", "diff", from] as const,
  workspaceAudit: (slug: string, cases: boolean) =>
    ["workspace", slug, "audit", cases ? "with-cases" : "workspace"] as const,
  agents: (slug: string) => ["workspace", slug, "agents"] as const,
  /** Every case list and count. */
  caseLists: ["cases"] as const,
  caseList: (query: string) => ["cases", "list", query] as const,
  /** Counts of lists (side navigation): refreshed by live case events, throttled. */
  caseCountsAll: ["case-counts"] as const,
  caseCounts: (slug: string, items: string) => ["case-counts", slug, items] as const,
  /** My saved views and those shared with me. */
  views: (slug: string) => ["workspace", slug, "views"] as const,
  /** Everything about one case: detail, timeline, audit. */
  case: (number: number) => ["case", number] as const,
  caseDetail: (number: number) => ["case", number, "detail"] as const,
  timeline: (number: number) => ["case", number, "timeline"] as const,
  audit: (number: number) => ["case", number, "audit"] as const,
  /** A case's files, under the case so its live events (an upload, a note) refresh them. */
  caseFiles: (number: number) => ["case", number, "files"] as const,
  /** A case's transfers (open and past) and what the transfer panel offers; under the case, so
   * live events about the case refresh them. */
  caseTransfers: (number: number) => ["case", number, "transfers"] as const,
  transferOptions: (number: number) => ["case", number, "transfer-options"] as const,
  transferPreview: (number: number, body: string) =>
    ["case", number, "transfer-preview", body] as const,
  /** Follow the sun for one case, under the case so its live events refresh it. */
  nextHolder: (number: number, tz: string) => ["case", number, "next-holder", tz] as const,
  /** Transfer lists across cases (the inboxes); invalidated by live `transfer.*` events. */
  transfers: ["transfers"] as const,
  /** The delivery log of a workspace (query in the key). */
  deliveries: (query: string) => ["deliveries", query] as const,
  /** The local mailbox (admins). */
  mailbox: (slug: string) => ["mailbox", slug] as const,
  mailboxMessage: (id: number) => ["mailbox", "message", id] as const,
  /** The mailbox page by page (Load more). */
  mailboxPages: (slug: string) => ["mailbox", slug, "pages"] as const,
  /** Inbound mail (admins), page by page per state filter, and one message. */
  inboundPages: (slug: string, state: string) => ["inbound", slug, state] as const,
  inboundMessage: (id: number) => ["inbound", "message", id] as const,
  /** One delivery with its text. */
  delivery: (id: number) => ["deliveries", "one", id] as const,
  /** A workspace's webhook and chat subscriptions (admins), and what they may ask for. */
  webhooks: (slug: string) => ["workspace", slug, "webhooks"] as const,
  webhookEvents: ["webhook-events"] as const,
  /** Message templates (admins): the list, one wording, and a preview of unsaved wording. */
  templates: (slug: string) => ["workspace", slug, "templates"] as const,
  template: (slug: string, topic: string, language: string) =>
    ["workspace", slug, "templates", topic, language] as const,
  templatePreview: (slug: string, topic: string, body: string) =>
    ["template-preview", slug, topic, body] as const,
  /** A case's messages, under the case so its live events refresh them. */
  caseDeliveries: (number: number) => ["case", number, "deliveries"] as const,
  waitingTransfers: ["transfers", "waiting", "me"] as const,
  /** My in-app notifications (the bell and the page); live `notification` events refresh them. */
  notifications: ["notifications"] as const,
  notificationList: (query: string) => ["notifications", query] as const,
  /** Follow the sun across a workspace's cases; case lists' events refresh the board. */
  followTheSun: (slug: string) => ["cases", "follow-the-sun", slug] as const,
  regionsOnDuty: (slug: string, at: string) =>
    ["cases", "follow-the-sun", slug, "on-duty", at] as const,
  handoffBoard: (slug: string, region: string, at: string) =>
    ["cases", "follow-the-sun", slug, "board", region, at] as const,
  /** A case's scheduled calls; under the case, so its live events refresh them. */
  caseCalls: (number: number) => ["case", number, "calls"] as const,
  /** My calls on one of my days; under the case lists, so any case event refreshes them. */
  myCalls: (slug: string, day: string) => ["cases", "calls", slug, day] as const,
  /** The shift lead's desk: off-queue requests (mine, or everyone's for an approver). */
  offQueue: (slug: string) => ["desk", slug, "off-queue"] as const,
  /** Leave plans: under the desk, so a request or a decision refreshes them live. */
  leave: (slug: string) => ["desk", slug, "leave"] as const,
  /** The desk's session requests (S4.12); desk notices refresh them. */
  trainingDesk: (slug: string) => ["desk", slug, "training"] as const,
  /** A case's session requests, under the case so its live events (training.*) refresh them. */
  caseTraining: (number: number) => ["case", number, "training"] as const,
  /** The desk: requests for new cases from existing ones (S4.9). */
  childCases: (slug: string) => ["desk", slug, "child-cases"] as const,
  /** Queue settings with their waiting counts; under ["cases"] so case events refresh the counts. */
  queueSettings: (slug: string) => ["cases", "queue-settings", slug] as const,
  /** The hand-off sheet, under the case lists: every live case event (a sheet change is one,
   * and so is a change to a listed case's owner or subject) refreshes it. */
  sheet: (slug: string, query: string) => ["cases", "sheet", slug, query] as const,
  /** The project volume report: read on demand, not refreshed by live events. */
  projectVolume: (slug: string, query: string) =>
    ["reports", slug, "project-volume", query] as const,
  /** The handoff analytics: read on demand (the figures change with each 10-minute refresh). */
  handoffAnalytics: (slug: string, query: string) =>
    ["reports", slug, "handoff-analytics", query] as const,
  /** Projects and tasks: refreshed by their own mutations; a case event refreshes those showing that case (casesShown). */
  projects: (slug: string) => ["projects", slug] as const,
  project: (slug: string, code: string) => ["projects", slug, code] as const,
  task: (number: number) => ["projects", "task", number] as const,
  customers: (slug: string) => ["customers", slug] as const,
  myTokens: ["tokens", "mine"] as const,
  myMailPreferences: ["mail-preferences", "mine"] as const,
  unsubscribeLink: (token: string) => ["unsubscribe-link", token] as const,
  people: (slug: string) => ["workspace", slug, "people"] as const,
  invitation: (token: string) => ["invitation", token] as const,
  workspaceTokens: (slug: string) => ["tokens", "workspace", slug] as const,
  handoverMeetings: (slug: string, query: string) =>
    ["cases", "follow-the-sun", slug, "meetings", query] as const,
};
