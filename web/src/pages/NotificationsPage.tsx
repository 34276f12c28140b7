// All my notifications, newest first, page by page: what the bell shows the latest of.

import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { AppNotification } from "../api/types.ts";
import { LoadMore } from "../components/LoadMore.tsx";
import { NotificationItem, useNotificationActions } from "../components/NotificationBell.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useNow } from "../hooks/useNow.ts";

const PAGE = 30;

export function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("notificationsPage.notifications"));
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get("unread") === "true";
  const toggleId = useId();
  const now = useNow();
  const { read, readAll } = useNotificationActions();
  const list = useInfiniteQuery({
    queryKey: queryKeys.notificationList(`page:${unreadOnly}`),
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      endpoints.notifications(
        { unread: unreadOnly, limit: PAGE, ...(pageParam > 0 ? { before: pageParam } : {}) },
        signal,
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  const open = (item: AppNotification) => {
    if (item.readAt === null) read.mutate(item.id);
  };

  return (
    <div className="page narrow notifications-page">
      <div className="page-header">
        <h1 tabIndex={-1} className="page-title">
          {t("notificationsPage.notifications")}
        </h1>
        <div className="page-header-actions">
          <label htmlFor={toggleId} className="checkbox">
            <input
              id={toggleId}
              type="checkbox"
              checked={unreadOnly}
              onChange={(e) => setParams(e.target.checked ? { unread: "true" } : {})}
            />{" "}
            {t("notificationsPage.unreadOnly")}
          </label>
          <button
            type="button"
            className="btn btn-small"
            disabled={unread === 0 || readAll.isPending}
            onClick={() => readAll.mutate()}
          >
            {t("notificationsPage.markAllRead")}
          </button>
        </div>
      </div>
      <p className="page-lead">{t("notificationsPage.mentionsOfYouInNotes")}</p>
      <p className="count">
        {unread === 1
          ? t("notificationsPage.n1Unread")
          : t("notificationsPage.unreadUnread", { unread })}
      </p>
      {list.isPending && <p>{t("notificationsPage.loadingNotifications")}</p>}
      {list.isError && (
        <p role="alert" className="error-text">
          {errorMessage(list.error)}
        </p>
      )}
      {list.isSuccess && items.length === 0 && (
        <p className="empty">
          {unreadOnly
            ? t("notificationsPage.nothingUnread")
            : t("notificationsPage.noNotificationsYet")}
        </p>
      )}
      {items.length > 0 && (
        <ul className="notification-list notification-list-page">
          {items.map((item) => (
            <NotificationItem key={item.id} item={item} now={now} onOpen={open} />
          ))}
        </ul>
      )}
      <LoadMore list={list} label={t("notificationsPage.olderNotifications")} />
    </div>
  );
}
