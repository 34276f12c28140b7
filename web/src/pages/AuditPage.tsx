// The workspace's audit trail (admins): policy versions, people and tokens, newest first; case
// events too when asked for.

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { auditText } from "../lib/auditText.ts";
import { dateTime } from "../lib/format.ts";

export function AuditPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("auditPage.audit"));
  const [withCases, setWithCases] = useState(false);
  const trail = useInfiniteQuery({
    queryKey: queryKeys.workspaceAudit(workspace, withCases),
    queryFn: ({ pageParam, signal }) =>
      endpoints.workspaceAudit(
        workspace,
        {
          cases: withCases ? "include" : "exclude",
          ...(pageParam !== undefined ? { before: pageParam } : {}),
        },
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.nextCursor ? Number(last.nextCursor) : undefined),
  });
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page audit-page">
      <h1 tabIndex={-1} className="page-title">
        {t("auditPage.audit")}
      </h1>
      <p className="page-lead">{t("auditPage.whoChangedWhatInThis")}</p>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={withCases}
          onChange={(e) => setWithCases(e.target.checked)}
        />{" "}
        {t("auditPage.includeEveryCaseSEvents")}
      </label>
      {trail.isPending && <p>{t("auditPage.loadingTheAuditTrail")}</p>}
      {trail.isError && (
        <p role="alert" className="error-text">
          {errorMessage(trail.error)}
        </p>
      )}
      <ol className="audit-list">
        {items.map((e) => (
          <li key={e.id} data-action={e.action} className="audit-entry">
            <div>
              <strong>{auditText(e)}</strong>
            </div>
            <div className="muted">
              {dateTime(e.at)} · {e.actor?.name ?? t("auditPage.baton")} · <code>{e.action}</code>
            </div>
            {e.changes && e.changes.length > 0 && (
              <ul className="audit-changes">
                {e.changes.map((c) => (
                  <li key={c.field}>
                    <code>{c.label}</code>: {c.from.text} → {c.to.text}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {trail.hasNextPage && (
        <button
          type="button"
          className="btn"
          disabled={trail.isFetchingNextPage}
          onClick={() => void trail.fetchNextPage()}
        >
          {t("auditPage.olderEvents")}
        </button>
      )}
    </div>
  );
}
