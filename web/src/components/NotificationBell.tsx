// The bell in the top bar: my unread count, live, and the latest notifications (mentions,
// approvals waiting, transfers to me), each opening what it is about and marked read on open.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import i18next from "i18next";
import { useCallback, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { AppNotification } from "../api/types.ts";
import { useDismiss } from "../hooks/useDismiss.ts";
import { useNow } from "../hooks/useNow.ts";
import { relativeTime } from "../lib/format.ts";
import { useToast } from "./Toasts.tsx";

const BELL_LIMIT = 12;

const KIND_LABEL: Record<string, string> = {
  mention: "notificationBell.kindMention",
  approval_waiting: "notificationBell.kindApprovalWaiting",
  transfer_to_me: "notificationBell.kindTransferToMe",
  clock_alert: "notificationBell.kindClockAlert",
  assigned_to_me: "notificationBell.kindAssignedToMe",
  desk_request: "notificationBell.kindDeskRequest",
  desk_decision: "notificationBell.kindDeskDecision",
  call_reminder: "notificationBell.kindCallReminder",
  call_missed: "notificationBell.kindCallMissed",
  task_mention: "notificationBell.kindTaskMention",
  task_follow_up: "notificationBell.kindTaskFollowUp",
  development_update: "notificationBell.kindDevelopmentUpdate",
};

export const notificationKindLabel = (kind: string) => {
  const key = KIND_LABEL[kind];
  return key ? i18next.t(key) : kind;
};

/** Mark-read and mark-all-read, refreshing every notification query when done. */
export function useNotificationActions() {
  const client = useQueryClient();
  const { notify } = useToast();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.notifications });
  const read = useMutation({
    mutationFn: (id: number) => endpoints.readNotification(id),
    onSettled: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => endpoints.readAllNotifications(),
    onSuccess: refresh,
    onError: (error) => notify(errorMessage(error), "error"),
  });
  return { read, readAll };
}

/** One notification as a link: opening it marks it read and goes to the case or the inbox. */
export function NotificationItem({
  item,
  now,
  onOpen,
}: {
  item: AppNotification;
  now: Date;
  onOpen: (item: AppNotification) => void;
}) {
  const { t } = useTranslation();
  const unread = item.readAt === null;
  return (
    <li className={`notification ${unread ? "is-unread" : ""}`} data-kind={item.kind}>
      <Link to={item.link} className="notification-link" onClick={() => onOpen(item)}>
        <span className="notification-meta">
          {unread && (
            <>
              <span className="notification-dot" aria-hidden="true" />
              <span className="visually-hidden">{t("notificationBell.unread")} </span>
            </>
          )}
          <span className="notification-kind">{notificationKindLabel(item.kind)}</span>
          <time className="muted small" dateTime={item.createdAt}>
            {relativeTime(item.createdAt, now)}
          </time>
        </span>
        <span className="notification-title">{item.title}</span>
        {item.body && <span className="notification-body">{item.body}</span>}
      </Link>
    </li>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const now = useNow();
  const { read, readAll } = useNotificationActions();
  const latest = useQuery({
    queryKey: queryKeys.notificationList(`bell:${BELL_LIMIT}`),
    queryFn: ({ signal }) => endpoints.notifications({ limit: BELL_LIMIT }, signal),
    // Live events refresh it; this only covers a stream that is down.
    refetchInterval: 120_000,
  });
  const unread = latest.data?.unread ?? 0;

  useDismiss(open, closeMenu, ref, buttonRef);

  const openItem = (item: AppNotification) => {
    setOpen(false);
    if (item.readAt === null) read.mutate(item.id);
  };

  return (
    <div className="notification-menu" ref={ref}>
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-ghost btn-icon notification-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t("notificationBell.notificationsUnreadUnread", { unread })}
        title={t("notificationBell.notifications")}
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none">
          <path
            d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4l2-2Zm4 4h4"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 && (
          <span className="notification-count" data-testid="notification-count">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      <section
        id={panelId}
        className="notification-panel"
        hidden={!open}
        aria-label={t("notificationBell.notifications")}
      >
        <div className="notification-panel-header">
          <h2 className="notification-panel-title">{t("notificationBell.notifications")}</h2>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={unread === 0 || readAll.isPending}
            onClick={() => readAll.mutate()}
          >
            {t("notificationBell.markAllRead")}
          </button>
        </div>
        {latest.isError && (
          <p role="alert" className="error-text">
            {errorMessage(latest.error)}
          </p>
        )}
        {latest.data && latest.data.items.length === 0 && (
          <p className="muted notification-empty">
            {t("notificationBell.nothingYetMentionsApprovalsWaiting")}
          </p>
        )}
        <ul className="notification-list">
          {latest.data?.items.map((item) => (
            <NotificationItem key={item.id} item={item} now={now} onOpen={openItem} />
          ))}
        </ul>
        <Link to="/notifications" className="notification-all" onClick={() => setOpen(false)}>
          {t("notificationBell.allNotifications")}
        </Link>
      </section>
    </div>
  );
}
