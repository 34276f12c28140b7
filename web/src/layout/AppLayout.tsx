import { Suspense, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useUser } from "../auth/AuthProvider.tsx";
import { ShortcutsDialog } from "../components/ShortcutsDialog.tsx";
import { LiveUpdatesProvider } from "../hooks/liveUpdates.tsx";
import { useShortcut } from "../hooks/shortcuts.tsx";
import { useAgents, useCurrentWorkspace, usePolicy } from "../hooks/workspace.ts";
import { splitQueues } from "../lib/policy.ts";
import { SideNav } from "./SideNav.tsx";
import { TopBar } from "./TopBar.tsx";

/** The signed-in app: live updates and the frame around every page (RequireAuth guards it). */
export function SignedInApp() {
  return (
    <LiveUpdatesProvider>
      <AppLayout />
    </LiveUpdatesProvider>
  );
}

function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const workspace = useCurrentWorkspace();
  const location = useLocation();
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);
  const [navOpen, setNavOpen] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const navId = useId();
  const policy = usePolicy(workspace).data;
  const agents = useAgents(workspace).data;

  // On a new page, move focus to its heading so screen readers announce it (not on first load).
  const path = location.pathname;
  const lastPath = useRef(path);
  useEffect(() => {
    if (lastPath.current === path) return;
    lastPath.current = path;
    setNavOpen(false);
    const heading = mainRef.current?.querySelector<HTMLElement>("h1");
    (heading ?? mainRef.current)?.focus();
    window.scrollTo(0, 0);
  }, [path]);

  // Esc closes the navigation drawer on small screens.
  useEffect(() => {
    if (!navOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setNavOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navOpen]);

  const ws = workspace ? encodeURIComponent(workspace) : null;
  useShortcut("help", () => setHelpOpen(true));
  useShortcut("search", () => searchRef.current?.focus());
  useShortcut("goMine", () => ws && navigate(`/w/${ws}/mine`));
  useShortcut("goAll", () => ws && navigate(`/w/${ws}/all`));
  useShortcut("newCase", () => ws && navigate(`/w/${ws}/new`));
  useShortcut("goQueue", () => {
    if (!ws) return;
    const { mine, others } = splitQueues(policy, agents, user.id);
    const first = mine[0] ?? others[0];
    if (first) navigate(`/w/${ws}/queues/${encodeURIComponent(first.code)}`);
  });

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t("appLayout.skipToMainContent")}
      </a>
      <TopBar
        workspace={workspace}
        searchRef={searchRef}
        onShowShortcuts={() => setHelpOpen(true)}
        navOpen={navOpen}
        onToggleNav={() => setNavOpen((o) => !o)}
        navId={navId}
      />
      <div className="app-body">
        <SideNav workspace={workspace} open={navOpen} id={navId} />
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          {/* A page not visited before is fetched first; the frame stays meanwhile. */}
          <Suspense fallback={<p className="muted">{t("appLayout.loading")}</p>}>
            <Outlet />
          </Suspense>
        </main>
      </div>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
