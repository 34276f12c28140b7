import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation, useNavigate } from "react-router";
import type { CaseCount, SavedView } from "../api/types.ts";
import { useUser } from "../auth/AuthProvider.tsx";
import { useTransferLiveUpdates, useWaitingTransfers } from "../hooks/transfers.ts";
import { type CountItem, useCaseCounts, useSavedViews } from "../hooks/views.ts";
import { useAgents, usePolicy } from "../hooks/workspace.ts";
import { apiFilters, DEFAULT_FILTERS, type ListScope, listHref } from "../lib/filters.ts";
import { splitQueues } from "../lib/policy.ts";
import { inboxCounts } from "../lib/transfers.ts";

/** A list's count; `what` tells a screen reader what is counted ("open", "cases"). */
function Count({ count, what }: { count: CaseCount | undefined; what: string }) {
  if (!count) return null;
  return (
    <span className="nav-count">
      {count.text}
      <span className="visually-hidden"> {what}</span>
    </span>
  );
}

/** One nav entry: active for its page whatever the page's filters are (and below it, `section`). */
function NavItem({
  to,
  label,
  section = false,
  children,
}: {
  to: string;
  label: string;
  section?: boolean;
  children?: ReactNode;
}) {
  const location = useLocation();
  const active = location.pathname === to || (section && location.pathname.startsWith(`${to}/`));
  return (
    <NavLink
      to={to}
      className={`nav-link ${active ? "is-active" : ""}`}
      aria-current={active ? "page" : undefined}
    >
      <span className="nav-label">{label}</span>
      {children}
    </NavLink>
  );
}

/** The open cases of a list, as the nav counts them. */
const openIn = (scope: ListScope): CountItem => ({
  key: listHref(scope),
  filters: apiFilters(scope, DEFAULT_FILTERS),
});

function ViewLink({
  scope,
  label,
  counts,
}: {
  scope: ListScope;
  label: string;
  counts: ReadonlyMap<string, CaseCount>;
}) {
  const { t } = useTranslation();
  return (
    <NavItem to={listHref(scope)} label={label}>
      <Count count={counts.get(listHref(scope))} what={t("sideNav.openCount")} />
    </NavItem>
  );
}

/** My saved views and those shared with me, each with how many cases it shows. */
function SavedViewLinks({
  workspace,
  views,
  counts,
}: {
  workspace: string;
  views: readonly SavedView[];
  counts: ReadonlyMap<string, CaseCount>;
}) {
  const { t } = useTranslation();
  if (views.length === 0) return null;
  return (
    <>
      <h2 className="nav-heading">{t("sideNav.views")}</h2>
      <ul className="nav-list">
        {views.map((v) => (
          <li key={v.id}>
            <NavItem
              to={`/w/${encodeURIComponent(workspace)}/views/${encodeURIComponent(v.id)}`}
              label={v.name}
            >
              <Count
                count={counts.get(`view:${v.id}`)}
                what={
                  counts.get(`view:${v.id}`)?.text === "1"
                    ? t("sideNav.caseCountOne")
                    : t("sideNav.casesCount")
                }
              />
            </NavItem>
          </li>
        ))}
      </ul>
    </>
  );
}

function InboxLink({ to, label, count }: { to: string; label: string; count: number | undefined }) {
  const { t } = useTranslation();
  return (
    <NavItem to={to} label={label}>
      {count !== undefined && (
        <span className={`nav-count ${count > 0 ? "nav-count-attention" : ""}`}>
          {count}
          <span className="visually-hidden"> {t("sideNav.waiting")}</span>
        </span>
      )}
    </NavItem>
  );
}

/** Approvals (for roles that approve) and incoming transfers, with live counts. */
function TransferLinks({ approver }: { approver: boolean }) {
  const { t } = useTranslation();
  useTransferLiveUpdates();
  const waiting = useWaitingTransfers();
  const counts = waiting.data ? inboxCounts(waiting.data) : undefined;
  const showApprovals = approver || (counts?.approvals ?? 0) > 0;
  return (
    <>
      <h2 className="nav-heading">{t("sideNav.transfers")}</h2>
      <ul className="nav-list">
        {showApprovals && (
          <li>
            <InboxLink
              to="/transfers/approvals"
              label={t("sideNav.approvals")}
              count={counts?.approvals}
            />
          </li>
        )}
        <li>
          <InboxLink
            to="/transfers/incoming"
            label={t("sideNav.incoming")}
            count={counts?.incoming}
          />
        </li>
      </ul>
    </>
  );
}

