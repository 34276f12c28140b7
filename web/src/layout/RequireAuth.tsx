import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "../auth/AuthProvider.tsx";

// The frame of the signed-in app (navigation, live updates) is fetched only once someone is
// signed in: a signed-out visit to any page goes to the sign-in page without it.
const SignedInApp = lazy(() => import("./AppLayout.tsx").then((m) => ({ default: m.SignedInApp })));

/** The guard of every signed-in page: a splash while the session is checked, else sign-in. */
export function RequireAuth() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === "loading")
    return (
      <div className="splash" role="status">
        {t("requireAuth.loadingBaton")}
      </div>
    );
  if (state.status === "signedOut")
    return (
      <Navigate
        to="/sign-in"
        replace
        state={{ from: `${location.pathname}${location.search}`, reason: state.reason }}
      />
    );
  return <SignedInApp />;
}
