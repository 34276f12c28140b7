// The delivery log of a workspace (issue 6): what Baton sent or will send, to whom, with retry.
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { Delivery } from "../api/types.ts";
import { useToast } from "../components/Toasts.tsx";
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

export const messagesHref = (workspace: string) => `/w/${encodeURIComponent(workspace)}/messages`;

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
  const client = useQueryClient();
  const { notify } = useToast();
  const retry = useMutation({
    mutationFn: () => endpoints.retryDelivery(delivery.id),
    onSuccess: () => {
      notify("The message will be sent again.");
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
      Retry
    </button>
  );
}

export function MessagesPage() {
  const { workspace = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const filter = asFilter(params.get("state"));
  const channel = params.get("channel") ?? "";
  const now = useNow(60_000);
  const stateId = useId();
  const channelId = useId();
  useEffect(() => rememberWorkspace(workspace), [workspace]);
  useDocumentTitle("Messages");

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
    const next = new URLSearchParams(params);
    if (value && value !== "all") next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <div className="page messages-page">
      <h1 tabIndex={-1} className="page-title">
        Messages
      </h1>
      <p className="page-lead">
        Email and webhooks Baton sent or will send for this workspace, newest first. Leads,
        supervisors, dispatch and admins see every message; others see those of their own cases.
      </p>
      <div className="filter-row">
        <label htmlFor={stateId}>State</label>
        <select id={stateId} value={filter} onChange={(e) => setParam("state", e.target.value)}>
          <option value="all">All</option>
          <option value="failed">Failed</option>
          <option value="waiting">Waiting to retry</option>
          <option value="sent">Sent</option>
        </select>
        <label htmlFor={channelId}>Channel</label>
        <select
          id={channelId}
          value={channel}
          onChange={(e) => setParam("channel", e.target.value)}
        >
          <option value="">All</option>
          <option value="email">Email</option>
          <option value="webhook">Webhook</option>
        </select>
      </div>
      {log.isPending && <p>Loading messages…</p>}
      {log.isError && (
        <p role="alert" className="error-text">
          {errorMessage(log.error)}
        </p>
      )}
      {log.isSuccess && rows.length === 0 && <p>No messages.</p>}
      {rows.length > 0 && (
        <table className="data-table messages-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Topic</th>
              <th scope="col">Recipient</th>
              <th scope="col">Subject</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">Case</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id} data-delivery={d.id}>
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
      {log.hasNextPage && (
        <button
          type="button"
          className="btn"
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          Load more
        </button>
      )}
    </div>
  );
}
