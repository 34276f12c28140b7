import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Outlet } from "react-router";
import { AuthProvider } from "./auth/AuthProvider.tsx";
import { FollowTheSunGate } from "./components/FollowTheSunGate.tsx";
import { ShortcutProvider } from "./hooks/shortcuts.tsx";
import { RequireAuth } from "./layout/RequireAuth.tsx";

function Root() {
  const { t } = useTranslation();
  return (
    <AuthProvider>
      <ShortcutProvider>
        <Suspense
          fallback={
            <div className="splash" role="status">
              {t("router.loadingBaton")}
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </ShortcutProvider>
    </AuthProvider>
  );
}

/**
 * Routes. Feature screens add children under the signed-in layout:
 *   /sign-in                       sign in
 *   /                              → My cases of the last workspace
 *   /w/:workspace/mine             My cases          (filters in the search params)
 *   /w/:workspace/queues           queue settings: each queue's method (admins change it)
 *   /w/:workspace/queues/:queue    a queue
 *   /w/:workspace/all              every case of the workspace
 *   /w/:workspace/views/:id        a saved view: its list, rename, delete, save changed filters
 *   /w/:workspace/new              create a case
 *   /w/:workspace/board            the handoff board of my region (→ /board/:region)
 *   /w/:workspace/board/:region    a region's handoff board (?at= another instant)
 *   /w/:workspace/meetings         handover meetings (?region=, ?mine=1) and calendar feeds
 *   /w/:workspace/sheet           the hand-off sheet (?show=mine|done), live, CSV download
 *   /w/:workspace/messages         the delivery log (?state=, ?channel=), retry
 *   /w/:workspace/mailbox(/:id)    the local mailbox (admins) and one message
 *   /w/:workspace/templates        message wording per language, with preview (admins)
 *   /w/:workspace/replies          canned replies: the workspace's and one's own
 *   /w/:workspace/inbound(/:id)    inbound mail (admins): held, ignored, attached (?state=)
 *   /w/:workspace/integrations     webhook and chat subscriptions (admins)
 *   /w/:workspace/people           people: roles, invitations, deactivation, removal (admins)
 *   /w/:workspace/tokens           the API tokens of the workspace's people (admins)
 *   /invite/:token                 an invitation link: join with a new or an existing account
 *   /account                       my API tokens and my password
 *   /w/:workspace/policy           the policy editor: roles, queues, severities, JSON, history
 *                                  with diff and restore, export and import (admins)
 *   /w/:workspace/audit            the workspace's audit trail, newest first (admins)
 *   /w/:workspace/reports/project-volume  cases from project roadblocks: charts, tables, CSV
 *                                  (?from=&to=&project=&product=&queue=; report readers)
 *   /w/:workspace/reports/handoffs handoff analytics: transfers, steps, follow the sun, quality,
 *                                  ping-pong, SLA, capacity (?from=&to=&queue=&region=&kind=;
 *                                  everyone who reads cases, over the handoffs the API lets them see)
 *   /cases/:number                 a case
 *   /notifications                 my notifications (?unread=true), newest first
 *   /transfers/approvals           transfers waiting for my approval
 *   /transfers/incoming            transfers offered to me, and mine waiting on my step
 */
// Every page is its own module, fetched on its first visit (and kept): the sign-in page loads
// the app's frame and that page only, and the charting library comes with the reports that draw
// charts. While a page's module arrives, the nearest Suspense (in Root, or in the
// signed-in layout around the page) shows a short "Loading…".
const page = <P extends object>(load: () => Promise<(props: P) => ReactNode>) =>
  lazy(async () => ({ default: await load() }));

const SignInPage = page(async () => (await import("./pages/SignInPage.tsx")).SignInPage);
const InvitePage = page(async () => (await import("./pages/InvitePage.tsx")).InvitePage);
const UnsubscribePage = page(
  async () => (await import("./pages/UnsubscribePage.tsx")).UnsubscribePage,
);
const HomeRedirect = page(async () => (await import("./pages/HomeRedirect.tsx")).HomeRedirect);
const CaseListPage = page(async () => (await import("./pages/CaseListPage.tsx")).CaseListPage);
const SavedViewPage = page(async () => (await import("./pages/SavedViewPage.tsx")).SavedViewPage);
const QueuesPage = page(async () => (await import("./pages/QueuesPage.tsx")).QueuesPage);
const NewCasePage = page(async () => (await import("./pages/NewCasePage.tsx")).NewCasePage);
const HandoffBoardPage = page(
  async () => (await import("./pages/HandoffBoardPage.tsx")).HandoffBoardPage,
);
const MeetingsPage = page(async () => (await import("./pages/MeetingsPage.tsx")).MeetingsPage);
const SheetPage = page(async () => (await import("./pages/SheetPage.tsx")).SheetPage);
const DeskPage = page(async () => (await import("./pages/DeskPage.tsx")).DeskPage);
const LeavePage = page(async () => (await import("./pages/LeavePage.tsx")).LeavePage);
const CallsPage = page(async () => (await import("./pages/CallsPage.tsx")).CallsPage);
const MessagesPage = page(async () => (await import("./pages/MessagesPage.tsx")).MessagesPage);
const MailboxPage = page(async () => (await import("./pages/MailboxPage.tsx")).MailboxPage);
const TemplatesPage = page(async () => (await import("./pages/TemplatesPage.tsx")).TemplatesPage);
const InboundPage = page(async () => (await import("./pages/InboundPage.tsx")).InboundPage);
const IntegrationsPage = page(
  async () => (await import("./pages/IntegrationsPage.tsx")).IntegrationsPage,
);
const CannedRepliesPage = page(
  async () => (await import("./pages/CannedRepliesPage.tsx")).CannedRepliesPage,
);
const WorkspaceTokensPage = page(
  async () => (await import("./pages/WorkspaceTokensPage.tsx")).WorkspaceTokensPage,
);
const PeoplePage = page(async () => (await import("./pages/PeoplePage.tsx")).PeoplePage);
const AccountPage = page(async () => (await import("./pages/AccountPage.tsx")).AccountPage);
const PolicyPage = page(async () => (await import("./pages/PolicyPage.tsx")).PolicyPage);
const AuditPage = page(async () => (await import("./pages/AuditPage.tsx")).AuditPage);
const ProjectVolumePage = page(
  async () => (await import("./pages/ProjectVolumePage.tsx")).ProjectVolumePage,
);
const HandoffAnalyticsPage = page(
  async () => (await import("./pages/HandoffAnalyticsPage.tsx")).HandoffAnalyticsPage,
);
const ProjectsPage = page(async () => (await import("./pages/ProjectsPage.tsx")).ProjectsPage);
const ProjectPage = page(async () => (await import("./pages/ProjectPage.tsx")).ProjectPage);
const CasePage = page(async () => (await import("./pages/CasePage.tsx")).CasePage);
const TaskPage = page(async () => (await import("./pages/TaskPage.tsx")).TaskPage);
const NotificationsPage = page(
  async () => (await import("./pages/NotificationsPage.tsx")).NotificationsPage,
);
const TransferInboxPage = page(
  async () => (await import("./pages/TransferInboxPage.tsx")).TransferInboxPage,
);
const NotFoundPage = page(async () => (await import("./pages/NotFoundPage.tsx")).NotFoundPage);

// Only where the workspace follows the sun (the policy answer's features).
const board = (
  <FollowTheSunGate titleKey="handoffBoardPage.handoffBoard">
    <HandoffBoardPage />
  </FollowTheSunGate>
);

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: "/sign-in", element: <SignInPage /> },
      { path: "/invite/:token", element: <InvitePage /> },
      { path: "/unsubscribe/:token", element: <UnsubscribePage /> },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: "w/:workspace", element: <HomeRedirect /> },
          { path: "w/:workspace/mine", element: <CaseListPage view="mine" /> },
          { path: "w/:workspace/all", element: <CaseListPage view="all" /> },
          { path: "w/:workspace/views/:id", element: <SavedViewPage /> },
          { path: "w/:workspace/queues", element: <QueuesPage /> },
          { path: "w/:workspace/queues/:queue", element: <CaseListPage view="queue" /> },
          { path: "w/:workspace/new", element: <NewCasePage /> },
          { path: "w/:workspace/board", element: board },
          { path: "w/:workspace/board/:region", element: board },
          {
            path: "w/:workspace/meetings",
            element: (
              <FollowTheSunGate titleKey="meetingsPage.handoverMeetings">
                <MeetingsPage />
              </FollowTheSunGate>
            ),
          },
          { path: "w/:workspace/sheet", element: <SheetPage /> },
          { path: "w/:workspace/desk", element: <DeskPage /> },
          { path: "w/:workspace/leave", element: <LeavePage /> },
          { path: "w/:workspace/calls", element: <CallsPage /> },
          { path: "w/:workspace/messages", element: <MessagesPage /> },
          { path: "w/:workspace/mailbox", element: <MailboxPage /> },
          { path: "w/:workspace/mailbox/:id", element: <MailboxPage /> },
          { path: "w/:workspace/templates", element: <TemplatesPage /> },
          { path: "w/:workspace/replies", element: <CannedRepliesPage /> },
          { path: "w/:workspace/inbound", element: <InboundPage /> },
          { path: "w/:workspace/inbound/:id", element: <InboundPage /> },
          { path: "w/:workspace/integrations", element: <IntegrationsPage /> },
          { path: "w/:workspace/tokens", element: <WorkspaceTokensPage /> },
          { path: "w/:workspace/people", element: <PeoplePage /> },
          { path: "account", element: <AccountPage /> },
          { path: "w/:workspace/policy", element: <PolicyPage /> },
          { path: "w/:workspace/audit", element: <AuditPage /> },
          { path: "w/:workspace/reports/project-volume", element: <ProjectVolumePage /> },
          { path: "w/:workspace/reports/handoffs", element: <HandoffAnalyticsPage /> },
          { path: "w/:workspace/projects", element: <ProjectsPage /> },
          { path: "w/:workspace/projects/:code", element: <ProjectPage /> },
          { path: "cases/:number", element: <CasePage /> },
          { path: "tasks/:number", element: <TaskPage /> },
          { path: "notifications", element: <NotificationsPage /> },
          { path: "transfers/approvals", element: <TransferInboxPage view="approvals" /> },
          { path: "transfers/incoming", element: <TransferInboxPage view="incoming" /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