/** Follow the sun: the handoff board of a region and the handover meetings. */
function FollowTheSunLinks({ workspace, meetings }: { workspace: string; meetings: boolean }) {
  const { t } = useTranslation();
  const base = `/w/${encodeURIComponent(workspace)}`;
  return (
    <>
      <h2 className="nav-heading">{t("sideNav.followTheSun")}</h2>
      <ul className="nav-list">
        <li>
          <NavItem to={`${base}/board`} label={t("sideNav.handoffBoard")} section />
        </li>
        {meetings && (
          <li>
            <NavItem to={`${base}/meetings`} label={t("sideNav.handoverMeetings")} />
          </li>
        )}
      </ul>
    </>
  );
}

export function SideNav({
  workspace,
  open,
  id,
}: {
  workspace: string | null;
  open: boolean;
  id: string;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const selectId = useId();
  const policy = usePolicy(workspace);
  // What the server says this person may do here; the menu shows only that.
  const viewer = policy.data?.viewer;
  const agents = useAgents(workspace);
  const split = splitQueues(policy.data, agents.data, user.id);
  // Without queues of my own, every queue is listed plainly.
  const mine = split.mine.length > 0 ? split.mine : split.others;
  const others = split.mine.length > 0 ? split.others : [];
  const role = user.workspaces.find((w) => w.slug === workspace)?.role;
  const views = useSavedViews(workspace).data?.items ?? [];
  // Every count in the navigation in one request: the built-in lists, then the saved views.
  const countItems: CountItem[] = workspace
    ? [
        openIn({ view: "mine", workspace }),
        openIn({ view: "all", workspace }),
        ...[...mine, ...others].map((q) => openIn({ view: "queue", workspace, queue: q.code })),
        ...views.map((v) => ({ key: `view:${v.id}`, filters: v.filters })),
      ]
    : [];
  const counts = useCaseCounts(workspace, countItems);

  const switchTo = (slug: string) => {
    // Keep the kind of view when switching: My cases stays My cases.
    const rest =
      location.pathname.match(
        /^\/w\/[^/]+\/(mine|all|new|sheet|board|meetings|messages)(?:\/|$)/,
      )?.[1] ?? "mine";
    navigate(`/w/${encodeURIComponent(slug)}/${rest}`);
  };

  return (
    <nav id={id} className={`sidebar ${open ? "is-open" : ""}`} aria-label={t("sideNav.main")}>
      <div className="ws-switch">
        <label htmlFor={selectId}>{t("sideNav.workspace")}</label>
        {user.workspaces.length > 1 ? (
          <select id={selectId} value={workspace ?? ""} onChange={(e) => switchTo(e.target.value)}>
            {user.workspaces.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.slug}
              </option>
            ))}
          </select>
        ) : (
          <output id={selectId} className="ws-name">
            {workspace}
          </output>
        )}
        {policy.data && <span className="ws-policy">{policy.data.name}</span>}
        {role && (
          <span className="ws-role">
            {t("sideNav.yourRoleReplaceall", {
              // The workspace's name for the role ("Support engineer"), as the policy gives it.
              replaceAll:
                policy.data?.roles.find((r) => r.id === role)?.name ?? role.replaceAll("_", " "),
            })}
          </span>
        )}
      </div>
      {workspace && (
        <>
          <ul className="nav-list">
            <li>
              <ViewLink
                scope={{ view: "mine", workspace }}
                label={t("sideNav.myCases")}
                counts={counts}
              />
            </li>
            <li>
              <ViewLink
                scope={{ view: "all", workspace }}
                label={t("sideNav.allCases")}
                counts={counts}
              />
            </li>
            <li>
              <NavLink to={`/w/${encodeURIComponent(workspace)}/new`} className="nav-link">
                <span className="nav-label">{t("sideNav.newCase")}</span>
              </NavLink>
            </li>
            {viewer?.handoffSheet && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/sheet`}
                  label={t("sideNav.handOffSheet")}
                />
              </li>
            )}
            <li>
              <NavItem to={`/w/${encodeURIComponent(workspace)}/desk`} label={t("sideNav.desk")} />
              <NavItem
                to={`/w/${encodeURIComponent(workspace)}/calls`}
                label={t("sideNav.calls")}
              />
              <NavItem
                to={`/w/${encodeURIComponent(workspace)}/projects`}
                label={t("sideNav.projects")}
              />
            </li>
            <li>
              <NavItem
                to={`/w/${encodeURIComponent(workspace)}/leave`}
                label={t("sideNav.leave")}
              />
            </li>
            <li>
              <NavItem
                to={`/w/${encodeURIComponent(workspace)}/messages`}
                label={t("sideNav.messages")}
              />
            </li>
            <li>
              <NavItem
                to={`/w/${encodeURIComponent(workspace)}/queues`}
                label={t("sideNav.queueSettings")}
              />
            </li>
            <li>
              <NavItem
                to={`/w/${encodeURIComponent(workspace)}/replies`}
                label={t("sideNav.cannedReplies")}
              />
            </li>
            {viewer?.manageWorkspace && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/templates`}
                  label={t("sideNav.templates")}
                />
              </li>
            )}
            {viewer?.manageWorkspace && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/mailbox`}
                  label={t("sideNav.mailbox")}
                  section
                />
              </li>
            )}
            {viewer?.reviewInbound && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/inbound`}
                  label={t("sideNav.inboundMail")}
                  section
                />
              </li>
            )}
            {viewer?.readReports && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/reports/project-volume`}
                  label={t("sideNav.projectVolume")}
                />
              </li>
            )}
            {viewer?.readAnalytics && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/reports/handoffs`}
                  label={t("sideNav.handoffAnalytics")}
                />
              </li>
            )}
            {viewer?.manageWorkspace && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/integrations`}
                  label={t("sideNav.integrations")}
                />
              </li>
            )}
            {viewer?.managePeople && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/people`}
                  label={t("sideNav.people")}
                />
              </li>
            )}
            {viewer?.managePeople && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/tokens`}
                  label={t("sideNav.apiTokens")}
                />
              </li>
            )}
            {viewer?.manageWorkspace && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/policy`}
                  label={t("sideNav.policy")}
                />
              </li>
            )}
            {viewer?.manageWorkspace && (
              <li>
                <NavItem
                  to={`/w/${encodeURIComponent(workspace)}/audit`}
                  label={t("sideNav.audit")}
                />
              </li>
            )}
          </ul>
          <SavedViewLinks workspace={workspace} views={views} counts={counts} />
          <h2 className="nav-heading">
            {split.mine.length > 0 && others.length > 0
              ? t("sideNav.myQueues")
              : t("sideNav.queues")}
          </h2>
          {policy.isError && <p className="nav-note">{t("sideNav.queuesAreNotAvailableTo")}</p>}
          <ul className="nav-list">
            {mine.map((q) => (
              <li key={q.code}>
                <ViewLink
                  scope={{ view: "queue", workspace, queue: q.code }}
                  label={q.name}
                  counts={counts}
                />
              </li>
            ))}
          </ul>
          {others.length > 0 && (
            <details className="nav-more">
              <summary>{t("sideNav.otherQueuesLength", { length: others.length })}</summary>
              <ul className="nav-list">
                {others.map((q) => (
                  <li key={q.code}>
                    <ViewLink
                      scope={{ view: "queue", workspace, queue: q.code }}
                      label={q.name}
                      counts={counts}
                    />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
      <TransferLinks approver={viewer?.approveTransfers ?? false} />
      {workspace && policy.data?.features?.followTheSun && (
        <FollowTheSunLinks
          workspace={workspace}
          meetings={(policy.data.handover?.pairs ?? []).some((p) => p.meeting)}
        />
      )}
    </nav>
  );
}
