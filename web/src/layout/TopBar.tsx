import {
  type FormEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { useAuth, useUser } from "../auth/AuthProvider.tsx";
import { LanguageSelect, ThemeSelect } from "../components/account/Preferences.tsx";
import { NotificationBell } from "../components/NotificationBell.tsx";
import { type LiveStatus, useLiveStatus } from "../hooks/liveUpdates.tsx";
import { useDismiss } from "../hooks/useDismiss.ts";
import { cleanText, filtersToSearchParams, parseFilters, withSearch } from "../lib/filters.ts";
import { caseNumberIn } from "../lib/navigation.ts";

const LIST_PATH = /^\/w\/[^/]+\/(mine|all|queues\/[^/]+)$/;
const ALL_CASES_PATH = /^\/w\/[^/]+\/all$/;

const LIVE_TEXT: Record<LiveStatus, string> = {
  connecting: "topBar.connecting",
  live: "topBar.live",
  reconnecting: "topBar.reconnecting",
};

interface Props {
  workspace: string | null;
  searchRef: RefObject<HTMLInputElement | null>;
  onShowShortcuts: () => void;
  navOpen: boolean;
  onToggleNav: () => void;
  navId: string;
}

export function TopBar({
  workspace,
  searchRef,
  onShowShortcuts,
  navOpen,
  onToggleNav,
  navId,
}: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const live = useLiveStatus();
  const searchId = useId();
  const onList = LIST_PATH.test(location.pathname);
  const currentQ = onList ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  const [text, setText] = useState(currentQ);
  useEffect(() => setText(currentQ), [currentQ]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = cleanText(text);
    const number = caseNumberIn(q);
    if (number !== null) {
      setText("");
      navigate(`/cases/${number}`);
      return;
    }
    // The box searches every case of the workspace, whatever its status or owner; on All cases
    // the filters already chosen there narrow the search.
    if (ALL_CASES_PATH.test(location.pathname)) {
      const filters = parseFilters(new URLSearchParams(location.search));
      const params = filtersToSearchParams(withSearch(filters, q));
      navigate({ pathname: location.pathname, search: params.toString() });
    } else if (workspace) {
      const params = new URLSearchParams({ status: "all" });
      if (q) params.set("q", q);
      navigate(`/w/${encodeURIComponent(workspace)}/all?${params}`);
    }
  };

  return (
    <header className="topbar">
      <button
        type="button"
        className="btn btn-ghost nav-toggle"
        aria-expanded={navOpen}
        aria-controls={navId}
        onClick={onToggleNav}
      >
        <span aria-hidden="true">☰</span>
        <span className="visually-hidden">{t("topBar.menu")}</span>
      </button>
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          B
        </span>
        <span>{t("topBar.baton")}</span>
      </Link>
      <search className="search">
        <form onSubmit={submit}>
          <label htmlFor={searchId} className="visually-hidden">
            {t("topBar.searchCaseSubjectsOrGo")}
          </label>
          <input
            ref={searchRef}
            id={searchId}
            type="search"
            placeholder={t("topBar.searchOrNumber")}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.currentTarget.blur();
              }
            }}
            autoComplete="off"
          />
          <span className="search-key" aria-hidden="true">
            <kbd>/</kbd>
          </span>
        </form>
      </search>
      <div className="topbar-right">
        <span className={`live live-${live}`} title={t("topBar.liveUpdatesFromOtherPeople")}>
          <span className="live-dot" aria-hidden="true" />
          <span className="live-text">{t(LIVE_TEXT[live])}</span>
        </span>
        {workspace && (
          <Link
            to={`/w/${encodeURIComponent(workspace)}/new`}
            className="btn btn-primary btn-small new-case"
          >
            {t("topBar.newCase")}
          </Link>
        )}
        <NotificationBell />
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={onShowShortcuts}
          aria-label={t("topBar.keyboardShortcuts")}
          title={t("topBar.keyboardShortcuts2")}
        >
          ?
        </button>
        <UserMenu />
      </div>
    </header>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const ref = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  useDismiss(open, closeMenu, ref, buttonRef);

  const initials = user.name
    .split(/\s+/)
    .map((p) => p[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();

  return (
    <div className="user-menu" ref={ref}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-ghost user-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="user-name">{user.name}</span>
      </button>
      <div id={panelId} className="user-panel" hidden={!open}>
        <p className="user-panel-name">{user.name}</p>
        <p className="muted small">{user.email}</p>
        <ul className="user-panel-ws">
          {user.workspaces.map((w) => (
            <li key={w.slug}>
              {w.slug} <span className="muted">· {w.role.replaceAll("_", " ")}</span>
            </li>
          ))}
        </ul>
        <div className="user-panel-preferences">
          <LanguageSelect />
          <ThemeSelect />
        </div>
        <Link to="/account" className="btn btn-block" onClick={closeMenu}>
          {t("topBar.myAccountAndApiTokens")}
        </Link>
        <button type="button" className="btn btn-block" onClick={() => void signOut()}>
          {t("topBar.signOut")}
        </button>
      </div>
    </div>
  );
}
