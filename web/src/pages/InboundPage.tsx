// Inbound mail (admins): replies Baton attached to cases, mail it held because it could not place
// it, automatic mail it ignored. An admin attaches a held message to a case or discards it.

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { API_BASE } from "../api/client.ts";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { InboundMessageDetail } from "../api/types.ts";
import { LoadMore } from "../components/LoadMore.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useNow } from "../hooks/useNow.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import { dateTime, fileSize, relativeTime } from "../lib/format.ts";

const PAGE = 50;
const STATES = ["held", "ignored", "attached", "discarded"] as const;

export const inboundHref = (workspace: string, id?: number, state?: string) =>
  `/w/${encodeURIComponent(workspace)}/inbound${id ? `/${id}` : ""}${state ? `?state=${state}` : ""}`;

function Review({ message }: { message: InboundMessageDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [caseNumber, setCaseNumber] = useState(
    message.caseNumber ? String(message.caseNumber) : "",
  );
  const done = (updated: InboundMessageDetail) => {
    client.setQueryData(queryKeys.inboundMessage(updated.id), updated);
    void client.invalidateQueries({ queryKey: ["inbound"] });
  };
  // Someone else reviewed it: show what it is now (the form remounts with the new version).
  const reload = (error: Error) => {
    if (error instanceof ApiError && error.isConflict)
      void client.invalidateQueries({ queryKey: queryKeys.inboundMessage(message.id) });
  };
  const attach = useMutation({
    mutationFn: (n: number) =>
      endpoints.attachInbound(message.id, { caseNumber: n, version: message.version }),
    onSuccess: done,
    onError: reload,
  });
  const discard = useMutation({
    mutationFn: () => endpoints.discardInbound(message.id, { version: message.version }),
    onSuccess: done,
    onError: reload,
  });
  const error = attach.error ?? discard.error;
  const caseError =
    attach.error instanceof ApiError ? attach.error.fieldMessage("caseNumber") : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = Number(caseNumber);
    if (Number.isSafeInteger(n) && n > 0) attach.mutate(n);
  };
  return (
    <form className="inbound-review" onSubmit={submit} aria-label={t("inboundPage.review")}>
      <label>
        {t("inboundPage.caseNumber")}
        <input
          name="caseNumber"
          inputMode="numeric"
          pattern="[1-9][0-9]*"
          required
          value={caseNumber}
          onChange={(e) => setCaseNumber(e.target.value.trim())}
          aria-invalid={caseError ? true : undefined}
        />
      </label>{" "}
      <button type="submit" className="btn btn-primary" disabled={attach.isPending}>
        {attach.isPending ? t("inboundPage.attaching") : t("inboundPage.attachToCase")}
      </button>{" "}
      <button
        type="button"
        className="btn"
        disabled={discard.isPending}
        onClick={() => discard.mutate()}
      >
        {t("inboundPage.discard")}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error instanceof ApiError && error.isConflict
            ? t("inboundPage.someoneReviewedThisMessageMeanwhile")
            : errorMessage(error)}
        </p>
      )}
    </form>
  );
}

function MessageDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const message = useQuery({
    queryKey: queryKeys.inboundMessage(id),
    queryFn: ({ signal }) => endpoints.inboundMessage(id, signal),
  });
  if (message.isPending) return <p>{t("inboundPage.loadingTheMessage")}</p>;
  if (message.isError)
    return (
      <p role="alert" className="error-text">
        {errorMessage(message.error)}
      </p>
    );
  const m = message.data;
  return (
    <article className="mailbox-message" aria-label={t("inboundPage.inboundMessage")}>
      <h2 className="mailbox-subject">{m.subject || t("inboundPage.noSubject")}</h2>
      <dl className="mailbox-headers">
        <dt>{t("inboundPage.from")}</dt>
        <dd>{m.fromName ? `${m.fromName} <${m.from}>` : m.from}</dd>
        <dt>{t("inboundPage.to")}</dt>
        <dd>{m.to}</dd>
        <dt>{t("inboundPage.received")}</dt>
        <dd>{dateTime(m.receivedAt)}</dd>
        <dt>{t("inboundPage.state")}</dt>
        <dd>
          <span className={`badge inbound-${m.state}`}>{m.state}</span>
          {m.reason ? ` — ${m.reason}` : ""}
        </dd>
        {m.caseNumber !== null && (
          <>
            <dt>{t("inboundPage.case")}</dt>
            <dd>
              <Link to={`/cases/${m.caseNumber}`}>#{m.caseNumber}</Link>
            </dd>
          </>
        )}
        {m.attachments.length > 0 && (
          <>
            <dt>{t("inboundPage.attachments")}</dt>
            <dd>
              <ul className="attachment-list">
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={`${API_BASE}/attachments/${a.id}`} download={a.filename}>
                      {a.filename}
                    </a>{" "}
                    ({fileSize(a.size)})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {(m.state === "held" || m.state === "ignored") && <Review key={m.version} message={m} />}
      <pre className="mailbox-body">{m.text}</pre>
      <details className="mailbox-raw">
        <summary>{t("inboundPage.rawSource")}</summary>
        <pre>{m.raw}</pre>
      </details>
    </article>
  );
}

export function InboundPage() {
  const { t } = useTranslation();
  const { workspace = "", id } = useParams();
  const [params, setParams] = useSearchParams();
  const raw = params.get("state") ?? "";
  const state = (STATES as readonly string[]).includes(raw) ? raw : "";
  const selected = id && /^[1-9][0-9]*$/.test(id) ? Number(id) : null;
  const now = useNow(60_000);
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("inboundPage.inboundMail"));
  const list = useInfiniteQuery({
    queryKey: queryKeys.inboundPages(workspace, state),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ workspace, limit: String(PAGE) });
      if (state) q.set("state", state);
      if (pageParam > 0) q.set("before", String(pageParam));
      return endpoints.inboundPage(q, signal);
    },
    getNextPageParam: (last) =>
      last.items.length < PAGE ? undefined : (last.items.at(-1)?.id ?? undefined),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const forbidden = list.error instanceof ApiError && list.error.status === 403;

  return (
    <div className="page mailbox-page inbound-page">
      <h1 tabIndex={-1} className="page-title">
        {t("inboundPage.inboundMail")}
      </h1>
      <p className="page-lead">{t("inboundPage.repliesToCaseNotificationsBecome")}</p>
      <label className="inbound-filter">
        {t("inboundPage.show")}
        <select
          value={state}
          onChange={(e) =>
            setParams(e.target.value ? { state: e.target.value } : {}, { replace: true })
          }
        >
          <option value="">{t("inboundPage.allMail")}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      {list.isPending && <p>{t("inboundPage.loadingInboundMail")}</p>}
      {forbidden && <p>{t("inboundPage.onlyAdministratorsReviewInboundMail")}</p>}
      {list.isError && !forbidden && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {list.isSuccess && items.length === 0 && <p>{t("inboundPage.noMailHere")}</p>}
      {items.length > 0 && (
        <table className="data-table mailbox-table">
          <thead>
            <tr>
              <th scope="col">{t("inboundPage.from")}</th>
              <th scope="col">{t("inboundPage.subject")}</th>
              <th scope="col">{t("inboundPage.state")}</th>
              <th scope="col">{t("inboundPage.when")}</th>
              <th scope="col">{t("inboundPage.case")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} data-message={m.id} className={m.id === selected ? "is-selected" : ""}>
                <td>{m.fromName ?? m.from}</td>
                <td>
                  <Link
                    to={inboundHref(workspace, m.id, state)}
                    aria-current={m.id === selected ? "page" : undefined}
                  >
                    {m.subject || t("inboundPage.noSubject")}
                  </Link>
                </td>
                <td title={m.reason ?? undefined}>
                  <span className={`badge inbound-${m.state}`}>{m.state}</span>
                  {m.reason && <span className="inbound-reason"> {m.reason}</span>}
                </td>
                <td title={dateTime(m.receivedAt)}>{relativeTime(m.receivedAt, now)}</td>
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
