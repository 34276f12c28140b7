import { type ComponentType, lazy, Suspense } from "react";
import { createBrowserRouter, Outlet } from "react-router";
import { AuthProvider } from "./auth/AuthProvider.tsx";
import { FollowTheSunGate } from "./components/FollowTheSunGate.tsx";
import { ShortcutProvider } from "./hooks/shortcuts.tsx";
import { RequireAuth } from "./layout/AppLayout.tsx";
import { CallsPage } from "./pages/CallsPage.tsx";
import { CaseListPage } from "./pages/CaseListPage.tsx";
import { CasePage } from "./pages/CasePage.tsx";
import { DeskPage } from "./pages/DeskPage.tsx";
import { HandoffBoardPage } from "./pages/HandoffBoardPage.tsx";
import { HomeRedirect } from "./pages/HomeRedirect.tsx";
import { InboundPage } from "./pages/InboundPage.tsx";
import { IntegrationsPage } from "./pages/IntegrationsPage.tsx";
import { LeavePage } from "./pages/LeavePage.tsx";
import { MailboxPage } from "./pages/MailboxPage.tsx";
import { MeetingsPage } from "./pages/MeetingsPage.tsx";
import { MessagesPage } from "./pages/MessagesPage.tsx";
import { NewCasePage } from "./pages/NewCasePage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { NotificationsPage } from "./pages/NotificationsPage.tsx";
import { ProjectPage } from "./pages/ProjectPage.tsx";
import { ProjectsPage } from "./pages/ProjectsPage.tsx";
import { QueuesPage } from "./pages/QueuesPage.tsx";
import { SheetPage } from "./pages/SheetPage.tsx";
import { SignInPage } from "./pages/SignInPage.tsx";
import { TaskPage } from "./pages/TaskPage.tsx";
import { TemplatesPage } from "./pages/TemplatesPage.tsx";
import { TransferInboxPage } from "./pages/TransferInboxPage.tsx";

function Root() {
  return (
    <AuthProvider>
      <ShortcutProvider>
        <Outlet />
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
 *   /w/:workspace/new              create a case
 *   /w/:workspace/board            the handoff board of my region (→ /board/:region)
 *   /w/:workspace/board/:region    a region's handoff board (?at= another instant)
 *   /w/:workspace/meetings         handover meetings (?region=, ?mine=1) and calendar feeds
 *   /w/:workspace/sheet           the hand-off sheet (?show=mine|done), live, CSV download
 *   /w/:workspace/messages         the delivery log (?state=, ?channel=), retry
 *   /w/:workspace/mailbox(/:id)    the local mailbox (admins) and one message
 *   /w/:workspace/templates        message wording per language, with preview (admins)
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
 *   /cases/:number                 a case
 *   /notifications                 my notifications (?unread=true), newest first
 *   /transfers/approvals           transfers waiting for my approval
 *   /transfers/incoming            transfers offered to me, and mine waiting on my step
 */
// Pages only admins (or someone following an invitation) open: loaded on first visit, so
// everyone else's first load stays smaller.
const later = (load: () => Promise<ComponentType>) => {
  const Page = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <Page />
    </Suspense>
  );
};
const accountPage = later(() => import("./pages/AccountPage.tsx").then((m) => m.AccountPage));
const auditPage = later(() => import("./pages/AuditPage.tsx").then((m) => m.AuditPage));
const invitePage = later(() => import("./pages/InvitePage.tsx").then((m) => m.InvitePage));
const peoplePage = later(() => import("./pages/PeoplePage.tsx").then((m) => m.PeoplePage));
const policyPage = later(() => import("./pages/PolicyPage.tsx").then((m) => m.PolicyPage));
const tokensPage = later(() =>
  import("./pages/WorkspaceTokensPage.tsx").then((m) => m.WorkspaceTokensPage),
);

// The charting library is only for report readers: their page loads it on first visit.
const ProjectVolumePage = lazy(() =>
  import("./pages/ProjectVolumePage.tsx").then((m) => ({ default: m.ProjectVolumePage })),
);
const projectVolume = (
  <Suspense fallback={<p className="muted">Loading…</p>}>
    <ProjectVolumePage />
  </Suspense>
);

// Only where the workspace follows the sun (the policy answer's features).
const board = (
  <FollowTheSunGate title="Handoff board">
    <HandoffBoardPage />
  </FollowTheSunGate>
);

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: "/sign-in", element: <SignInPage /> },
      { path: "/invite/:token", element: invitePage },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: "w/:workspace", element: <HomeRedirect /> },
          { path: "w/:workspace/mine", element: <CaseListPage view="mine" /> },
          { path: "w/:workspace/all", element: <CaseListPage view="all" /> },
          { path: "w/:workspace/queues", element: <QueuesPage /> },
          { path: "w/:workspace/queues/:queue", element: <CaseListPage view="queue" /> },
          { path: "w/:workspace/new", element: <NewCasePage /> },
          { path: "w/:workspace/board", element: board },
          { path: "w/:workspace/board/:region", element: board },
          {
            path: "w/:workspace/meetings",
            element: (
              <FollowTheSunGate title="Handover meetings">
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
          { path: "w/:workspace/inbound", element: <InboundPage /> },
          { path: "w/:workspace/inbound/:id", element: <InboundPage /> },
          { path: "w/:workspace/integrations", element: <IntegrationsPage /> },
          { path: "w/:workspace/tokens", element: tokensPage },
          { path: "w/:workspace/people", element: peoplePage },
          { path: "account", element: accountPage },
          { path: "w/:workspace/policy", element: policyPage },
          { path: "w/:workspace/audit", element: auditPage },
          { path: "w/:workspace/reports/project-volume", element: projectVolume },
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
