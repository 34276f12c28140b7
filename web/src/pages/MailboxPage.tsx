// The local mailbox (admins): with no SMTP server configured, the mail Baton would have sent.
// Shown as text only: headers, the text body, and the raw source folded.

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { LoadMore } from "../components/LoadMore.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useNow } from "../hooks/useNow.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { dateTime, relativeTime } from "../lib/format.ts";

const PAGE = 50;

export const mailboxHref = (workspace: string, id?: number) =>
  `/w/${encodeURIComponent(workspace)}/mailbox${id ? `/${id}` : ""}`;

function MessageDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const message = useQuery({
    queryKey: queryKeys.mailboxMessage(id),
    queryFn: ({ signal }) => endpoints.mailboxMessage(id, signal),
  });
  if (message.isPending) return <p>{t("mailboxPage.loadingTheMessage")}</p>;
  if (message.isError)
    return (
      <p role="alert" className="error-text">
        {errorMessage(message.error)}
      </p>
    );
  const m = message.data;
  return (
    <article className="mailbox-message" aria-label={t("mailboxPage.message")}>
      <h2 className="mailbox-subject">{m.subject}</h2>
      <dl className="mailbox-headers">
        <dt>{t("mailboxPage.from")}</dt>
        <dd>{m.from}</dd>
        <dt>{t("mailboxPage.to")}</dt>
        <dd>{m.to}</dd>
        {m.replyTo && (
          <>
            <dt>{t("mailboxPage.replyTo")}</dt>
            <dd>{m.replyTo}</dd>
          </>
        )}
        <dt>{t("mailboxPage.date")}</dt>
        <dd>{dateTime(m.createdAt)}</dd>
        <dt>{t("mailboxPage.messageId")}</dt>
        <dd>{m.messageId}</dd>
        {m.caseNumber !== null && (
          <>
            <dt>{t("mailboxPage.case")}</dt>
            <dd>
              <Link to={`/cases/${m.caseNumber}`}>#{m.caseNumber}</Link>
            </dd>
          </>
        )}
      </dl>
      <pre className="mailbox-body">{m.text}</pre>
      <details className="mailbox-raw">
        <summary>{t("mailboxPage.rawSource")}</summary>
        <pre>{m.raw}</pre>
      </details>
    </article>
  );
}

export function MailboxPage() {
  const { t } = useTranslation();
  const { workspace = "", id } = useParams();
  const selected = id && /^[1-9][0-9]*$/.test(id) ? Number(id) : null;
  const now = useNow(60_000);
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("mailboxPage.mailbox"));
  // Keyset pages: each asks for the messages older than the last one shown.
  const list = useInfiniteQuery({
    queryKey: queryKeys.mailboxPages(workspace),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ workspace, limit: String(PAGE) });
      if (pageParam > 0) q.set("before", String(pageParam));
      return endpoints.mailboxPage(q, signal);
    },
    getNextPageParam: (last) =>
      last.items.length < PAGE ? undefined : (last.items.at(-1)?.id ?? undefined),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const forbidden = list.error instanceof ApiError && list.error.status === 403;

  return (
    <div className="page mailbox-page">
      <h1 tabIndex={-1} className="page-title">
        {t("mailboxPage.mailbox")}
      </h1>
      <p className="page-lead">{t("mailboxPage.noMailServerIsConfigured")}</p>
      {list.isPending && <p>{t("mailboxPage.loadingTheMailbox")}</p>}
      {forbidden && <p>{t("mailboxPage.onlyAdministratorsReadTheMailbox")}</p>}
      {list.isError && !forbidden && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {list.isSuccess && items.length === 0 && <p>{t("mailboxPage.theMailboxIsEmpty")}</p>}
      {items.length > 0 && (
        <table className="data-table mailbox-table">
          <thead>
            <tr>
              <th scope="col">{t("mailboxPage.to")}</th>
              <th scope="col">{t("mailboxPage.subject")}</th>
              <th scope="col">{t("mailboxPage.when")}</th>
              <th scope="col">{t("mailboxPage.case")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} data-message={m.id} className={m.id === selected ? "is-selected" : ""}>
                <td>{m.to}</td>
                <td>
                  <Link
                    to={mailboxHref(workspace, m.id)}
                    aria-current={m.id === selected ? "page" : undefined}
                  >
                    {m.subject}
                  </Link>
                </td>
                <td title={dateTime(m.createdAt)}>{relativeTime(m.createdAt, now)}</td>
                <td>
                  {m.caseNumber !== null && (
                    <Link to={`/cases/${m.caseNumber}`}>#{m.caseNumber}</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore list={list} />
      {selected !== null && <MessageDetail id={selected} />}
    </div>
  );
}
