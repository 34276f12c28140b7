// The delivery log of a workspace (issue 6): what Baton sent or will send, to whom, with retry.

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { Delivery } from "../api/types.ts";
import { LoadMore } from "../components/LoadMore.tsx";
import { useToast } from "../components/Toasts.tsx";
import { useAddressParams } from "../hooks/useAddressParams.ts";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useNow } from "../hooks/useNow.ts";
import { rememberWorkspace } from "../hooks/workspace.ts";
import {
  DELIVERY_FILTERS,
  type DeliveryFilter,
  filterState,
  isRetriable,
  stateLabel,
  stateTone,
  topicLabel,
} from "../lib/deliveries.ts";
import { dateTime, relativeTime } from "../lib/format.ts";

const PAGE = 50;

export const messagesHref = (workspace: string, delivery?: number) =>
  `/w/${encodeURIComponent(workspace)}/messages${delivery ? `?delivery=${delivery}` : ""}`;

function asFilter(value: string | null): DeliveryFilter {
  return DELIVERY_FILTERS.find((f) => f === value) ?? "all";
}

export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`badge badge-${stateTone(state)}`} data-state={state}>
      {stateLabel(state)}
    </span>
  );
}

function RetryButton({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { notify } = useToast();
  const retry = useMutation({
    mutationFn: () => endpoints.retryDelivery(delivery.id),
    onSuccess: () => {
      notify(t("messagesPage.theMessageWillBeSent"));
      void client.invalidateQueries({ queryKey: ["deliveries"] });
    },
    onError: (error) => notify(errorMessage(error), "error"),
  });
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={retry.isPending}
      onClick={() => retry.mutate()}
    >
      {t("messagesPage.retry")}
    </button>
  );
}

/** One message, opened from a link (`?delivery=`, e.g. after a ping): where it stands, its text. */
function DeliveryDetail({ id, now }: { id: number; now: Date }) {
  const { t } = useTranslation();
  const one = useQuery({
    queryKey: queryKeys.delivery(id),
    queryFn: ({ signal }) => endpoints.delivery(id, signal),
    // Until it is sent or failed, look again: the worker is on it.
    refetchInterval: (q) =>
      q.state.data && (q.state.data.state === "sent" || q.state.data.state === "failed")
        ? false
        : 1_000,
  });
  if (one.isPending) return <p>{t("messagesPage.loadingTheMessage")}</p>;
  if (one.isError)
    return (
      <p role="alert" className="error-text">
        {errorMessage(one.error)}
      </p>
    );
  const d = one.data;
  return (
    <section
      className="delivery-detail"
      aria-label={t("messagesPage.messageId", { id: d.id })}
      data-delivery-detail={d.id}
    >
      <h2>
        {t("messagesPage.topiclabelToRecipient", {
          topicLabel: topicLabel(d.topic),
          recipient: d.recipient,
        })}
      </h2>
      <p>
        <StateBadge state={d.state} /> {t("messagesPage.attempts", { count: d.attempts })}
        {t("messagesPage.written")}{" "}
        <span title={dateTime(d.createdAt)}>{relativeTime(d.createdAt, now)}</span>
        {d.response && <> {t("messagesPage.receiverAnsweredResponse", { response: d.response })}</>}
        {d.lastError && <> {t("messagesPage.lastErrorLasterror", { lastError: d.lastError })}</>}
      </p>
      <pre className="delivery-body">{d.body}</pre>
    </section>
  );
}

export function MessagesPage() {
  const { t } = useTranslation();
  const { workspace = "" } = useParams();
  const [params, editParams] = useAddressParams();
  const filter = asFilter(params.get("state"));
  const channel = params.get("channel") ?? "";
  const opened = /^[1-9][0-9]{0,14}$/.test(params.get("delivery") ?? "")
    ? Number(params.get("delivery"))
    : null;
  const now = useNow(60_000);
  const stateId = useId();
  const channelId = useId();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle(t("messagesPage.messages"));

  const base = new URLSearchParams({ workspace, limit: String(PAGE) });
  const state = filterState(filter);
  if (state) base.set("state", state);
  if (channel) base.set("channel", channel);
  const log = useInfiniteQuery({
    queryKey: queryKeys.deliveries(base.toString()),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams(base);
      if (pageParam > 0) q.set("before", String(pageParam));
      return endpoints.deliveries(q, signal);
    },
    getNextPageParam: (last) =>
      last.items.length < PAGE ? undefined : (last.items.at(-1)?.id ?? undefined),
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  const setParam = (key: string, value: string) => {
    editParams(
      (next) => {
        if (value && value !== "all") next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  return (
    <div className="page messages-page">
      <h1 tabIndex={-1} className="page-title">
        {t("messagesPage.messages")}
      </h1>
      <p className="page-lead">{t("messagesPage.emailWebhooksAndChatPosts")}</p>
      <div className="filter-row">
        <label htmlFor={stateId}>{t("messagesPage.state")}</label>
        <select id={stateId} value={filter} onChange={(e) => setParam("state", e.target.value)}>
          <option value="all">{t("messagesPage.all")}</option>
          <option value="failed">{t("messagesPage.failed")}</option>
          <option value="waiting">{t("messagesPage.waitingQueuedOrRetrying")}</option>
          <option value="sent">{t("messagesPage.sent")}</option>
        </select>
        <label htmlFor={channelId}>{t("messagesPage.channel")}</label>
        <select
          id={channelId}
          value={channel}
          onChange={(e) => setParam("channel", e.target.value)}
        >
          <option value="">{t("messagesPage.all")}</option>
          <option value="email">{t("messagesPage.email")}</option>
          <option value="webhook">{t("messagesPage.webhook")}</option>
          <option value="chat">{t("messagesPage.chat")}</option>
        </select>
      </div>
      {opened !== null && <DeliveryDetail id={opened} now={now} />}
      {log.isPending && <p>{t("messagesPage.loadingMessages")}</p>}
      {log.isError && (
        <p role="alert" className="error-text">
          {errorMessage(log.error)}
        </p>
      )}
      {log.isSuccess && rows.length === 0 && <p>{t("messagesPage.noMessages")}</p>}
      {rows.length > 0 && (
        <table className="data-table messages-table">
          <thead>
            <tr>
              <th scope="col">{t("messagesPage.when")}</th>
              <th scope="col">{t("messagesPage.topic")}</th>
              <th scope="col">{t("messagesPage.recipient")}</th>
              <th scope="col">{t("messagesPage.subject")}</th>
              <th scope="col">{t("messagesPage.state")}</th>
              <th scope="col">{t("messagesPage.attempts")}</th>
              <th scope="col">{t("messagesPage.lastError")}</th>
              <th scope="col">{t("messagesPage.case")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("messagesPage.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr
                key={d.id}
                data-delivery={d.id}
                className={d.id === opened ? "is-selected" : undefined}
              >
                <td title={dateTime(d.createdAt)}>{relativeTime(d.createdAt, now)}</td>
                <td>{topicLabel(d.topic)}</td>
                <td>{d.recipientName ? `${d.recipientName} <${d.recipient}>` : d.recipient}</td>
                <td>{d.subject}</td>
                <td>
                  <StateBadge state={d.state} />
                </td>
                <td>{d.attempts}</td>
                <td className="messages-error">{d.lastError ?? ""}</td>
                <td>
                  {d.caseNumber !== null && (
                    <Link to={`/cases/${d.caseNumber}`}>#{d.caseNumber}</Link>
                  )}
                </td>
                <td>{isRetriable(d.state) && <RetryButton delivery={d} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore list={log} />
    </div>
  );
}
