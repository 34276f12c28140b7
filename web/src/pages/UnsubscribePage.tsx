// The page a team message's unsubscribe link opens (/unsubscribe/:token; issue 17). Opening it
// changes nothing, since mail scanners open links too: the person confirms with the button. Mail
// clients' own "unsubscribe" POSTs the link directly (RFC 8058) and never shows this page.

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";

export function UnsubscribePage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  useDocumentTitle(t("unsubscribePage.title"));
  const link = useQuery({
    queryKey: queryKeys.unsubscribeLink(token),
    queryFn: () => endpoints.unsubscribeLink(token),
    retry: false,
  });
  const stop = useMutation({ mutationFn: () => endpoints.unsubscribe(token) });
  const answer = stop.data ?? link.data;
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">B</span> Baton
        </div>
        {link.isPending && <p>{t("unsubscribePage.opening")}</p>}
        {link.isError && (
          <>
            <h1 className="sign-in-title">{t("unsubscribePage.linkDoesNotWork")}</h1>
            <p role="alert" className="notice notice-error">
              {errorMessage(link.error)}
            </p>
          </>
        )}
        {answer && (
          <>
            <h1 className="sign-in-title">{t("unsubscribePage.title")}</h1>
            {answer.unsubscribed ? (
              <p role="status">
                {t("unsubscribePage.done", {
                  topic: answer.title,
                  workspace: answer.workspaceName,
                })}
              </p>
            ) : (
              <>
                <p>
                  {t("unsubscribePage.ask", {
                    topic: answer.title,
                    workspace: answer.workspaceName,
                  })}
                </p>
                {stop.isError && (
                  <p role="alert" className="notice notice-error">
                    {errorMessage(stop.error)}
                  </p>
                )}
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={stop.isPending}
                  onClick={() => stop.mutate()}
                >
                  {t("unsubscribePage.unsubscribe")}
                </button>
              </>
            )}
            <p className="hint">
              {t("unsubscribePage.inAppStays")}{" "}
              <Link to="/account">{t("unsubscribePage.myAccount")}</Link>
            </p>
          </>
        )}
      </div>
    </main>
  );
}
