import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { type SignInLocationState, useAuth } from "../auth/AuthProvider.tsx";
import { ssoMessage } from "../auth/ssoMessages.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { safeReturnPath } from "../lib/navigation.ts";

export function SignInPage() {
  const { t } = useTranslation();
  const { state, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const id = useId();
  const locationState = (location.state as SignInLocationState | null) ?? {};
  const reason = locationState.reason ?? (state.status === "signedOut" ? state.reason : undefined);
  const notice = locationState.notice ?? (state.status === "signedOut" ? state.notice : undefined);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  useDocumentTitle(t("signInPage.signIn"));
  // Whether passwords and single sign-on are offered here (GET /auth/providers).
  const providers = useQuery({
    queryKey: ["auth-providers"],
    queryFn: () => endpoints.providers(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const sso = providers.data?.sso ?? null;
  const ssoCode = new URLSearchParams(location.search).get("sso_error");
  const ssoError = ssoCode ? ssoMessage(ssoCode, sso?.name ?? "Single sign-on") : null;

  useEffect(() => emailRef.current?.focus(), []);

  if (state.status === "signedIn" && !busy)
    return <Navigate to={safeReturnPath(locationState.from)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(safeReturnPath(locationState.from), { replace: true });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === "invalid_credentials")
        setError(t("signInPage.theEmailOrPasswordIs"));
      else if (err instanceof ApiError && err.status === 429) {
        const wait = Number(err.extra.retryAfterSeconds);
        setError(
          Number.isFinite(wait) && wait > 0
            ? t("signInPage.tooManyAttemptsWait", {
                wait:
                  wait < 90
                    ? t("signInPage.seconds", { count: wait })
                    : t("signInPage.minutes", { count: Math.ceil(wait / 60) }),
              })
            : t("signInPage.tooManyAttemptsFromHere"),
        );
      } else if (err instanceof ApiError && err.status === 400)
        setError(t("signInPage.enterYourEmailAndPassword"));
      else setError(errorMessage(err));
      setPassword("");
      passwordRef.current?.focus();
    }
  };

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">B</span> {t("signInPage.baton")}
        </div>
        <h1 className="sign-in-title">{t("signInPage.signIn")}</h1>
        {reason === "expired" && (
          <p className="notice notice-warning" role="status">
            {t("signInPage.yourSessionHasExpiredSign")}
          </p>
        )}
        {reason === "signedOut" && (
          <p className="notice notice-info" role="status">
            {t("signInPage.youHaveSignedOut")}
          </p>
        )}
        {notice && (
          <p className="notice notice-info" role="status">
            {notice}
          </p>
        )}
        {ssoError && (
          <p className="notice notice-error" role="alert">
            {ssoError}
          </p>
        )}
        {sso && (
          <>
            <a
              className="btn btn-primary btn-block sso-button"
              href={`${sso.startUrl}?returnTo=${encodeURIComponent(safeReturnPath(locationState.from))}`}
            >
              {t("signInPage.signInWithName", { name: sso.name })}
            </a>
            {providers.data?.password && (
              <p className="sign-in-or">{t("signInPage.orWithYourPassword")}</p>
            )}
          </>
        )}
        {(providers.data?.password ?? true) && (
          <form onSubmit={submit} noValidate aria-describedby={error ? `${id}-error` : undefined}>
            <div className="field">
              <label htmlFor={`${id}-email`}>{t("signInPage.email")}</label>
              <input
                ref={emailRef}
                id={`${id}-email`}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={error ? true : undefined}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-password`}>{t("signInPage.password")}</label>
              <input
                ref={passwordRef}
                id={`${id}-password`}
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={error ? true : undefined}
              />
            </div>
            {error && (
              <p className="notice notice-error" id={`${id}-error`} role="alert">
                {error}
              </p>
            )}
            <button
              type="submit"
              className="btn btn-primary btn-block"
              disabled={busy || !email || !password}
            >
              {busy ? t("signInPage.signingIn") : t("signInPage.signIn")}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
